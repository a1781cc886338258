// The service queue on its own (docs/model.md, "Time and calendars", "Service centre",
// "Servers"), built by hand: a pool of identical servers in front of one FIFO queue, on a
// calendar, with patience. Fulfilment stations and customer-service agents are both this.
#include "surge/nodes/service_queue.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <optional>
#include <utility>
#include <vector>

#include "../support/node_fakes.hpp"

namespace surge {
namespace {

using Times = std::vector<std::pair<std::uint64_t, Time>>;

struct Desk {
  Desk(double servers, Distribution service, std::optional<Distribution> patience = std::nullopt,
       Calendar hours = Calendar())
      : calendar(std::move(hours)),
        queue(env.world,
              ServiceQueueSpec{0, "agents", ResourceKind::agents, servers, std::move(service),
                               &calendar, std::move(patience)},
              RandomStream(1), RandomStream(2), owner, 0) {
    queue.start();
  }
  test::TestWorld env;
  test::FakeQueueOwner owner{env.world};
  Calendar calendar;
  ServiceQueue queue;
};

TEST_CASE("a service queue serves first come first served with at most its servers busy",
          "[nodes][service_queue]") {
  Desk desk(2, Distribution::constant(1.0));
  for (std::uint64_t tag : {1, 2, 3}) desk.queue.arrive(tag);
  CHECK(desk.queue.busy() == 2);
  CHECK(desk.queue.waiting() == 1);
  desk.env.at(10);
  CHECK(desk.owner.starts == Times{{1, 0.0}, {2, 0.0}, {3, 1.0}});
  CHECK(desk.owner.served_ == Times{{1, 1.0}, {2, 1.0}, {3, 2.0}});
  // The third waited an hour; what was published says so.
  REQUIRE(desk.env.observer.started.size() == 3);
  CHECK(desk.env.observer.started[2].waited == 1.0);
  const auto& levels = desk.env.observer.resources[0];
  CHECK(levels.back().a == 0);  // nobody waiting
  CHECK(levels.back().b == 0);  // nobody in service
  CHECK(levels.back().c == 2);  // both servers available
}

TEST_CASE("a waiting job abandons when its patience runs out, a job in service never does",
          "[nodes][service_queue]") {
  Desk desk(1, Distribution::constant(2.0), Distribution::constant(0.5));
  desk.queue.arrive(1);  // served at once: its patience never applies
  desk.queue.arrive(2);  // waits, leaves at 0.5
  desk.env.at(1.0);
  desk.queue.arrive(3);  // waits, leaves at 1.5
  desk.env.at(1.75);
  desk.queue.arrive(4);  // the server frees at 2: served after 0.25 h, within its patience
  desk.env.at(10);
  CHECK(desk.owner.gave_up == Times{{2, 0.5}, {3, 1.5}});
  CHECK(desk.owner.starts == Times{{1, 0.0}, {4, 2.0}});
  CHECK(desk.owner.served_ == Times{{1, 2.0}, {4, 4.0}});
  REQUIRE(desk.env.observer.abandoned.size() == 2);
  CHECK(desk.env.observer.abandoned[0].waited == 0.5);
  CHECK(desk.queue.waiting() == 0);
}

TEST_CASE("a calendar closing mid-service lets the job finish and starts nothing until it opens",
          "[nodes][service_queue][calendar]") {
  // Open 08:00-10:00 every day; a job takes 3 h.
  Desk desk(1, Distribution::constant(3.0), std::nullopt, test::daily(8, 10));
  desk.queue.arrive(1);  // at 00:00, closed: waits for 08:00
  desk.env.at(9.5);
  desk.queue.arrive(2);  // the server is busy until 11:00, after closing
  desk.env.at(100);
  CHECK(desk.owner.starts == Times{{1, 8.0}, {2, 32.0}});  // 2 starts at the next opening
  CHECK(desk.owner.served_ == Times{{1, 11.0}, {2, 35.0}});
  // While closed no server is available, and the one finishing its job is not counted busy.
  bool closed_seen = false;
  for (const auto& l : desk.env.observer.resources[0])
    if (l.t == 10.0) {
      closed_seen = true;
      CHECK(l.c == 0);
      CHECK(l.b == 0);
    }
  CHECK(closed_seen);
}

TEST_CASE("zero servers serve nothing and unlimited servers serve everyone at once",
          "[nodes][service_queue]") {
  Desk none(0, Distribution::constant(1.0));
  for (std::uint64_t tag : {1, 2}) none.queue.arrive(tag);
  none.env.at(100);
  CHECK(none.owner.starts.empty());
  CHECK(none.queue.waiting() == 2);

  Desk all(kUnlimited, Distribution::constant(1.0));
  for (std::uint64_t tag : {1, 2, 3}) all.queue.arrive(tag);
  CHECK(all.queue.busy() == 3);
  all.env.at(100);
  CHECK(all.owner.served_ == Times{{1, 1.0}, {2, 1.0}, {3, 1.0}});
}

TEST_CASE("service times are drawn per job from the queue's stream", "[nodes][service_queue]") {
  Desk desk(kUnlimited, Distribution::exponential(1.0));
  for (std::uint64_t tag = 0; tag < 200; ++tag) desk.queue.arrive(tag);
  desk.env.at(1e6);
  // Every job its own draw: 200 different completion times whose mean is near 1 h (an
  // exponential's mean of 200 has sd 1/sqrt(200) = 0.07; 5 sd either side).
  std::vector<Time> done;
  double sum = 0;
  for (const auto& s : desk.owner.served_) {
    done.push_back(s.second);
    sum += s.second;
  }
  std::sort(done.begin(), done.end());
  CHECK(std::adjacent_find(done.begin(), done.end()) == done.end());
  CHECK(sum / 200 == Approx(1.0).margin(5 * 0.0707));
}

}  // namespace
}  // namespace surge

namespace surge {
namespace {

TEST_CASE("a job that finds every server busy is published as queued, with its tag",
          "[nodes][service_queue][census]") {
  Desk desk(1, Distribution::constant(1.0));
  for (std::uint64_t tag : {7, 8, 9}) desk.queue.arrive(tag);
  desk.env.at(10);
  const auto& queued = desk.env.observer.queued;
  REQUIRE(queued.size() == 2);
  CHECK(queued[0].tag == 8);
  CHECK(queued[1].tag == 9);
  CHECK(queued[0].t == 0);
}

}  // namespace
}  // namespace surge
