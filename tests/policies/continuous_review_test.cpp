// Continuous-review policies (docs/model.md, "Policies"): (s,S), (R,Q) and base stock, seen
// through the inventory position time series and the units suppliers dispatch.
#include <catch2/catch.hpp>
#include <cmath>

#include "../support/run_support.hpp"

namespace surge {
namespace {

// unit_cost 1: purchase_cost = units dispatched by the supplier.
const char* kPolicy = R"(name: policy
horizon: 120d
products:
  - {id: w, unit_cost: 1}
nodes:
  - id: acme
    type: supplier
    products: {w: {lead_time: 3d}}
  - id: dc
    type: warehouse
    inventory: {w: {initial: 100, source: acme, policy: {type: sS, s: 20, S: 100}}}
lanes:
  - {from: acme, to: dc, lead_time: 1d}
markets:
  - {id: m, served_by: dc, demand: {product: w, rate: 10/d}}
)";

TEST_CASE("sS orders only at or below s and raises the position to S", "[policies][sS]") {
  SECTION("unit demand: every order is S - s") {
    auto r = test::run(kPolicy);
    double units = r.kpi("run", "purchase_cost");
    CHECK(units > 0);
    CHECK(std::fmod(units, 80.0) == 0);
    for (const auto& s : test::series(r, "dc", "w"))
      if (s.time > 0) {
        INFO("t " << s.time << " position " << s.inventory_position);
        CHECK(s.inventory_position > 20);
        CHECK(s.inventory_position <= 100);
      }
  }
  SECTION("lumpy demand overshoots s and still orders up to S") {
    auto r = test::run(kPolicy, 0, false,
                       {"markets.m.demand.size={dist: empirical, values: [1, 7, 15]}"});
    bool at_S = false;
    for (const auto& s : test::series(r, "dc", "w"))
      if (s.time > 0) {
        CHECK(s.inventory_position > 20);
        CHECK(s.inventory_position <= 100);
        at_S = at_S || s.inventory_position == 100;
      }
    CHECK(at_S);
  }
  SECTION("a stock point starting below s orders at time 0") {
    auto r = test::run(kPolicy, 0, false, {"nodes.dc.inventory.w.initial=5"});
    // The sample at time 0 sees the order placed then (samples see everything that happened
    // at their instant).
    auto zero = test::series(r, "dc", "w").front();
    CHECK(zero.time == 0);
    CHECK(zero.on_hand == 5);
    CHECK(zero.on_order == 95);
    CHECK(zero.inventory_position == 100);
    // Ordered S - 5 = 95 at time 0; it is still with the supplier (lead time 3d) at day 1.
    auto day1 = test::sample_at(r, "dc", "w", 24.0);
    CHECK(day1.on_order >= 95);
    CHECK(day1.inventory_position > 20);
  }
}

TEST_CASE("RQ orders whole multiples of Q that lift the position above R", "[policies][RQ]") {
  // Orders of 30 against R 20, Q 25: one order can drop the position by more than Q, so some
  // replenishments are 2 x Q.
  auto r = test::run(
      kPolicy, 0, false,
      {"nodes.dc.inventory.w.policy={type: RQ, R: 20, Q: 25}", "nodes.dc.inventory.w.initial=30",
       "markets.m.demand.size={dist: empirical, values: [1, 30]}", "markets.m.demand.rate=3/d"});
  double units = r.kpi("run", "purchase_cost");
  CHECK(units > 0);
  CHECK(std::fmod(units, 25.0) == 0);
  for (const auto& s : test::series(r, "dc", "w"))
    if (s.time > 0) {
      INFO("t " << s.time << " position " << s.inventory_position);
      CHECK(s.inventory_position > 20);
      CHECK(s.inventory_position <= 45);
      CHECK(std::fmod(s.on_order, 25.0) == 0);
    }
}

TEST_CASE("base stock replaces every unit demanded, one for one", "[policies][base_stock]") {
  auto r = test::run(
      kPolicy, 0, false,
      {"nodes.dc.inventory.w.policy={type: base_stock, level: 30}",
       "nodes.dc.inventory.w.initial=30", "markets.m.demand.size={dist: uniform, min: 1, max: 6}",
       "lanes.acme:dc.lead_time=0d"});
  for (const auto& s : test::series(r, "dc", "w")) {
    INFO("t " << s.time);
    CHECK(s.inventory_position == 30);
  }
  // Everything ordered = everything demanded (position constant). With an instant lane,
  // ordered = dispatched + still with the supplier (on order at the end).
  auto end = test::sample_at(r, "dc", "w", 120 * 24.0);
  CHECK(r.kpi("run", "purchase_cost") + end.on_order == Approx(r.kpi("run", "demand_units")));
}

TEST_CASE("several sources split each order by their shares", "[policies][sources]") {
  // Lane costs 1 and 100 per unit tell which supplier shipped: transport = a + 100 b.
  const char* text = R"(name: shares
horizon: 60d
products:
  - {id: w, unit_cost: 1}
nodes:
  - id: a
    type: supplier
    products: {w: {lead_time: 2d}}
  - id: b
    type: supplier
    products: {w: {lead_time: 2d}}
  - id: dc
    type: warehouse
    inventory:
      w:
        initial: 50
        sources: [{from: a, share: 0.75}, {from: b, share: 0.25}]
        policy: {type: RQ, R: 10, Q: 40}
lanes:
  - {from: a, to: dc, lead_time: 1d, cost: 1}
  - {from: b, to: dc, lead_time: 1d, cost: 100}
markets:
  - {id: m, served_by: dc, demand: {product: w, rate: 10/d}}
)";
  auto r = test::run(text);
  double total = r.kpi("run", "purchase_cost");
  double from_b = (r.kpi("run", "transport_cost") - total) / 99;
  CHECK(total > 0);
  CHECK(from_b / total == Approx(0.25));  // 40 = 30 from a + 10 from b, every time
  test::check_conservation_lines(r);
}

