// staff_cost (docs/kpis.md): every scheduled, open server-, agent- and line-hour at its hourly
// cost, busy or idle, per window, per node and in total, and part of total_cost. Checked against
// the open hours of a schedule counted by hand.
#include <catch2/catch.hpp>
#include <string>

#include "../support/run_support.hpp"

namespace surge {
namespace {

// Two weeks from a Monday. The desk opens 06:00-22:00 every day; its agents are 2, 5 from 08:00
// to 16:00 on weekdays, and 10 all of day 3 (a Thursday). The station has 3 servers round the
// clock; the line is open 06:00-22:00 on weekdays.
const char* kStaffed = R"(name: staffed
horizon: 14d
products:
  - {id: w}
calendars:
  desk_hours: {daily: "06:00-22:00"}
  weekdays: {mon-fri: "06:00-22:00"}
nodes:
  - id: plant
    type: factory
    calendar: weekdays
    lines: [{product: w, rate: 10/h, cost_per_hour: 50}]
    inventory: {w: {initial: 0}}
  - id: fc
    type: fulfilment
    inventory: {w: {initial: 100000}}
    stations:
      - {name: pick, servers: 3, time: 1min, cost_per_server_hour: 10}
  - id: desk
    type: service
    calendar: desk_hours
    agents:
      base: 2
      weekly: {mon-fri: {"08:00-16:00": 5}}
      changes: [{from: 3d, to: 4d, value: 10}]
    cost_per_agent_hour: 30
    handle_time: 5min
    arrivals: {rate: 2/h}
markets:
  - id: m
    served_by: fc
    demand: {product: w, rate: 1/h}
campaigns:
  - {id: thursday, product: w, start: 3d, duration: 1d, uplift: 1}
)";

TEST_CASE("staff_cost pays every scheduled open hour, per node, per window and in total",
          "[metrics][kpi][staff_cost]") {
  auto r = test::run(kStaffed);
  // The desk, by hand: a weekday is 6-8 at 2, 8-16 at 5, 16-22 at 2 = 56 agent-hours; a weekend
  // day 16 x 2 = 32; day 3 is 16 x 10 = 160. Nine ordinary weekdays, day 3, four weekend days.
  const double desk_hours = 9 * 56 + 160 + 4 * 32;
  CHECK(r.kpi("run", "staff_cost", "desk") == Approx(30 * desk_hours));
  // The station: 3 servers x 24 h x 14 days; the line: 16 open hours on each of 10 weekdays.
  CHECK(r.kpi("run", "staff_cost", "fc") == Approx(10 * 3 * 24 * 14));
  CHECK(r.kpi("run", "staff_cost", "plant") == Approx(50 * 16 * 10));
  const double total = 30 * desk_hours + 10 * 3 * 24 * 14 + 50 * 16 * 10;
  CHECK(r.kpi("run", "staff_cost") == Approx(total));
  // The campaign window is day 3 alone.
  CHECK(r.kpi("thursday", "staff_cost", "desk") == Approx(30 * 160));
  CHECK(r.kpi("thursday", "staff_cost") == Approx(30 * 160 + 10 * 3 * 24 + 50 * 16));
  // Part of total_cost, beside the other five.
  double others = 0;
  for (const char* m :
       {"holding_cost", "production_cost", "purchase_cost", "transport_cost", "shortage_cost"})
    others += r.kpi("run", m);
  CHECK(r.kpi("run", "total_cost") == Approx(others + total));
}

TEST_CASE("a target may cap the staff cost of a window", "[metrics][targets][staff_cost]") {
  // Day 3 costs 30 x 160 + 10 x 72 + 50 x 16 = 6,320.
  std::string text = std::string(kStaffed) +
                     "targets:\n  require:\n"
                     "    - {metric: staff_cost, window: thursday, at_most: 6400}\n"
                     "    - {metric: staff_cost, window: thursday, at_most: 6300}\n";
  auto r = test::run(text);
  REQUIRE(r.targets.size() == 2);
  CHECK(r.targets[0].value == Approx(6320));
  CHECK(r.targets[0].met);
  CHECK_FALSE(r.targets[1].met);
}

TEST_CASE("without hourly costs staff cost nothing", "[metrics][kpi][staff_cost]") {
  auto r = test::run(
      kStaffed, 0, false,
      {"nodes.desk.cost_per_agent_hour=0", "nodes.fc.stations.pick.cost_per_server_hour=0",
       "nodes.plant.lines.w.cost_per_hour=0"});
  CHECK(r.kpi("run", "staff_cost") == 0);
  CHECK(r.kpi("run", "staff_cost", "desk") == 0);
}

}  // namespace
}  // namespace surge
