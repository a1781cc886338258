// Factories (docs/model.md, "Factory"): line throughput, batches, bill of materials,
// make-to-stock finished goods, and calendars.
#include <catch2/catch.hpp>
#include <cmath>

#include "../support/run_support.hpp"

namespace surge {
namespace {

// Make-to-order line at 10/h, saturated by 500 orders a day. cost_per_unit 1 makes
// production_cost the number of units finished.
const char* kLine = R"(name: line
horizon: 30d
products:
  - {id: gizmo, price: 10, unit_cost: 3}
nodes:
  - id: plant
    type: factory
    mode: make_to_order
    lines: [{product: gizmo, rate: 10/h, cost_per_unit: 1}]
markets:
  - {id: m, served_by: plant, demand: {product: gizmo, rate: 500/d}}
)";

double produced(const RunResult& r, const std::string& window = "run") {
  return r.kpi(window, "production_cost");
}

TEST_CASE("a saturated make-to-order line makes rate x time", "[nodes][factory]") {
  auto r = test::run_with_records(kLine);
  // 10/h for 720 h; the batch in work at the horizon is not finished.
  CHECK(produced(r) <= 7200);
  CHECK(produced(r) >= 7199);
  CHECK(r.kpi("run", "utilisation", "plant", "", "", "gizmo") == Approx(1.0).margin(1e-3));
  // Nothing made to order is ever filled from stock.
  CHECK(r.kpi("run", "fill_rate") == 0);
  CHECK(r.kpi("run", "order_fill_rate") == 0);
  double shipped = 0;
  for (const auto& o : r.orders)
    if (o.shipped >= 0) {
      shipped += o.quantity;
      CHECK(!o.from_stock);
    }
  CHECK(shipped == produced(r));  // orders of one unit ship as soon as made
  test::check_conservation_lines(r);
}

TEST_CASE("a line calendar open 8 of 24 hours makes a third as much",
          "[nodes][factory][calendar]") {
  auto open = test::run(kLine);
  auto shifts = test::run(std::string(kLine) + "calendars:\n  day: {daily: \"08:00-16:00\"}\n", 0,
                          false, {"nodes.plant.calendar=day"});
  CHECK(produced(shifts) == Approx(produced(open) / 3).margin(1));
  // Utilisation counts open hours only: the line is still saturated.
  CHECK(shifts.kpi("run", "utilisation", "plant", "", "", "gizmo") == Approx(1.0).margin(1e-3));
}

TEST_CASE("a customer order larger than a batch is made in several batches", "[nodes][factory]") {
  // Orders of 30 units, batches of 10 at 10/h: an order takes 3 h on an idle line and ships
  // when its last unit is made.
  auto r = test::run_with_records(kLine, {"markets.m.demand.rate=1/d", "markets.m.demand.size=30",
                                          "nodes.plant.lines.gizmo.batch=10", "horizon=60d"});
  double shortest = 1e9;
  for (const auto& o : r.orders) {
    CHECK(o.quantity == 30);
    if (o.shipped < 0) continue;
    CHECK(o.shipped - o.placed >= 3 - 1e-9);
    shortest = std::min(shortest, o.shipped - o.placed);
  }
  CHECK(shortest == Approx(3.0));
  CHECK(std::fmod(produced(r), 10.0) == 0);
}

TEST_CASE("replenishment from a line is rounded up to whole batches", "[nodes][factory]") {
  const char* text = R"(name: batches
horizon: 30d
products:
  - {id: gizmo, unit_cost: 1}
nodes:
  - id: plant
    type: factory
    mode: make_to_order
    lines: [{product: gizmo, rate: 20/h, batch: 25}]
  - id: dc
    type: warehouse
    inventory: {gizmo: {initial: 10, source: plant, policy: {type: base_stock, level: 10}}}
lanes:
  - {from: plant, to: dc, lead_time: 1d}
markets:
  - {id: m, served_by: dc, demand: {product: gizmo, rate: 20/d}}
)";
  auto r = test::run(text);
  CHECK(produced(r) > 0);
  CHECK(std::fmod(produced(r), 25.0) == 0);
  // Each one-unit request became a job of 25, and batches travel whole.
  for (const auto& s : test::series(r, "dc", "gizmo")) CHECK(std::fmod(s.on_order, 25.0) == 0);
  test::check_conservation_lines(r);
}

// gizmo needs 2 parts; the plant holds 100 parts and never reorders.
const char* kBom = R"(name: bom
horizon: 20d
products:
  - {id: gizmo, unit_cost: 1, bom: {part: 2}}
  - {id: part}
nodes:
  - id: plant
    type: factory
    mode: make_to_order
    lines: [{product: gizmo, rate: 10/h, batch: 5}]
    inventory: {part: {initial: 100}}
markets:
  - {id: m, served_by: plant, demand: {product: gizmo, rate: 1/h}}
)";

