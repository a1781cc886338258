// KPI definitions (docs/kpis.md) on small cases whose values follow by hand: warm-up and
// windows, fill rate, order fill rate, OTIF, lead times, conservation lines.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "../support/run_support.hpp"

namespace surge {
namespace {

// 5 units on the shelf, orders of 2, no replenishment: the first two orders are filled from
// stock (4 units), every later one finds 1 unit and waits for ever (strict FIFO).
const char* kTiny = R"(name: tiny
horizon: 10d
products:
  - {id: w, price: 10, unit_cost: 4}
nodes:
  - id: dc
    type: warehouse
    inventory: {w: {initial: 5}}
markets:
  - id: m
    served_by: dc
    demand: {product: w, rate: 2/d, size: 2}
    delivery: {lead_time: 12h, promise: 1d}
)";

TEST_CASE("fill rate, order fill rate and OTIF on a case computed by hand", "[metrics][kpi]") {
  auto r = test::run_with_records(kTiny);
  const double n = static_cast<double>(r.orders.size());
  REQUIRE(n > 4);
  CHECK(r.kpi("run", "demand_orders") == n);
  CHECK(r.kpi("run", "demand_units") == 2 * n);
  CHECK(r.kpi("run", "fill_rate") == Approx(4 / (2 * n)));
  CHECK(r.kpi("run", "order_fill_rate") == Approx(2 / n));
  CHECK(r.kpi("run", "backorders") == n - 2);
  CHECK(r.kpi("run", "backordered_units") == 2 * (n - 2));
  CHECK(r.kpi("run", "lost_sales") == 0);
  // Due: the two delivered orders, and every waiting order whose promise (1d) has passed by
  // the horizon. On time: the two delivered 12 h after they were placed.
  double due = 2;
  for (std::size_t i = 2; i < r.orders.size(); ++i) due += r.orders[i].placed + 24 <= 240 ? 1 : 0;
  CHECK(r.kpi("run", "otif") == Approx(2 / due));
  CHECK(r.kpi("run", "mean_lead_time") == Approx(12.0));
  CHECK(r.kpi("run", "p50_lead_time") == Approx(12.0));
  CHECK(r.kpi("run", "revenue") == Approx(2 * 2 * 10.0));  // only shipped orders earn
  CHECK(r.kpi("run", "on_hand", "dc", "w") < 5);
  test::check_conservation_lines(r);

  SECTION("lost sales count as due and missed") {
    auto lost = test::run_with_records(kTiny, {"markets.m.on_stockout=lost_sale"});
    const double m = static_cast<double>(lost.orders.size());
    CHECK(lost.kpi("run", "lost_orders") == m - 2);
    CHECK(lost.kpi("run", "lost_sales") == 2 * (m - 2));
    CHECK(lost.kpi("run", "otif") == Approx(2 / m));
    // Shortage cost defaults to price - unit cost per lost unit.
    CHECK(lost.kpi("run", "shortage_cost") == Approx(2 * (m - 2) * 6.0));
  }
  SECTION("a late delivery is not on time") {
    auto late = test::run_with_records(kTiny, {"markets.m.delivery.lead_time=2d"});
    CHECK(late.kpi("run", "otif") == 0);
    CHECK(late.kpi("run", "fill_rate") > 0);
  }
}

TEST_CASE("lead-time quantiles use the nearest rank", "[metrics][kpi]") {
  // Delivery lead times drawn from {1, 2, 3, 4} hours with instant fulfilment.
  auto r = test::run_with_records(
      kTiny,
      {"nodes.dc.inventory.w.initial=100000",
       "markets.m.delivery.lead_time={dist: empirical, values: [1h, 2h, 3h, 4h]}", "horizon=60d"});
  std::vector<double> lead;
  for (const auto& o : r.orders)
    if (o.status == OrderStatus::delivered) lead.push_back(o.delivered - o.placed);
  std::sort(lead.begin(), lead.end());
  auto rank = [&](double q) {
    auto k = static_cast<std::size_t>(std::ceil(q * static_cast<double>(lead.size())));
    return lead[std::max<std::size_t>(k, 1) - 1];
  };
  CHECK(r.kpi("run", "p50_lead_time") == rank(0.5));
  CHECK(r.kpi("run", "p95_lead_time") == rank(0.95));
  double sum = 0;
  for (double x : lead) sum += x;
  CHECK(r.kpi("run", "mean_lead_time") == Approx(sum / static_cast<double>(lead.size())));
}

TEST_CASE("the warm-up excludes early orders from every window", "[metrics][windows]") {
  std::string text =
      std::string(kTiny) +
      "campaigns:\n  - {id: early, product: w, start: 1d, duration: 5d, uplift: 1}\n";
  auto r = test::run_with_records(text, {"warmup=3d", "nodes.dc.inventory.w.initial=100000"});
  REQUIRE(r.windows.size() == 2);
  CHECK(r.windows[0].name == "run");
  CHECK(r.windows[0].start == 72);
  CHECK(r.windows[0].end == 240);
  // The campaign window is clipped to the run window.
  CHECK(r.windows[1].name == "early");
  CHECK(r.windows[1].start == 72);
  CHECK(r.windows[1].end == 144);
  double after = 0, in_campaign = 0;
  for (const auto& o : r.orders) {
    after += o.placed >= 72 ? 1 : 0;
    in_campaign += (o.placed >= 72 && o.placed < 144) ? 1 : 0;
  }
  CHECK(after < static_cast<double>(r.orders.size()));  // some orders fell in the warm-up
  CHECK(r.kpi("run", "demand_orders") == after);
  CHECK(r.kpi("early", "demand_orders") == in_campaign);
}

TEST_CASE("time averages integrate over the window only", "[metrics][windows]") {
  // On hand is 5 until the first order, 3 until the second, then 1: its average over the run
  // window [1d, 10d] follows from the two order times.
  auto r = test::run_with_records(kTiny, {"warmup=1d"});
  REQUIRE(r.orders.size() >= 2);
  const double t1 = r.orders[0].placed, t2 = r.orders[1].placed, from = 24, to = 240;
  auto level = [&](double t) { return t < t1 ? 5.0 : t < t2 ? 3.0 : 1.0; };
  // Integrate the step function over [from, to].
  double area = 0;
  std::vector<double> cuts{from, to};
  for (double c : {t1, t2})
    if (c > from && c < to) cuts.push_back(c);
  std::sort(cuts.begin(), cuts.end());
  for (std::size_t i = 1; i < cuts.size(); ++i)
    area += level(cuts[i - 1]) * (cuts[i] - cuts[i - 1]);
  CHECK(r.kpi("run", "on_hand", "dc", "w") == Approx(area / (to - from)));
  // The backlog: every order from the third on waits from its placement to the horizon.
  double backlog = 0;
  for (std::size_t i = 2; i < r.orders.size(); ++i)
    backlog += 2 * (to - std::max(from, r.orders[i].placed));
  CHECK(r.kpi("run", "mean_backlog", "dc", "w") == Approx(backlog / (to - from)));
}

// Two products and two markets served from one short warehouse, each market with its own
// stock-out behaviour and promise: every scope (product x market, product, market, all) has
// values of its own, so a scoped row that copied the total (or another scope) would show.
const char* kTwoByTwo = R"(name: two by two
horizon: 40d
warmup: 5d
products:
  - {id: a, price: 10, unit_cost: 4}
  - {id: b, price: 25, unit_cost: 12}
nodes:
  - id: acme
    type: supplier
    products: {a: {lead_time: 3d}, b: {lead_time: 4d}}
  - id: dc
    type: warehouse
    inventory:
      a: {initial: 40, source: acme, policy: {type: RQ, R: 15, Q: 60}}
      b: {initial: 20, source: acme, policy: {type: RQ, R: 8, Q: 30}}
lanes:
  - {from: acme, to: dc, lead_time: 1d}
markets:
  - id: north
    served_by: dc
    demand:
      - {product: a, rate: 8/d, size: {dist: uniform, min: 1, max: 3}}
      - {product: b, rate: 2/d}
    delivery: {lead_time: {dist: uniform, min: 12h, max: 3d}, promise: 2d}
    on_stockout: backorder
  - id: south
    served_by: dc
    demand:
      - {product: a, rate: 3/d}
      - {product: b, rate: 4/d, size: 2}
    delivery: {lead_time: 1d, promise: 4d}
    on_stockout: lost_sale
)";

