// Suppliers (docs/model.md, "Supplier"): minimum order and multiple, dispatch capacity,
// scheduled and random disruptions.
#include <catch2/catch.hpp>
#include <cmath>

#include "../support/run_support.hpp"

namespace surge {
namespace {

using test::load;

// unit_cost 1 and no other flows: purchase_cost in a window = units dispatched by the supplier
// in it. The do-nothing campaign (uplift 1) only opens a KPI window over [10d, 15d).
const char* kSupplied = R"(name: supplied
horizon: 40d
products:
  - {id: w, unit_cost: 1}
nodes:
  - id: acme
    type: supplier
    products: {w: {lead_time: 2d}}
  - id: dc
    type: warehouse
    inventory: {w: {initial: 5, source: acme, policy: {type: base_stock, level: 5}}}
lanes:
  - {from: acme, to: dc, lead_time: 1d}
markets:
  - {id: m, served_by: dc, demand: {product: w, rate: 10/d}}
campaigns:
  - {id: outage_window, product: w, start: 10d, duration: 5d, uplift: 1}
)";

double supplied(const RunResult& r, const std::string& window = "run") {
  return r.kpi(window, "purchase_cost");
}

TEST_CASE("a supplier raises orders to its minimum and rounds up to its multiple",
          "[nodes][supplier]") {
  // One-for-one orders of a single unit become 20 (minimum), then 21 (multiple of 7).
  auto r = test::run(kSupplied, 0, false,
                     {"nodes.acme.products.w.min_order=20", "nodes.acme.products.w.multiple=7"});
  double units = supplied(r);
  CHECK(units > 0);
  CHECK(std::fmod(units, 21.0) == 0);
  for (const auto& s : test::series(r, "dc", "w")) {
    INFO("t " << s.time << " on order " << s.on_order);
    CHECK(std::fmod(s.on_order, 21.0) == 0);  // the buyer's on-order grows by 21 a time
  }
  SECTION("multiple alone rounds up") {
    auto m = test::run(kSupplied, 0, false, {"nodes.acme.products.w.multiple=12"});
    CHECK(std::fmod(supplied(m), 12.0) == 0);
    for (const auto& s : test::series(m, "dc", "w")) CHECK(std::fmod(s.on_order, 12.0) == 0);
  }
  SECTION("without terms one-for-one orders pass unchanged") {
    auto plain = test::run(kSupplied);
    for (const auto& s : test::series(plain, "dc", "w"))
      if (s.time > 0) CHECK(s.inventory_position == 5);
  }
}

TEST_CASE("supplier capacity limits dispatch", "[nodes][supplier]") {
  // Lots of 10 at 10/d: each dispatch takes a day, so at most 10 units a day leave the
  // supplier however much is ordered (demand is 40/d).
  auto r = test::run(
      kSupplied, 0, false,
      {"nodes.acme.products.w.capacity=10/d", "markets.m.demand.rate=40/d",
       "nodes.dc.inventory.w.initial=100", "nodes.dc.inventory.w.policy={type: RQ, R: 100, Q: 10}",
       "nodes.acme.products.w.lead_time=12h"});
  // The first lot is ready at 0.5d; from then on lots leave back to back, one a day, at
  // 1.5d, 2.5d, ... 39.5d.
  CHECK(supplied(r) == 390);
  CHECK(supplied(r, "outage_window") == 50);  // 10.5d ... 14.5d
  auto uncapped = test::run(kSupplied, 0, false,
                            {"markets.m.demand.rate=40/d", "nodes.dc.inventory.w.initial=100",
                             "nodes.dc.inventory.w.policy={type: RQ, R: 100, Q: 10}",
                             "nodes.acme.products.w.lead_time=12h"});
  CHECK(supplied(uncapped) > supplied(r) + 400);
  test::check_conservation_lines(r);
}

TEST_CASE("a scheduled disruption stops supply during the outage", "[nodes][supplier]") {
  // s = 60 covers the 3-day lead time's demand (Poisson, mean 30) with a margin that makes an
  // empty shelf on day 11 practically impossible (P(Poisson(30) > 60) < 1e-6), so the fall
  // during the outage is always visible.
  auto r =
      test::run_with_records(kSupplied, {"nodes.acme.disruptions=[{start: 10d, duration: 5d}]",
                                         "nodes.dc.inventory.w.initial=100",
                                         "nodes.dc.inventory.w.policy={type: sS, s: 60, S: 100}"});
  CHECK(supplied(r, "outage_window") == 0);
  CHECK(supplied(r) > 0);
  // Nothing arrives from 10d + 1d (the last dispatch before the outage lands) to 15d + 1d.
  auto s = test::series(r, "dc", "w");
  for (std::size_t i = 1; i < s.size(); ++i)
    if (s[i - 1].time >= 11 * 24.0 && s[i].time <= 16 * 24.0 - 1e-9) {
      INFO("day " << s[i].time / 24);
      CHECK(s[i].on_hand <= s[i - 1].on_hand);
    }
  CHECK(test::sample_at(r, "dc", "w", 15 * 24.0).on_hand <
        test::sample_at(r, "dc", "w", 11 * 24.0).on_hand);
  // Orders placed during the outage are dispatched when it ends: supply resumes.
  auto without = test::run(kSupplied, 0, false,
                           {"nodes.dc.inventory.w.initial=100",
                            "nodes.dc.inventory.w.policy={type: sS, s: 60, S: 100}"});
  CHECK(supplied(without, "outage_window") > 0);
  // Fewer units on the shelf: the outage's on-hand integral is below the undisrupted run's.
  CHECK(r.kpi("outage_window", "on_hand", "dc", "w") <
        without.kpi("outage_window", "on_hand", "dc", "w"));
}

TEST_CASE("random disruptions stop supply for the share of time they last",
          "[nodes][supplier][stats][slow]") {
  // Immediate one-for-one resupply keeps one unit on the shelf except during outages: the
  // first order of an outage takes it, every later one is backordered. Outages alternate with
  // exponential gaps (mean 10d) and last 3d, so per cycle of 13d the backordered orders number
  // lambda 3d - 1 + P(no order in the outage).
  const char* text = R"(name: random outages
horizon: 1500d
products:
  - {id: w}
nodes:
  - id: acme
    type: supplier
    products: {w: {lead_time: 0d}}
    disruptions: [{rate: 1/10d, duration: 3d}]
  - id: dc
    type: warehouse
    inventory: {w: {initial: 1, source: acme, policy: {type: base_stock, level: 1}}}
lanes:
  - {from: acme, to: dc, lead_time: 0d}
markets:
  - {id: m, served_by: dc, demand: {product: w, rate: 10/d}}
)";
  Scenario s = load(text);
  const double lambda_down = 10 * 3.0;
  const double theory = (lambda_down - 1 + std::exp(-lambda_down)) / (10 * 13.0);
  auto shares = test::per_replication(
      s, 20, [](const RunResult& r) { return 1 - r.kpi("run", "order_fill_rate"); });
  auto ci = test::t_interval(shares);
  INFO("backordered share " << ci.text() << " vs " << theory);
  CHECK(ci.contains(theory));
}

}  // namespace
}  // namespace surge
