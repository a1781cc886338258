// The future event list and the scheduler: the order (time, priority, sequence) is total and
// documented in docs/kernel.md; misuse of the clock throws InternalError.
#include "surge/kernel/event_queue.hpp"

#include <algorithm>
#include <boost/random/uniform_int_distribution.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <set>
#include <utility>
#include <vector>

#include "surge/kernel/error.hpp"
#include "surge/kernel/random.hpp"
#include "surge/kernel/simulator.hpp"

namespace surge {
namespace {

struct Seen {
  Time time;
  std::uint32_t kind;
  std::uint64_t payload;
};

// Records every event it receives, with the clock at that moment.
class Recorder : public EventHandler {
 public:
  explicit Recorder(const Simulator& sim) : sim_(sim) {}
  void handle(const Event& event) override {
    seen.push_back({sim_.now(), event.kind, event.payload});
  }
  std::vector<Seen> seen;

 private:
  const Simulator& sim_;
};

std::vector<std::uint64_t> payloads(const std::vector<Seen>& seen) {
  std::vector<std::uint64_t> out;
  for (const Seen& s : seen) out.push_back(s.payload);
  return out;
}

Event make_event(Time time, std::int32_t priority, std::uint64_t sequence) {
  return Event{time, Event::make_order(priority, sequence), nullptr, sequence, 0};
}

}  // namespace

TEST_CASE("runs_before orders by time, then priority, then sequence", "[kernel]") {
  CHECK(runs_before(make_event(1.0, 5, 9), make_event(2.0, -5, 0)));
  CHECK_FALSE(runs_before(make_event(2.0, -5, 0), make_event(1.0, 5, 9)));
  CHECK(runs_before(make_event(1.0, -1, 9), make_event(1.0, 0, 0)));
  CHECK(runs_before(make_event(1.0, 0, 3), make_event(1.0, 0, 4)));
  CHECK_FALSE(runs_before(make_event(1.0, 0, 4), make_event(1.0, 0, 4)));  // strict
}

TEST_CASE("the event queue pops a few events in (time, priority, sequence) order", "[kernel]") {
  EventQueue queue;
  queue.push(make_event(2.0, 0, 0));
  queue.push(make_event(1.0, 10, 1));
  queue.push(make_event(1.0, -10, 2));
  queue.push(make_event(1.0, 10, 3));
  queue.push(make_event(0.5, 99, 4));
  REQUIRE(queue.size() == 5);
  CHECK(queue.top().sequence() == 4);
  std::vector<std::uint64_t> order;
  while (!queue.empty()) order.push_back(queue.pop().sequence());
  CHECK(order == std::vector<std::uint64_t>{4, 2, 1, 3, 0});
}

TEST_CASE("many random events pop in sorted order", "[kernel]") {
  RandomStream stream(20240601);
  // Few distinct times and priorities, so ties on both are common.
  boost::random::uniform_int_distribution<int> time_of(0, 50), priority_of(-2, 2);
  EventQueue queue;
  std::vector<Event> expected;
  std::uint64_t sequence = 0;
  auto push_some = [&](int count) {
    for (int i = 0; i < count; ++i) {
      Event e =
          make_event(0.25 * time_of(stream.engine()), priority_of(stream.engine()), sequence++);
      queue.push(e);
      expected.push_back(e);
    }
  };
  push_some(5000);
  std::vector<Event> popped;
  // Interleave pops and pushes, as a simulation does.
  for (int round = 0; round < 20; ++round) {
    for (int i = 0; i < 200; ++i) popped.push_back(queue.pop());
    push_some(100);
  }
  while (!queue.empty()) popped.push_back(queue.pop());
  REQUIRE(popped.size() == expected.size());

  // Every event comes out once, and what was popped after the last push is sorted.
  std::vector<std::uint64_t> in, out;
  for (auto& e : expected) in.push_back(e.sequence());
  for (auto& e : popped) out.push_back(e.sequence());
  std::sort(out.begin(), out.end());
  CHECK(in == out);

  // Without interleaving, the pop order is exactly the sorted order.
  EventQueue fresh;
  for (auto& e : expected) fresh.push(e);
  std::vector<Event> sorted = expected;
  std::sort(sorted.begin(), sorted.end(), runs_before);
  for (const Event& want : sorted) {
    Event got = fresh.pop();
    REQUIRE(got.sequence() == want.sequence());
  }
  CHECK(fresh.empty());
}

TEST_CASE("interleaved pops never go back in time", "[kernel]") {
  RandomStream stream(7);
  boost::random::uniform_int_distribution<int> delay_of(0, 20), priority_of(-1, 1);
  EventQueue queue;
  std::uint64_t sequence = 0;
  for (int i = 0; i < 1000; ++i)
    queue.push(make_event(delay_of(stream.engine()), priority_of(stream.engine()), sequence++));
  Event last = queue.pop();
  // Like a simulation: every new event is no earlier than the one being handled. (It may have
  // a lower priority than that one, so only time, not (time, priority), is monotone.)
  for (int i = 0; i < 20000 && !queue.empty(); ++i) {
    if (i < 15000)
      queue.push(make_event(last.time + delay_of(stream.engine()), priority_of(stream.engine()),
                            sequence++));
    Event next = queue.pop();
    REQUIRE(next.time >= last.time);
    last = next;
  }
}

TEST_CASE("equal-time events run in insertion order", "[kernel]") {
  Simulator sim;
  Recorder recorder(sim);
  for (std::uint64_t i = 0; i < 100; ++i) sim.schedule(3.0, &recorder, 0, i);
  sim.run(10.0);
  std::vector<std::uint64_t> want(100);
  for (std::uint64_t i = 0; i < 100; ++i) want[i] = i;
  CHECK(payloads(recorder.seen) == want);
}

TEST_CASE("at one instant, priorities run in the documented order", "[kernel]") {
  Simulator sim;
  Recorder recorder(sim);
  // Scheduled in the reverse of the order they must run in.
  sim.schedule_at(5.0, &recorder, 0, 5, kPrioritySample);
  sim.schedule_at(5.0, &recorder, 0, 4, kPriorityReview);
  sim.schedule_at(5.0, &recorder, 0, 3, kPriorityDefault);
  sim.schedule_at(5.0, &recorder, 0, 2, kPriorityArrival);
  sim.schedule_at(5.0, &recorder, 0, 1, kPriorityCalendar);
  sim.schedule_at(4.0, &recorder, 0, 0, kPrioritySample);
  sim.run(5.0);
  CHECK(payloads(recorder.seen) == std::vector<std::uint64_t>{0, 1, 2, 3, 4, 5});
  STATIC_REQUIRE(kPriorityCalendar < kPriorityArrival);
  STATIC_REQUIRE(kPriorityArrival < kPriorityDefault);
  STATIC_REQUIRE(kPriorityDefault < kPriorityReview);
  STATIC_REQUIRE(kPriorityReview < kPrioritySample);
}

TEST_CASE("an event scheduled now runs after those already waiting at now", "[kernel]") {
  Simulator sim;
  struct Chain : EventHandler {
    Simulator* sim;
    std::vector<std::uint64_t> order;
    void handle(const Event& e) override {
      order.push_back(e.payload);
      if (e.payload == 1) sim->schedule(0.0, this, 0, 99);
    }
  } chain;
  chain.sim = &sim;
  sim.schedule(1.0, &chain, 0, 1);
  sim.schedule(1.0, &chain, 0, 2);
  sim.schedule(1.0, &chain, 0, 3);
  sim.run(1.0);
  CHECK(chain.order == std::vector<std::uint64_t>{1, 2, 3, 99});
  CHECK(sim.now() == 1.0);
}

TEST_CASE("the handler receives kind, payload and the clock at the event", "[kernel]") {
  Simulator sim;
  Recorder recorder(sim);
  sim.schedule(2.5, &recorder, 7, 123456789012345ULL);
  REQUIRE(sim.step());
  REQUIRE(recorder.seen.size() == 1);
  CHECK(recorder.seen[0].time == 2.5);
  CHECK(recorder.seen[0].kind == 7);
  CHECK(recorder.seen[0].payload == 123456789012345ULL);
  CHECK_FALSE(sim.step());  // nothing left
}

TEST_CASE("run(until) runs events up to and including until, then sets the clock", "[kernel]") {
  Simulator sim;
  Recorder recorder(sim);
  for (Time t : {1.0, 2.0, 2.5, 3.0, 5.0}) sim.schedule_at(t, &recorder, 0, 0);

  SECTION("stops at until, leaving later events pending") {
    sim.run(2.5);
    CHECK(recorder.seen.size() == 3);  // 2.5 itself runs
    CHECK(sim.now() == 2.5);
    CHECK(sim.pending() == 2);
    sim.run(4.0);
    CHECK(recorder.seen.size() == 4);
    CHECK(sim.now() == 4.0);  // the clock moves to until even with no event there
    sim.run(100.0);
    CHECK(recorder.seen.size() == 5);
    CHECK(sim.now() == 100.0);
    CHECK(sim.pending() == 0);
  }
  SECTION("an empty window only moves the clock") {
    sim.run(0.5);
    CHECK(recorder.seen.empty());
    CHECK(sim.now() == 0.5);
  }
  SECTION("run(until) with until before now is an internal error and changes nothing") {
    sim.run(3.0);
    CHECK_THROWS_AS(sim.run(1.0), InternalError);
    CHECK(sim.now() == 3.0);
    CHECK(recorder.seen.size() == 4);
  }
  SECTION("events scheduled during the run inside the window also run") {
    struct Spawner : EventHandler {
      Simulator* sim;
      int count = 0;
      void handle(const Event&) override {
        if (++count < 10) sim->schedule(0.1, this, 0);
      }
    } spawner;
    spawner.sim = &sim;
    sim.schedule(0.0, &spawner, 0);
    sim.run(0.55);
    CHECK(spawner.count == 6);  // at 0, 0.1, ..., 0.5
  }
  for (std::size_t i = 1; i < recorder.seen.size(); ++i)
    CHECK(recorder.seen[i - 1].time <= recorder.seen[i].time);
}

TEST_CASE("replace_top is a pop followed by a push", "[kernel]") {
  RandomStream stream(11);
  boost::random::uniform_int_distribution<int> time_of(0, 30), priority_of(-1, 1);
  EventQueue replaced, reference;
  std::uint64_t sequence = 0;
  for (int i = 0; i < 200; ++i) {
    Event e = make_event(time_of(stream.engine()), priority_of(stream.engine()), sequence++);
    replaced.push(e);
    reference.push(e);
  }
  for (int i = 0; i < 2000; ++i) {
    Event e = make_event(replaced.top().time + time_of(stream.engine()),
                         priority_of(stream.engine()), sequence++);
    replaced.replace_top(e);
    reference.pop();
    reference.push(e);
    REQUIRE(replaced.top().sequence() == reference.top().sequence());
  }
  while (!reference.empty()) REQUIRE(replaced.pop().sequence() == reference.pop().sequence());
  CHECK(replaced.empty());
}

TEST_CASE("near and far events leave the queue in (time, priority, sequence) order", "[kernel]") {
  // Delays from minutes to days, so events land in both heaps (EventQueue::kNearHours) and
  // replace_top() moves between them; a sorted set is the reference.
  RandomStream stream(23);
  boost::random::uniform_int_distribution<int> minutes_of(0, 3 * 24 * 60), priority_of(-1, 1),
      coin(0, 1), action_of(0, 3);
  EventQueue queue;
  std::set<std::pair<Time, std::uint64_t>> reference;
  std::uint64_t sequence = 0;
  auto push = [&](Time now) {
    // Half of them within the hour, the rest up to three days ahead.
    int minutes = minutes_of(stream.engine());
    if (coin(stream.engine()) == 0) minutes %= 60;
    Event e = make_event(now + minutes / 60.0, priority_of(stream.engine()), sequence++);
    queue.push(e);
    reference.emplace(e.time, e.order);
  };
  for (int i = 0; i < 300; ++i) push(0.0);
  std::size_t far_replaced = 0;
  for (int i = 0; i < 20000 && !reference.empty(); ++i) {
    const Event top = queue.top();
    REQUIRE(std::make_pair(top.time, top.order) == *reference.begin());
    // Like handlers: schedule one event (it takes the top's place), none, or two; after
    // 15,000 steps, none, until the queue is empty.
    const int action = i < 15000 ? action_of(stream.engine()) : 1;
    if (action == 0 || action == 3) {
      int minutes = minutes_of(stream.engine());
      if (coin(stream.engine()) == 0) minutes %= 60;
      Event e = make_event(top.time + minutes / 60.0, priority_of(stream.engine()), sequence++);
      far_replaced += e.time - top.time > EventQueue::kNearHours ? 1 : 0;
      queue.replace_top(e);
      reference.erase(reference.begin());
      reference.emplace(e.time, e.order);
      if (action == 3) push(top.time);
    } else {
      queue.pop();
      reference.erase(reference.begin());
      if (action == 2) push(top.time);
    }
    REQUIRE(queue.size() == reference.size());
  }
  CHECK(far_replaced > 1000);  // replace_top() moved events into the far heap
  CHECK(queue.empty());
}

// Schedules 0, 1 or 2 follow-ups per event (by payload), so the handled event's heap slot is
// taken over, left to be popped, or taken over and followed by a push.
class Spawner : public EventHandler {
 public:
  explicit Spawner(Simulator& sim) : sim_(sim) {}
  void handle(const Event& event) override {
    seen.push_back({sim_.now(), event.kind, event.payload});
    pending_seen.push_back(sim_.pending());
    if (seen.size() > 3000) return;
    for (std::uint64_t k = 0; k < event.payload % 3; ++k)
      sim_.schedule(static_cast<double>((event.payload * 7 + k * 3) % 5), this, 0,
                    event.payload * 31 + k + 1, static_cast<std::int32_t>(k));
  }
  std::vector<Seen> seen;
  std::vector<std::size_t> pending_seen;

