// The binding-constraint census against publications made by hand: hours bound per window,
// first bound, work held up, and what a stock point waited on upstream (docs/kpis.md).
#include "surge/metrics/binding_census.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "surge/experiment/replication/replication.hpp"
#include "surge/io/scenario_loader.hpp"

using namespace surge;

namespace {

// A warehouse `dc` feeding a fulfilment centre `fc` with one product; fc has a station.
Scenario two_echelons() {
  Scenario s;
  s.horizon = 100;
  s.products.push_back(Product{"widget"});
  Node dc;
  dc.id = "dc";
  dc.type = NodeType::warehouse;
  dc.inventory.push_back(StockItem{"widget", 10, {}, {}});
  Node fc;
  fc.id = "fc";
  fc.type = NodeType::fulfilment;
  fc.inventory.push_back(StockItem{"widget", 5, {SourceRef{"dc"}}, {}});
  s.nodes = {dc, fc};
  return s;
}

const CensusRow& row(const RunResult& r, const std::string& window, const std::string& name) {
  for (const CensusRow& c : r.census)
    if (c.window == window && c.constraint == name) return c;
  FAIL("no census row " << window << " " << name);
  return r.census.front();
}

}  // namespace

TEST_CASE("the census adds up bound hours, first bound and held work per window",
          "[metrics][census]") {
  Scenario s = two_echelons();
  BindingCensus census(s, {{"run", 0, 100}, {"promo", 20, 40}});
  REQUIRE(census.add_stock_point(0, 0, 10) == 0);  // dc/widget
  REQUIRE(census.add_stock_point(1, 0, 5) == 1);   // fc/widget
  REQUIRE(census.add_resource(1, "pick", ResourceKind::station, 2) == 0);
  census.link();
  // fc short from 10 h to 30 h (a backlog of 4, then 7 units); dc short from 15 h to 25 h.
  census.stock_changed(1, 10, 0, 4, 0);
  census.stock_changed(1, 12, 0, 7, 0);
  census.stock_changed(0, 15, 0, 3, 0);
  census.stock_changed(0, 25, 2, 0, 0);
  census.stock_changed(1, 30, 1, 0, 0);
  // The station: every server busy with a queue from 50 h to 55 h, then a queue with a free
  // server (not bound) and closed with a queue from 60 h to 62 h (bound: nothing open).
  census.resource_changed(0, 50, 1, 2, 2);
  census.job_queued(0, 0, 50);
  census.resource_changed(0, 55, 1, 1, 2);
  census.resource_changed(0, 60, 1, 0, 0);
  census.resource_changed(0, 62, 0, 1, 2);
  census.finish(100);
  RunResult r;
  census.report(RecordTally(s, {}, census, false), r);  // no orders, no targets
  REQUIRE(r.census.size() == 6);                        // three constraints by two windows

  const CensusRow& fc = row(r, "run", "fc/widget");
  CHECK(fc.kind == "stock");
  CHECK(fc.bound_hours == Approx(20));
  CHECK(fc.first_bound == Approx(10));
  CHECK(fc.held == Approx(7));  // units that joined the backlog
  CHECK(fc.upstream == "dc/widget");
  CHECK(fc.upstream_hours == Approx(10));  // half of its bound time: named its cause
  const CensusRow& fc_promo = row(r, "promo", "fc/widget");
  CHECK(fc_promo.bound_hours == Approx(10));
  CHECK(fc_promo.first_bound == Approx(20));
  CHECK(fc_promo.held == 0);  // both units joined before the window
  CHECK(fc_promo.upstream == "dc/widget");

  const CensusRow& dc = row(r, "run", "dc/widget");
  CHECK(dc.bound_hours == Approx(10));
  CHECK(dc.upstream.empty());  // it has no source

  const CensusRow& pick = row(r, "run", "fc/pick");
  CHECK(pick.kind == "station");
  CHECK(pick.bound_hours == Approx(7));
  CHECK(pick.first_bound == Approx(50));
  CHECK(pick.held == 1);  // orders that queued
  CHECK(row(r, "promo", "fc/pick").bound_hours == 0);
  CHECK(row(r, "promo", "fc/pick").first_bound == -1);
}

TEST_CASE("a source that bound for less than a quarter of the time is not named the cause",
          "[metrics][census]") {
  Scenario s = two_echelons();
  BindingCensus census(s, {{"run", 0, 100}});
  census.add_stock_point(0, 0, 10);
  census.add_stock_point(1, 0, 5);
  census.link();
  census.stock_changed(1, 0, 0, 1, 0);   // fc short for 40 h
  census.stock_changed(0, 10, 0, 1, 0);  // dc short with it for 9 h (22.5%)
  census.stock_changed(0, 19, 1, 0, 0);
  census.stock_changed(1, 40, 1, 0, 0);
  census.finish(100);
  RunResult r;
  census.report(RecordTally(s, {}, census, false), r);  // no orders, no targets
  const CensusRow& fc = row(r, "run", "fc/widget");
  CHECK(fc.bound_hours == Approx(40));
  CHECK(fc.upstream.empty());
  CHECK(fc.upstream_hours == 0);
}

