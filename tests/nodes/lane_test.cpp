// Lanes (docs/model.md, "Lanes"): per-shipment lead times and loading capacity.
#include <catch2/catch.hpp>
#include <cmath>

#include "../support/run_support.hpp"

namespace surge {
namespace {

// The hub ships to the shop over a lane that loads 24 units a day; the shop reorders
// one-for-one and sells 40 a day.
const char* kLane = R"(name: lane
horizon: 30d
products:
  - {id: w}
nodes:
  - id: hub
    type: warehouse
    inventory: {w: {initial: 100000}}
  - id: shop
    type: warehouse
    inventory: {w: {initial: 10, source: hub, policy: {type: base_stock, level: 10}}}
lanes:
  - {from: hub, to: shop, lead_time: 1d, capacity: 24/d}
markets:
  - {id: m, served_by: shop, demand: {product: w, rate: 40/d}}
)";

TEST_CASE("a lane with capacity loads at most its rate", "[nodes][lane]") {
  auto capped = test::run(kLane);
  auto open = test::run(kLane, 0, false, {"lanes.hub:shop.capacity=1000/d"});
  // Units sold = demand - still backordered at the end (orders ship whole from the shop).
  // The lane loads 24 a day and each load takes a day to arrive, so over 30 days the shop
  // receives at most 24 x 29 on top of its initial 10.
  auto units_shipped = [](const RunResult& r) {
    auto end = test::sample_at(r, "shop", "w", 30 * 24.0);
    return r.kpi("run", "demand_units") - end.backlog;
  };
  double delivered_capped = units_shipped(capped), delivered_open = units_shipped(open);
  CHECK(delivered_capped <= 24 * 29.0 + 10 + 1e-9);
  CHECK(delivered_capped >= 24 * 28.0);  // the lane is the bottleneck and runs flat out
  CHECK(delivered_open > delivered_capped + 200);
  test::check_conservation_lines(capped);
}

TEST_CASE("each shipment draws its own lead time", "[nodes][lane]") {
  auto r = test::run(kLane, 0, false,
                     {"lanes.hub:shop.capacity=1000/d",
                      "lanes.hub:shop.lead_time={dist: uniform, min: 1d, max: 3d}"});
  auto fixed = test::run(kLane, 0, false, {"lanes.hub:shop.capacity=1000/d"});
  // Variable lead times give a different (and longer on average) replenishment path.
  CHECK(r.kpi("run", "on_order", "shop", "w") > fixed.kpi("run", "on_order", "shop", "w"));
}

}  // namespace
}  // namespace surge