// The order KPIs of one scope, computed from the records by their definitions
// (docs/kpis.md), independently of metrics/order_kpis.cpp.
struct ScopeValues {
  double orders = 0, units = 0, fill_rate = 0, order_fill_rate = 0, otif = 0, backorders = 0,
         lost_sales = 0, lost_orders = 0, mean_lead_time = 0, revenue = 0;
};

ScopeValues by_hand(const RunResult& r, const std::string& product, const std::string& market) {
  const double warmup = 5 * 24.0, horizon = 40 * 24.0;
  ScopeValues v;
  double from_stock_units = 0, from_stock_orders = 0, due = 0, on_time = 0, lead = 0, delivered = 0;
  for (const OrderRecord& o : r.orders) {
    if (o.placed < warmup || o.placed >= horizon) continue;
    if ((!product.empty() && r.product_of(o) != product) ||
        (!market.empty() && r.market_of(o) != market))
      continue;
    const double price = r.product_of(o) == "a" ? 10 : 25,
                 promise = r.market_of(o) == "north" ? 48 : 96;
    v.orders += 1;
    v.units += o.quantity;
    if (o.from_stock) {
      from_stock_orders += 1;
      from_stock_units += o.quantity;
    }
    if (o.status == OrderStatus::lost) {
      v.lost_orders += 1;
      v.lost_sales += o.quantity;
    } else if (!o.from_stock) {
      v.backorders += 1;  // north backorders every order it cannot fill at once
    }
    if (o.status == OrderStatus::delivered) {
      delivered += 1;
      lead += o.delivered - o.placed;
    }
    if (o.status == OrderStatus::delivered || o.status == OrderStatus::lost ||
        o.placed + promise <= horizon) {
      due += 1;
      on_time += o.on_time ? 1 : 0;
    }
    if (o.shipped >= 0) v.revenue += o.quantity * price;
  }
  v.fill_rate = from_stock_units / v.units;
  v.order_fill_rate = from_stock_orders / v.orders;
  v.otif = on_time / due;
  v.mean_lead_time = lead / delivered;
  return v;
}