TEST_CASE("a line consumes its bill of materials and blocks without components",
          "[nodes][factory][bom]") {
  auto r = test::run_with_records(kBom);
  // 100 parts make exactly 50 gizmos; then the line waits for parts that never come.
  CHECK(produced(r) == 50);
  CHECK(test::sample_at(r, "plant", "part", 20 * 24.0).on_hand == 0);
  double made = 0, waiting = 0;
  for (const auto& o : r.orders) {
    if (o.shipped >= 0)
      made += o.quantity;
    else
      waiting += 1;
  }
  CHECK(made == 50);
  CHECK(waiting > 300);  // 480 orders placed, 50 made
  bool found = false;
  for (const auto& line : r.conservation)
    if (line.rfind("units part:", 0) == 0) {
      found = true;
      CHECK_THAT(line, Catch::Matchers::Contains("consumed 100"));
    }
  CHECK(found);
  test::check_conservation_lines(r);
}

TEST_CASE("a blocked line resumes when components arrive", "[nodes][factory][bom]") {
  const char* text = R"(name: bom fed
horizon: 20d
products:
  - {id: gizmo, unit_cost: 1, bom: {part: 2}}
  - {id: part}
nodes:
  - id: acme
    type: supplier
    products: {part: {lead_time: 1d}}
  - id: plant
    type: factory
    mode: make_to_order
    lines: [{product: gizmo, rate: 10/h, batch: 5}]
    inventory: {part: {initial: 100, source: acme, policy: {type: sS, s: 40, S: 200}}}
lanes:
  - {from: acme, to: plant, lead_time: 2d}
markets:
  - {id: m, served_by: plant, demand: {product: gizmo, rate: 1/h}}
)";
  auto r = test::run(text);
  CHECK(produced(r) > 300);  // far beyond the 50 the initial parts allow
  test::check_conservation_lines(r);
}

TEST_CASE("a batch blocked on components asks for them so the policy reorders",
          "[nodes][factory][bom]") {
  // Each gizmo needs 6 parts; (s, S) = (0, 10). After the first gizmo 4 parts are left: the
  // position (4) stays above s, so only the blocked batch's request (docs/model.md: every
  // request counts, filled or not) can trigger the reorder that unblocks the line.
  const char* text = R"(name: blocked batch
horizon: 30d
products:
  - {id: gizmo, unit_cost: 1, bom: {part: 6}}
  - {id: part}
nodes:
  - id: acme
    type: supplier
    products: {part: {lead_time: 1d}}
  - id: plant
    type: factory
    mode: make_to_order
    lines: [{product: gizmo, rate: 10/h}]
    inventory: {part: {initial: 10, source: acme, policy: {type: sS, s: 0, S: 10}}}
lanes:
  - {from: acme, to: plant, lead_time: 1d}
markets:
  - {id: m, served_by: plant, demand: {product: gizmo, rate: 5/d}}
)";
  auto r = test::run(text);
  // Every 2 days (order lead time) the line gets parts for about 2 gizmos: far more than the
  // single gizmo the initial parts allow.
  CHECK(produced(r) >= 20);
  // The waiting batch's parts show as backlog at the part stock point.
  CHECK(r.kpi("run", "mean_backlog", "plant", "part") > 0);
  for (const auto& s : test::series(r, "plant", "part"))
    if (s.time > 0) CHECK(s.inventory_position > 0);  // the policy keeps acting
  test::check_conservation_lines(r);
}

TEST_CASE("make-to-stock serves from finished goods that the line replenishes",
          "[nodes][factory]") {
  const char* text = R"(name: mts
horizon: 60d
warmup: 5d
products:
  - {id: gizmo, unit_cost: 1}
nodes:
  - id: plant
    type: factory
    mode: make_to_stock
    lines: [{product: gizmo, rate: 2/h, batch: 10}]
    inventory: {gizmo: {initial: 20, policy: {type: sS, s: 10, S: 40}}}
markets:
  - {id: m, served_by: plant, demand: {product: gizmo, rate: 20/d}}
)";
  auto r = test::run_with_records(text);
  CHECK(r.kpi("run", "fill_rate") > 0.5);
  CHECK(std::fmod(produced(r), 10.0) == 0);  // whole batches
  // Orders from stock ship at once.
  for (const auto& o : r.orders)
    if (o.from_stock) CHECK(o.shipped == o.placed);
  auto end = test::sample_at(r, "plant", "gizmo", 60 * 24.0);
  // Finished goods balance over the whole run: initial + made = on hand + shipped.
  auto whole = test::run_with_records(text, {"warmup=0d"});
  double whole_shipped = 0;
  for (const auto& o : whole.orders)
    if (o.shipped >= 0) whole_shipped += o.quantity;
  auto whole_end = test::sample_at(whole, "plant", "gizmo", 60 * 24.0);
  CHECK(20 + produced(whole) == Approx(whole_end.on_hand + whole_shipped));
  // The position never exceeds S after the policy acts (rounded up to batches of 10: S + 9).
  for (const auto& s : test::series(r, "plant", "gizmo"))
    if (s.time > 0) CHECK(s.inventory_position <= 40 + 9);
  CHECK(end.on_hand <= 49);
  test::check_conservation_lines(r);
}

}  // namespace
}  // namespace surge
