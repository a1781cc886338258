// Warehouses serving a market directly, and the three stock-out behaviours (docs/model.md,
// "Flow of a customer order" step 2).
#include <catch2/catch.hpp>
#include <cmath>

#include "../support/run_support.hpp"

namespace surge {
namespace {

// A warehouse resupplied by a slow supplier in lots of 30: it runs out between lots.
const char* kShortWarehouse = R"(name: short warehouse
horizon: 60d
products:
  - {id: w, price: 10, unit_cost: 4}
nodes:
  - id: acme
    type: supplier
    products: {w: {lead_time: 5d}}
  - id: dc
    type: warehouse
    inventory: {w: {initial: 20, source: acme, policy: {type: RQ, R: 10, Q: 30}}}
lanes:
  - {from: acme, to: dc, lead_time: 0d}
markets:
  - id: m
    served_by: dc
    demand: {product: w, rate: 10/d}
    on_stockout: backorder
)";

TEST_CASE("a warehouse ships customer orders at once from stock", "[nodes][warehouse]") {
  auto r = test::run_with_records(kShortWarehouse, {"markets.m.delivery={lead_time: 6h}"});
  std::size_t from_stock = 0;
  for (const auto& o : r.orders) {
    CHECK(r.fulfiller_of(o) == "dc");
    if (o.from_stock) {
      ++from_stock;
      CHECK(o.shipped == o.placed);
    }
    if (o.status == OrderStatus::delivered) CHECK(o.delivered - o.shipped == Approx(6.0));
    if (o.shipped >= 0 && !o.from_stock) CHECK(o.shipped > o.placed);  // waited for stock
  }
  CHECK(from_stock > 0);
  CHECK(r.kpi("run", "fill_rate") == Approx(from_stock / static_cast<double>(r.orders.size())));
  test::check_conservation_lines(r);
}

TEST_CASE("backorder keeps every order; lost units appear only for lost sales and patience",
          "[nodes][warehouse][stockout]") {
  SECTION("backorder") {
    auto r = test::run_with_records(kShortWarehouse);
    CHECK(r.kpi("run", "backorders") > 0);
    CHECK(r.kpi("run", "lost_sales") == 0);
    CHECK(r.kpi("run", "lost_orders") == 0);
    for (const auto& o : r.orders) CHECK(o.status != OrderStatus::lost);
  }
  SECTION("lost_sale") {
    auto r = test::run_with_records(kShortWarehouse, {"markets.m.on_stockout=lost_sale"});
    CHECK(r.kpi("run", "lost_sales") > 0);
    CHECK(r.kpi("run", "backorders") == 0);
    double lost = 0;
    for (const auto& o : r.orders) {
      // An order is either filled at once from stock or lost at once: nobody waits.
      CHECK((o.from_stock || o.status == OrderStatus::lost));
      if (o.status == OrderStatus::lost) {
        lost += o.quantity;
        CHECK(o.shipped < 0);
      }
    }
    CHECK(r.kpi("run", "lost_sales") == lost);
    CHECK(r.kpi("run", "mean_backlog", "dc", "w") == 0);
    test::check_conservation_lines(r);
  }
  SECTION("backorder_with_patience") {
    auto r =
        test::run_with_records(kShortWarehouse, {"markets.m.on_stockout=backorder_with_patience",
                                                 "markets.m.patience={dist: constant, value: 1d}"});
    CHECK(r.kpi("run", "lost_sales") > 0);
    CHECK(r.kpi("run", "backorders") > 0);
    // Lost orders were backordered first; backordered orders that were filled waited less
    // than their patience.
    double backlog_area = 0;
    for (const auto& o : r.orders) {
      if (o.status == OrderStatus::lost) {
        CHECK(o.shipped < 0);
        CHECK(!o.from_stock);
        backlog_area += o.quantity * 24.0;  // each waited exactly its patience, then left
      } else if (!o.from_stock && o.shipped >= 0) {
        CHECK(o.shipped - o.placed <= 24.0 + 1e-9);
        backlog_area += o.quantity * (o.shipped - o.placed);
      } else if (!o.from_stock) {  // still waiting at the horizon
        CHECK(60 * 24.0 - o.placed <= 24.0 + 1e-9);
        backlog_area += o.quantity * (60 * 24.0 - o.placed);
      }
    }
    // The time-average backlog integrates exactly those waits: lost orders left the backlog
    // exactly when their patience ran out.
    CHECK(r.kpi("run", "mean_backlog", "dc", "w") * 60 * 24.0 == Approx(backlog_area));
    test::check_conservation_lines(r);
  }
}

}  // namespace
}  // namespace surge
