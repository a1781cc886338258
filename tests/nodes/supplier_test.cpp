// Suppliers (docs/model.md, "Supplier"): minimum order and multiple, dispatch capacity,
// scheduled and random disruptions. First a supplier built by hand with a fake lane, then
// whole scenarios.
#include "surge/nodes/supplier.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <utility>
#include <vector>

#include "../support/node_fakes.hpp"
#include "../support/run_support.hpp"

namespace surge {
namespace {

using test::load;

// A supplier of product 0 (unit cost 3) with `terms`, shipping onto a fake lane.
struct Vendor {
  explicit Vendor(SupplierTerms terms, std::vector<Disruption> disruptions = {}) {
    spec.id = "acme";
    spec.type = NodeType::supplier;
    spec.supplies["w"] = std::move(terms);
    spec.disruptions = std::move(disruptions);
    std::vector<SuppliedProduct> products;
    products.push_back(SuppliedProduct{0, &spec.supplies["w"], 3.0, RandomStream(5)});
    std::vector<RandomStream> outages(spec.disruptions.size(), RandomStream(6));
    supplier =
        std::make_unique<Supplier>(env.world, 0, spec, std::move(products), std::move(outages));
    supplier->start();
  }
  double order(double units) {
    return supplier->accept(ReplenishmentRequest{0, units, &buyer, &lane});
  }
  test::TestWorld env;
  Node spec;
  test::FakeTransport lane{env.world};
  test::FakeReceiver buyer{env.world};
  std::unique_ptr<Supplier> supplier;
};

SupplierTerms terms(Time lead_time) {
  SupplierTerms t;
  t.lead_time = Distribution::constant(lead_time);
  return t;
}

std::vector<std::pair<Time, double>> dispatches(const Vendor& v) {
  std::vector<std::pair<Time, double>> out;
  for (const auto& d : v.lane.dispatched) {
    CHECK(d.to == &v.buyer);
    out.push_back({d.t, d.units});
  }
  return out;
}

TEST_CASE("a supplier built by hand raises an order to its minimum, then to its multiple",
          "[nodes][supplier]") {
  SupplierTerms t = terms(2);
  t.min_order = 20;
  t.multiple = 7;
  Vendor v(t);
  CHECK(v.order(1) == 21);   // 1 -> 20 -> 21
  CHECK(v.order(30) == 35);  // above the minimum: the multiple alone
  v.env.at(100);
  // Both become ready after the lead time and go out at once (no capacity).
  CHECK(dispatches(v) == std::vector<std::pair<Time, double>>{{2.0, 21}, {2.0, 35}});
  CHECK(v.env.observer.units(Flow::supplied) == 56);
  CHECK(v.env.observer.money(Flow::supplied) == 56 * 3.0);
}

TEST_CASE("a supplier dispatches at most its capacity, first come first served",
          "[nodes][supplier]") {
  SupplierTerms t = terms(1);
  t.capacity = 10;  // units an hour
  Vendor v(t);
  v.order(20);
  v.order(10);
  v.env.at(100);
  // Ready at 1 h; the first lot takes 2 h to dispatch, the second 1 h after it.
  CHECK(dispatches(v) == std::vector<std::pair<Time, double>>{{3.0, 20}, {4.0, 10}});
}

TEST_CASE("during a disruption nothing is dispatched but lead times keep running",
          "[nodes][supplier]") {
  Disruption outage;
  outage.start = 5;
  outage.duration = Distribution::constant(10);  // down from 5 h to 15 h
  Vendor v(terms(6), {outage});
  v.order(4);  // ready at 6 h, inside the outage
  v.env.at(7);
  CHECK_FALSE(v.supplier->can_ship_now(0, 1));
  CHECK(v.supplier->disrupted());
  v.env.at(14.5);
  v.order(2);  // ready at 20.5 h, after the outage: its lead time ran as usual
  v.env.at(100);
  CHECK(dispatches(v) == std::vector<std::pair<Time, double>>{{15.0, 4}, {20.5, 2}});
  CHECK(v.supplier->can_ship_now(0, 1));
  CHECK_FALSE(v.supplier->can_ship_now(1, 1));  // not a product it supplies
}

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

namespace surge {
namespace {

TEST_CASE("a supplier publishes when it dispatches at capacity and when it is down with orders",
          "[nodes][supplier][census]") {
  SupplierTerms t = terms(1);
  t.capacity = 10;  // units an hour
  Disruption outage;
  outage.start = 5;
  outage.duration = Distribution::constant(10);
  Vendor v(t, {outage});
  REQUIRE(v.env.observer.limits.size() == 1);
  CHECK(v.env.observer.limits[0].kind == LimitKind::supplier);
  v.order(20);  // ready at 1 h, dispatched from 1 h to 3 h
  v.env.at(6);
  v.order(30);  // accepted while down; ready at 7 h and held until the outage ends at 15 h
  v.env.at(100);
  using States = std::vector<std::pair<Time, LimitState>>;
  CHECK(v.env.observer.limit_states(0) == States{{0.0, LimitState::free},
                                                 {1.0, LimitState::at_capacity},
                                                 {3.0, LimitState::free},
                                                 {6.0, LimitState::down},
                                                 {15.0, LimitState::at_capacity},
                                                 {18.0, LimitState::free}});
  CHECK(v.env.observer.held(0) == 30);  // the second order became ready while it was down
}

}  // namespace
}  // namespace surge