TEST_CASE("scoped order KPIs follow their definitions for every product and market",
          "[metrics][kpi]") {
  auto r = test::run_with_records(kTwoByTwo);
  const std::vector<std::string> products{"", "a", "b"}, markets{"", "north", "south"};
  const ScopeValues total = by_hand(r, "", "");
  REQUIRE(total.lost_orders > 0);  // south loses sales ...
  REQUIRE(total.backorders > 0);   // ... and north waits
  for (const auto& p : products)
    for (const auto& m : markets) {
      INFO("scope: product '" << p << "', market '" << m << "'");
      const ScopeValues want = by_hand(r, p, m);
      REQUIRE(want.orders > 0);
      auto kpi = [&](const char* metric) { return r.kpi("run", metric, "", p, m); };
      CHECK(kpi("demand_orders") == want.orders);
      CHECK(kpi("demand_units") == want.units);
      CHECK(kpi("fill_rate") == Approx(want.fill_rate));
      CHECK(kpi("order_fill_rate") == Approx(want.order_fill_rate));
      CHECK(kpi("otif") == Approx(want.otif));
      CHECK(kpi("backorders") == want.backorders);
      CHECK(kpi("lost_orders") == want.lost_orders);
      CHECK(kpi("lost_sales") == want.lost_sales);
      CHECK(kpi("mean_lead_time") == Approx(want.mean_lead_time));
      CHECK(kpi("revenue") == Approx(want.revenue));
      // Each narrower scope has a value of its own, not the total's.
      if (!p.empty() || !m.empty()) {
        CHECK(want.orders < total.orders);
        CHECK(kpi("demand_orders") != r.kpi("run", "demand_orders"));
      }
    }
  // The scopes add up: product rows sum to the market's, market rows to the total.
  for (const char* metric : {"demand_orders", "demand_units", "backorders", "lost_sales"}) {
    INFO(metric);
    CHECK(r.kpi("run", metric, "", "a", "north") + r.kpi("run", metric, "", "b", "north") ==
          r.kpi("run", metric, "", "", "north"));
    CHECK(r.kpi("run", metric, "", "", "north") + r.kpi("run", metric, "", "", "south") ==
          r.kpi("run", metric));
  }
  CHECK(std::isnan(r.kpi("run", "demand_orders", "dc")));  // no such scope
  // Markets differ in what a stock-out does: only south loses sales, only north backorders.
  CHECK(r.kpi("run", "lost_orders", "", "", "north") == 0);
  CHECK(r.kpi("run", "backorders", "", "", "south") == 0);
}

}  // namespace
}  // namespace surge