TEST_CASE("a backup source is used only while no primary can ship", "[policies][sources]") {
  // The primary is down from 10d to 20d; windows before/during/after (do-nothing campaigns)
  // separate the flows. Lead times are 0, so units are dispatched when ordered.
  const char* text = R"(name: backup
horizon: 40d
products:
  - {id: w, unit_cost: 1}
nodes:
  - id: a
    type: supplier
    products: {w: {lead_time: 0d}}
    disruptions: [{start: 10d, duration: 10d}]
  - id: b
    type: supplier
    products: {w: {lead_time: 0d}}
  - id: dc
    type: warehouse
    inventory:
      w:
        initial: 20
        sources: [{from: a}, {from: b, backup: true}]
        policy: {type: sS, s: 10, S: 20}
lanes:
  - {from: a, to: dc, lead_time: 1d, cost: 1}
  - {from: b, to: dc, lead_time: 1d, cost: 100}
markets:
  - {id: m, served_by: dc, demand: {product: w, rate: 10/d}}
campaigns:
  - {id: before, product: w, start: 0d, duration: 10d, uplift: 1}
  - {id: during, product: w, start: 10d, duration: 10d, uplift: 1}
  - {id: after, product: w, start: 20d, duration: 20d, uplift: 1}
)";
  auto r = test::run(text);
  for (const char* w : {"before", "during", "after"}) {
    INFO("window " << w);
    CHECK(r.kpi(w, "purchase_cost") > 0);
  }
  CHECK(r.kpi("before", "transport_cost") == r.kpi("before", "purchase_cost"));        // all a
  CHECK(r.kpi("during", "transport_cost") == 100 * r.kpi("during", "purchase_cost"));  // all b
  CHECK(r.kpi("after", "transport_cost") == r.kpi("after", "purchase_cost"));          // all a
  // The backup kept the shelf stocked through the outage; without it the shelf empties.
  auto alone = test::run(text, 0, false, {"nodes.dc.inventory.w.sources=[{from: a}]"});
  CHECK(alone.kpi("during", "transport_cost") == 0);
  CHECK(r.kpi("during", "fill_rate") > alone.kpi("during", "fill_rate") + 0.3);
}

}  // namespace
}  // namespace surge
