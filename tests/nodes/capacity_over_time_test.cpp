// Capacity over time (docs/model.md, "Capacity over time"), node by node and built by hand: every
// transition of a schedule, with times worked out by hand. Servers and agents (a service queue):
// more servers start waiting jobs at once; a server taken away while busy finishes its job and
// nothing starts until fewer are busy than the schedule allows; weekly slot edges; a dated
// window; the calendar still deciding when capacity works. A line's rate: a change applies from
// the next unit, also inside a batch. A lane's and a supplier's capacity: a change applies from
// its instant, to the load under way and to those queued behind it.
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../support/node_fakes.hpp"
#include "../support/run_support.hpp"
#include "surge/nodes/lane.hpp"
#include "surge/nodes/production_line.hpp"
#include "surge/nodes/service_queue.hpp"
#include "surge/nodes/supplier.hpp"

namespace surge {
namespace {

using Times = std::vector<std::pair<std::uint64_t, Time>>;
using Arrivals = std::vector<std::pair<Time, double>>;
using Slot = CapacitySchedule::Slot;
using Window = CapacitySchedule::Window;

// A schedule of `base` with dated windows (no weekly slots).
CapacitySchedule with_windows(double base, std::vector<Window> windows) {
  return CapacitySchedule(base, {}, std::move(windows), DateAxis());
}

struct Desk {
  Desk(CapacitySchedule servers, Time service, Calendar hours = Calendar())
      : calendar(std::move(hours)),
        queue(env.world,
              ServiceQueueSpec{0, "agents", ResourceKind::agents, std::move(servers),
                               Distribution::constant(service), &calendar, std::nullopt},
              RandomStream(1), RandomStream(2), owner, 0) {
    queue.start();
  }
  // What was published at time t (the last record at t).
  test::RecordingObserver::Levels published_at(Time t) const {
    std::optional<test::RecordingObserver::Levels> found;
    for (const auto& l : env.observer.resources[0])
      if (l.t == t) found = l;
    REQUIRE(found);
    return *found;
  }
  test::TestWorld env;
  test::FakeQueueOwner owner{env.world};
  Calendar calendar;
  ServiceQueue queue;
};

TEST_CASE("servers added by a schedule start waiting jobs at the instant they come",
          "[nodes][capacity]") {
  // One server, three from 2 h to 4 h; jobs of 5 h.
  Desk desk(with_windows(1, {{2, 4, 3}}), 5);
  for (std::uint64_t tag : {1, 2, 3}) desk.queue.arrive(tag);
  desk.env.at(100);
  CHECK(desk.owner.starts == Times{{1, 0.0}, {2, 2.0}, {3, 2.0}});
  // At 4 h two servers go while busy: they finish their jobs (at 7 h).
  CHECK(desk.owner.served_ == Times{{1, 5.0}, {2, 7.0}, {3, 7.0}});
  CHECK(desk.published_at(2).c == 3);
  CHECK(desk.published_at(2).b == 3);
  // From 4 h one server is available; the two busy beyond it are counted neither busy nor
  // available, so utilisation stays a share of the scheduled hours.
  CHECK(desk.published_at(4).c == 1);
  CHECK(desk.published_at(4).b == 1);
}

TEST_CASE("a server taken away while busy finishes its job and nothing starts until fewer are busy",
          "[nodes][capacity]") {
  // Two servers, one from 1 h on; jobs of 3 h arrive at 0, 0.5 and 0.6.
  Desk desk(with_windows(2, {{1, 1000, 1}}), 3);
  desk.queue.arrive(1);
  desk.env.at(0.5);
  desk.queue.arrive(2);
  desk.env.at(0.6);
  desk.queue.arrive(3);
  desk.env.at(1.5);
  CHECK(desk.queue.busy() == 2);  // the one taken away at 1 h is still at work
  desk.env.at(100);
  // Job 1 ends at 3 h: one busy, one allowed, so job 3 still waits; it starts when job 2 ends.
  CHECK(desk.owner.served_ == Times{{1, 3.0}, {2, 3.5}, {3, 6.5}});
  CHECK(desk.owner.starts == Times{{1, 0.0}, {2, 0.5}, {3, 3.5}});
}

TEST_CASE("weekly slots open and close capacity at their edges", "[nodes][capacity]") {
  // Mondays 08:00-10:00 one server, none otherwise; jobs of 1 h.
  Desk desk(CapacitySchedule(0, {Slot{0, 8, 10, 1}}, {}, DateAxis()), 1);
  desk.queue.arrive(1);  // Monday 00:00: waits for 08:00
  desk.env.at(9.5);
  desk.queue.arrive(2);  // 09:30: the server is free since 09:00
  desk.env.at(10);
  desk.queue.arrive(3);  // 10:00, the slot's end: waits a week
  desk.env.at(400);
  CHECK(desk.owner.starts == Times{{1, 8.0}, {2, 9.5}, {3, 7 * 24 + 8.0}});
  // Job 2 runs past the slot's end and finishes (10:30).
  CHECK(desk.owner.served_ == Times{{1, 9.0}, {2, 10.5}, {3, 7 * 24 + 9.0}});
  CHECK(desk.published_at(8).c == 1);
  CHECK(desk.published_at(10).c == 0);
  CHECK(desk.published_at(10).b == 0);
}

TEST_CASE("weekly slots follow the start date's weekdays", "[nodes][capacity]") {
  // 2026-10-01 is a Thursday: a Thursday slot is open on day 0, a Monday one on day 4.
  using namespace std::chrono;
  DateAxis thursday(year_month_day{year{2026}, month{10}, day{1}});
  Desk on_thursday(CapacitySchedule(0, {Slot{3, 8, 10, 1}}, {}, thursday), 1);
  Desk on_monday(CapacitySchedule(0, {Slot{0, 8, 10, 1}}, {}, thursday), 1);
  on_thursday.queue.arrive(1);
  on_monday.queue.arrive(1);
  on_thursday.env.at(200);
  on_monday.env.at(200);
  CHECK(on_thursday.owner.starts == Times{{1, 8.0}});
  CHECK(on_monday.owner.starts == Times{{1, 4 * 24 + 8.0}});
}

TEST_CASE("a dated window gives its value only inside [from, to)", "[nodes][capacity]") {
  // No servers except two from day 1 to day 2; jobs of 30 h.
  Desk desk(with_windows(0, {{24, 48, 2}}), 30);
  for (std::uint64_t tag : {1, 2, 3}) desk.queue.arrive(tag);
  desk.env.at(1000);
  CHECK(desk.owner.starts == Times{{1, 24.0}, {2, 24.0}});
  CHECK(desk.owner.served_ == Times{{1, 54.0}, {2, 54.0}});
  CHECK(desk.queue.waiting() == 1);  // job 3: the window had closed when a server freed
  CHECK(desk.published_at(48).c == 0);
}

TEST_CASE("the calendar still decides when scheduled servers work", "[nodes][capacity]") {
  // Open 08:00-10:00 daily; the schedule gives 2 servers from day 1 on. Jobs of 1 h.
  Desk desk(with_windows(1, {{24, 1000, 2}}), 1, test::daily(8, 10));
  for (std::uint64_t tag : {1, 2, 3, 4}) desk.queue.arrive(tag);
  desk.env.at(1000);
  CHECK(desk.owner.starts == Times{{1, 8.0}, {2, 9.0}, {3, 32.0}, {4, 32.0}});
  // Closed at day 1's start: what the schedule gives is not available until the calendar opens.
  CHECK(desk.published_at(24).c == 0);
  CHECK(desk.published_at(32).c == 2);
}

// ---- a line's rate ---------------------------------------------------------------------------

struct Plant {
  Plant(CapacitySchedule rate, double batch, Calendar hours = Calendar())
      : calendar(std::move(hours)),
        line(env.world, 0, spec(std::move(rate), batch), 0, 1.0, calendar, RandomStream(3), owner) {
    line.start();
  }
  const Line& spec(CapacitySchedule rate, double batch) {
    line_spec.name = line_spec.product = "gizmo";
    line_spec.rate = std::move(rate);
    line_spec.batch = batch;
    return line_spec;
  }
  test::TestWorld env;
  test::FakeLineOwner owner{env.world};
  Line line_spec;
  Calendar calendar;
  ProductionLine line;
};

TEST_CASE("a line's rate change applies from the next unit, also inside a batch",
          "[nodes][capacity]") {
  // 1 unit an hour, 2 an hour from 2.5 h. A batch of 4 started at 0: units 1-3 start at 0, 1
  // and 2 (at 1/h; the third is in work when the rate changes), unit 4 at 3 h at 2/h.
  Plant plant(with_windows(1, {{2.5, 1000, 2}}), 4);
  test::FakeReceiver stock(plant.env.world);
  plant.line.accept(ReplenishmentRequest{0, 4, &stock, nullptr});
  plant.env.at(100);
  CHECK(stock.received == Arrivals{{3.5, 4}});
}

TEST_CASE("a line's rate change while closed applies to the unit that starts at opening",
          "[nodes][capacity]") {
  // Open 08:00-10:00; 1 unit an hour, 4 an hour from 12:00. Batch of 3: units at 8 and 9, then
  // the third starts at 32 h (the next opening) at 4/h.
  Plant plant(with_windows(1, {{12, 1000, 4}}), 3, test::daily(8, 10));
  test::FakeReceiver stock(plant.env.world);
  plant.line.accept(ReplenishmentRequest{0, 3, &stock, nullptr});
  plant.env.at(100);
  CHECK(stock.received == Arrivals{{32.25, 3}});
}

// ---- a lane's and a supplier's capacity --------------------------------------------------------

TEST_CASE(
    "a lane's capacity change applies at its instant to the shipment loading and those queued",
    "[nodes][capacity]") {
  // 10 units an hour, 20 an hour from 1 h; lead time 1 h. Two shipments of 20 at 0: the first
  // loads 10 units by 1 h and the other 10 in half an hour (1.5 h); the second loads at 20/h
  // in one hour (2.5 h).
  test::TestWorld env;
  Lane spec;
  spec.from = "hub";
  spec.to = "shop";
  spec.lead_time = Distribution::constant(1);
  spec.capacity = with_windows(10, {{1, 1000, 20}});
  TransportLane lane(env.world, spec, 0, RandomStream(9));
  test::FakeReceiver shop(env.world);
  lane.dispatch(0, 20, &shop);
  lane.dispatch(0, 20, &shop);
  env.at(100);
  CHECK(shop.received == Arrivals{{2.5, 20}, {3.5, 20}});
}

TEST_CASE("a lane's capacity that drops slows the load under way from that instant",
          "[nodes][capacity]") {
  // 20 an hour, 5 an hour in [0.5, 2): 10 units by 0.5 h, 7.5 more by 2 h, the last 2.5 at
  // 20/h by 2.125 h; then a lead time of 0.
  test::TestWorld env;
  Lane spec;
  spec.from = "hub";
  spec.to = "shop";
  spec.lead_time = Distribution::constant(0);
  spec.capacity = with_windows(20, {{0.5, 2, 5}});
  TransportLane lane(env.world, spec, 0, RandomStream(9));
  test::FakeReceiver shop(env.world);
  lane.dispatch(0, 20, &shop);
  env.at(100);
  CHECK(shop.received == Arrivals{{2.125, 20}});
}

TEST_CASE("a supplier's capacity change applies at its instant to the order in dispatch",
          "[nodes][capacity]") {
  // Ready at 1 h; 10 units an hour, 30 an hour from 2 h. An order of 40: 10 units by 2 h, 30
  // more by 3 h. A second order of 15 follows at 30/h: dispatched at 3.5 h.
  test::TestWorld env;
  Node spec;
  spec.id = "acme";
  spec.type = NodeType::supplier;
  SupplierTerms terms;
  terms.lead_time = Distribution::constant(1);
  terms.capacity = with_windows(10, {{2, 1000, 30}});
  spec.supplies["w"] = terms;
  std::vector<SuppliedProduct> products;
  products.push_back(SuppliedProduct{0, &spec.supplies["w"], 1.0, RandomStream(5)});
  Supplier supplier(env.world, 0, spec, std::move(products), {});
  supplier.start();
  test::FakeTransport lane(env.world);
  test::FakeReceiver buyer(env.world);
  supplier.accept(ReplenishmentRequest{0, 40, &buyer, &lane});
  supplier.accept(ReplenishmentRequest{0, 15, &buyer, &lane});
  env.at(100);
  REQUIRE(lane.dispatched.size() == 2);
  CHECK(lane.dispatched[0].t == 3.0);
  CHECK(lane.dispatched[1].t == 3.5);
}

// ---- a whole scenario --------------------------------------------------------------------------

// Every capacity key once: a supplier's and a lane's capacity, a line's rate, a station's
// servers, the agents.
const char* kEveryCapacity = R"(name: every capacity
horizon: 20d
products:
  - {id: part, unit_cost: 1}
  - {id: w, price: 10, bom: {part: 1}}
nodes:
  - id: acme
    type: supplier
    products: {part: {lead_time: 2d, capacity: SUPPLY}}
  - id: plant
    type: factory
    lines: [{product: w, rate: RATE, batch: 10}]
    inventory: {part: {initial: 50, source: acme, policy: {type: sS, s: 40, S: 200}}}
  - id: fc
    type: fulfilment
    inventory: {w: {initial: 40, source: plant, policy: {type: sS, s: 30, S: 120}}}
    stations: [{name: pick, servers: SERVERS, time: {dist: exponential, mean: 40min}}]
  - id: desk
    type: service
    agents: AGENTS
    handle_time: {dist: exponential, mean: 10min}
lanes:
  - {from: acme, to: plant, lead_time: 1d, capacity: LANE}
  - {from: plant, to: fc, lead_time: 1d}
markets:
  - id: m
    served_by: fc
    demand: {product: w, rate: 30/d}
    contacts: {per_order: 0.5, to: desk}
)";

std::string every_capacity(bool as_schedules) {
  std::string text = kEveryCapacity;
  auto put = [&](const std::string& name, const std::string& value) {
    text.replace(text.find(name), name.size(), as_schedules ? "{base: " + value + "}" : value);
  };
  put("SUPPLY", "100/d");
  put("RATE", "40/d");
  put("SERVERS", "2");
  put("AGENTS", "1");
  put("LANE", "120/d");
  return text;
}

TEST_CASE("a schedule that never changes runs exactly as the plain value", "[nodes][capacity]") {
  RunResult plain = test::run(every_capacity(false));
  RunResult scheduled = test::run(every_capacity(true));
  CHECK(scheduled.trace_fingerprint == plain.trace_fingerprint);
  CHECK(scheduled.events == plain.events);
  REQUIRE(scheduled.kpis.size() == plain.kpis.size());
  for (std::size_t i = 0; i < plain.kpis.size(); ++i) {
    INFO(plain.kpis[i].metric << " " << plain.kpis[i].node << " " << plain.kpis[i].resource);
    const double a = plain.kpis[i].value, b = scheduled.kpis[i].value;
    CHECK(((std::isnan(a) && std::isnan(b)) || a == b));
  }
  CHECK(plain.kpi("run", "demand_orders") > 0);
}

}  // namespace
}  // namespace surge