 private:
  Simulator& sim_;
};

TEST_CASE("handlers scheduling 0, 1 or 2 events run in (time, priority, sequence) order",
          "[kernel]") {
  Simulator sim;
  Spawner spawner(sim);
  for (std::uint64_t p = 1; p <= 40; ++p)
    sim.schedule(static_cast<double>(p % 4), &spawner, 0, p * 1000003);
  // The same events replayed through a plain EventQueue, pop then push, give the order.
  EventQueue reference;
  std::uint64_t sequence = 0;
  for (std::uint64_t p = 1; p <= 40; ++p)
    reference.push(Event{static_cast<double>(p % 4), Event::make_order(0, sequence++), nullptr,
                         p * 1000003, 0});
  std::vector<std::uint64_t> want;
  std::vector<std::size_t> want_pending;
  while (!reference.empty()) {
    Event e = reference.pop();
    want.push_back(e.payload);
    want_pending.push_back(reference.size());
    if (want.size() > 3000) continue;
    for (std::uint64_t k = 0; k < e.payload % 3; ++k)
      reference.push(Event{e.time + static_cast<double>((e.payload * 7 + k * 3) % 5),
                           Event::make_order(static_cast<std::int32_t>(k), sequence++), nullptr,
                           e.payload * 31 + k + 1, 0});
  }
  while (sim.step()) {
  }
  CHECK(payloads(spawner.seen) == want);
  CHECK(spawner.pending_seen == want_pending);  // the handled event is no longer pending
  CHECK(sim.pending() == 0);
}

class Thrower : public EventHandler {
 public:
  void handle(const Event&) override { throw Error("boom"); }
};

TEST_CASE("a handler that throws leaves its event handled", "[kernel]") {
  Simulator sim;
  Thrower thrower;
  Recorder recorder(sim);
  sim.schedule(1.0, &thrower, 0);
  sim.schedule(2.0, &recorder, 0, 7);
  CHECK_THROWS_AS(sim.step(), Error);
  CHECK(sim.pending() == 1);
  CHECK(sim.step());
  REQUIRE(recorder.seen.size() == 1);
  CHECK(recorder.seen[0].payload == 7);
  CHECK_FALSE(sim.step());
}

TEST_CASE("events_run counts handled events", "[kernel]") {
  Simulator sim;
  Recorder recorder(sim);
  CHECK(sim.events_run() == 0);
  for (int i = 0; i < 10; ++i) sim.schedule(i, &recorder, 0);
  sim.run(4.0);
  CHECK(sim.events_run() == 5);
  CHECK(sim.pending() == 5);
  while (sim.step()) {
  }
  CHECK(sim.events_run() == 10);
  CHECK(sim.now() == 9.0);
}

TEST_CASE("time never goes backwards: misuse throws InternalError", "[kernel]") {
  Simulator sim;
  Recorder recorder(sim);
  sim.run(5.0);
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();

  CHECK_THROWS_AS(sim.schedule(-1.0, &recorder, 0), InternalError);
  CHECK_THROWS_WITH(sim.schedule(-1.0, &recorder, 0), Catch::Contains("negative"));
  CHECK_THROWS_AS(sim.schedule(-1e-12, &recorder, 0), InternalError);
  CHECK_THROWS_AS(sim.schedule(nan, &recorder, 0), InternalError);
  CHECK_THROWS_AS(sim.schedule(inf, &recorder, 0), InternalError);
  CHECK_THROWS_AS(sim.schedule_at(4.999, &recorder, 0), InternalError);
  CHECK_THROWS_WITH(sim.schedule_at(4.0, &recorder, 0), Catch::Contains("past"));
  CHECK_THROWS_AS(sim.schedule_at(nan, &recorder, 0), InternalError);
  CHECK_THROWS_AS(sim.schedule_at(inf, &recorder, 0), InternalError);
  CHECK_THROWS_AS(sim.schedule(1.0, nullptr, 0), InternalError);
  CHECK_THROWS_WITH(sim.schedule(1.0, &recorder, 0, 0, 128), Catch::Contains("priority"));
  CHECK_THROWS_WITH(sim.schedule(1.0, &recorder, 0, 0, -129), Catch::Contains("priority"));
  CHECK_THROWS_WITH(sim.schedule(1.0, &recorder, 0, 0, std::numeric_limits<std::int32_t>::max()),
                    Catch::Contains("priority"));
  CHECK_THROWS_WITH(sim.schedule(1.0, &recorder, 0, 0, std::numeric_limits<std::int32_t>::min()),
                    Catch::Contains("priority"));
  CHECK_NOTHROW(sim.schedule(1.0, &recorder, 0, 0, -128));
  CHECK_NOTHROW(sim.schedule(1.0, &recorder, 0, 0, 127));
  // InternalError is a surge::Error, the library's one exception base.
  CHECK_THROWS_AS(sim.schedule(-1.0, &recorder, 0), Error);

  CHECK(sim.pending() == 2);  // the two valid ones; nothing half-scheduled
  CHECK_NOTHROW(sim.schedule(0.0, &recorder, 0));
  CHECK_NOTHROW(sim.schedule_at(5.0, &recorder, 0));
  CHECK(sim.pending() == 4);
}

}  // namespace surge
