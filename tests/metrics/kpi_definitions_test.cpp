// KPI definitions (docs/kpis.md) on small cases whose values follow by hand: warm-up and
// windows, fill rate, order fill rate, OTIF, lead times, conservation lines.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

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
    if (o.status == "delivered") lead.push_back(o.delivered - o.placed);
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

TEST_CASE("KPI rows exist per market and product scope", "[metrics][kpi]") {
  auto r = test::run(kTiny);
  CHECK(r.kpi("run", "demand_orders", "", "w", "m") == r.kpi("run", "demand_orders"));
  CHECK(r.kpi("run", "demand_orders", "", "w", "") == r.kpi("run", "demand_orders"));
  CHECK(r.kpi("run", "demand_orders", "", "", "m") == r.kpi("run", "demand_orders"));
  CHECK(std::isnan(r.kpi("run", "demand_orders", "dc")));  // no such scope
}

}  // namespace
}  // namespace surge