TEST_CASE("limits: a supplier down with orders outstanding binds and says so",
          "[metrics][census]") {
  Scenario s = two_echelons();
  s.nodes[0].id = "acme";
  s.nodes[0].type = NodeType::supplier;
  s.nodes[0].inventory.clear();
  s.nodes[1].inventory.front().sources = {SourceRef{"acme"}};
  BindingCensus census(s, {{"run", 0, 100}});
  census.add_stock_point(1, 0, 5);
  const int supply = census.add_limit(LimitKind::supplier, 0, 0);
  census.link();
  census.stock_changed(0, 10, 0, 2, 0);
  census.limit_changed(supply, 12, LimitState::down, 0);
  census.limit_changed(supply, 20, LimitState::down, 30);  // 30 units ready, held
  census.limit_changed(supply, 40, LimitState::at_capacity, 0);
  census.limit_changed(supply, 44, LimitState::free, 0);
  census.stock_changed(0, 45, 3, 0, 0);
  census.finish(100);
  RunResult r;
  census.report(RecordTally(s, {}, census, false), r);  // no orders, no targets
  const CensusRow& acme = row(r, "run", "acme/widget");
  CHECK(acme.kind == "supplier");
  CHECK(acme.bound_hours == Approx(32));
  CHECK(acme.down_hours == Approx(28));
  CHECK(acme.held == 30);
  const CensusRow& fc = row(r, "run", "fc/widget");
  CHECK(fc.upstream == "acme/widget");
  CHECK(fc.upstream_hours == Approx(32));
}

namespace {

// A fulfilment centre whose pick station has 50 servers (never all busy at an order an hour)
// except while `pick` says otherwise; stock never runs short.
Scenario closed_station(const std::string& pick) {
  return load_scenario_text(R"(name: a station with nothing open
horizon: 6d
seed: 5
calendars:
  day_three_off: {holidays: [3d]}
products:
  - {id: widget, price: 10, unit_cost: 4}
nodes:
  - id: fc
    type: fulfilment
    inventory: {widget: {initial: 1000000}}
    stations:
      - )" + pick + R"(
markets:
  - {id: town, served_by: fc, demand: {product: widget, rate: 1/h}, delivery: {lead_time: 1d, promise: 3d}}
)",
                            "closed_station.yaml");
}

// A station with no server open and orders waiting binds, whether its schedule gives it none
// or its calendar closes it: every one of its 0 open servers is busy (docs/kpis.md).
void check_closed(const RunResult& r, double from, double to) {
  const CensusRow& pick = row(r, "run", "fc/pick");
  INFO("bound " << pick.bound_hours << " h from " << pick.first_bound << " h, held " << pick.held);
  // Bound from the first order after it closes until it reopens: 50 servers then take the
  // day's orders at once, and it never binds otherwise.
  CHECK(pick.first_bound > from);
  CHECK(pick.first_bound < from + 3);
  CHECK(pick.bound_hours == Approx(to - pick.first_bound));
  CHECK(pick.held > 10);  // about an order an hour queued
  CHECK(pick.held < 45);
  CHECK(r.census.size() == 2);  // fc/widget, fc/pick; fc/widget never short
  CHECK(row(r, "run", "fc/widget").bound_hours == 0);
}

}  // namespace

TEST_CASE("a station with no server scheduled and orders waiting binds", "[metrics][census]") {
  const Scenario s = closed_station(
      "{name: pick, servers: {base: 50, changes: [{from: 2d, to: 3d, value: 0}]}, time: 6min}");
  check_closed(run_replication(s, 0), 48, 72);
}

TEST_CASE("a station closed by its calendar with orders waiting binds", "[metrics][census]") {
  const Scenario s =
      closed_station("{name: pick, servers: 50, time: 6min, calendar: day_three_off}");
  check_closed(run_replication(s, 0), 72, 96);
}

TEST_CASE("each order's first wait is kept until the tally asks for it, however far ahead it is",
          "[metrics][census]") {
  Scenario s = two_echelons();
  BindingCensus census(s, {{"run", 0, 100}});
  REQUIRE(census.add_resource(1, "pick", ResourceKind::station, 2) == 0);
  REQUIRE(census.add_resource(1, "pack", ResourceKind::station, 2) == 1);
  census.link();
  // Orders divisible by 3 queue at pick, those divisible by 5 at pack; an order queued at both
  // waited first where it queued first. The census numbers its constraints in registration
  // order: pick 0, pack 1.
  auto expected = [](std::uint64_t id) { return id % 3 == 0 ? 0 : id % 5 == 0 ? 1 : -1; };
  auto queue = [&](std::uint64_t from, std::uint64_t to) {
    for (std::uint64_t id = from; id < to; ++id) {
      if (id % 3 == 0) census.job_queued(0, id, 1);
      if (id % 5 == 0) census.job_queued(1, id, 2);
    }
  };
  // Noted far ahead of the asking (more than the first slots the census takes), then asked
  // for in id order as the order book hands orders over, interleaved.
  queue(0, 300);
  for (std::uint64_t id = 0; id < 150; ++id) REQUIRE(census.first_wait_of(id) == expected(id));
  queue(300, 500);
  for (std::uint64_t id = 150; id < 500; ++id) REQUIRE(census.first_wait_of(id) == expected(id));
  // Past every order that waited: none, and the next waits are kept as before.
  CHECK(census.first_wait_of(500) == -1);
  CHECK(census.first_wait_of(501) == -1);
  census.job_queued(1, 505, 3);
  CHECK(census.first_wait_of(504) == -1);
  CHECK(census.first_wait_of(505) == 1);
  // An order asked for twice, or waiting after it was asked for, is a bug.
  CHECK_THROWS_AS(census.first_wait_of(505), InternalError);
  CHECK_THROWS_AS(census.job_queued(0, 505, 4), InternalError);
}
