// Anchoring and adjustment (docs/model.md, "Anchoring and adjustment"): orders recomputed by
// hand from the rule, and the supply-line weight's effect on the variability of orders.
#include <catch2/catch.hpp>
#include <cmath>

#include "../support/run_support.hpp"
#include "surge/policies/anchor_adjust_policy.hpp"
#include "surge/policies/policy_declaration.hpp"

namespace surge {
namespace {

AnchorAdjustParams params() {
  AnchorAdjustParams p;
  p.review = 168;
  p.target_stock = 12;
  p.alpha_s = 0.5;
  return p;
}

TEST_CASE("anchor_adjust orders expected demand plus weighted stock and supply-line gaps",
          "[policies][anchor_adjust]") {
  AnchorAdjustParams p = params();
  p.target_supply_line = 8;
  p.alpha_sl = 0.25;
  p.theta = 0.5;
  p.initial_demand = 4;
  AnchorAdjustPolicy policy(p);
  policy.observe_demand(5);
  policy.observe_demand(3);
  // E = 4 + 0.5 (8 - 4) = 6; net stock 10 - 2 = 8; 6 + 0.5 (12 - 8) + 0.25 (8 - 6) = 8.5,
  // a whole 9 cases (nearest, halves up).
  CHECK(policy.order_quantity(StockState{10, 2, 6}) == 9);
  CHECK(policy.expected_demand() == Approx(6));
  // No demand: E = 3; 3 + 0.5 (12 - 30) + 0.25 (8 - 10) = -6.5, clipped at 0.
  CHECK(policy.order_quantity(StockState{30, 0, 10}) == 0);
  CHECK(policy.expected_demand() == Approx(3));
}

TEST_CASE("anchor_adjust without initial_demand starts from the first period's demand",
          "[policies][anchor_adjust]") {
  AnchorAdjustParams p = params();
  p.target_supply_line = 0;
  p.alpha_sl = 0;
  AnchorAdjustPolicy policy(p);
  policy.observe_demand(7);
  CHECK(policy.order_quantity(StockState{12, 0, 0}) == Approx(7));
  CHECK(policy.expected_demand() == Approx(7));
}

TEST_CASE("anchor_adjust places each decision order_delay later and counts the mail as supply line",
          "[policies][anchor_adjust]") {
  AnchorAdjustParams p = params();
  p.alpha_sl = 0.5;
  p.theta = 0;
  p.initial_demand = 4;
  p.delay_periods = 1;
  p.supply_periods = 2;  // target supply line = E x 2 = 8
  AnchorAdjustPolicy policy(p);
  policy.observe_demand(4);
  // Mail [4]: supply line 4 + 4 = 8, no gaps: decide 4, place the 4 from the mail.
  CHECK(policy.order_quantity(StockState{12, 0, 4}) == Approx(4));
  CHECK(policy.last_decision() == Approx(4));
  // Net stock 6: decide 4 + 0.5 x 6 = 7; place the previous decision, 4.
  CHECK(policy.order_quantity(StockState{6, 0, 4}) == Approx(4));
  CHECK(policy.last_decision() == Approx(7));
  // Mail [7]: supply line 11, gap -3: 4 - 1.5 = 2.5, decide 3 (halves up); place 7.
  CHECK(policy.order_quantity(StockState{12, 0, 4}) == Approx(7));
  CHECK(policy.last_decision() == 3);
}

TEST_CASE("anchor_adjust orders whole units, the nearest to the rule's value",
          "[policies][anchor_adjust]") {
  AnchorAdjustParams p = params();
  p.alpha_s = 0.3;
  p.alpha_sl = 0;
  p.theta = 0.25;
  p.initial_demand = 4;
  AnchorAdjustPolicy policy(p);
  // E = 4 + 0.25 (7 - 4) = 4.75; 4.75 + 0.3 (12 - 11) = 5.05: 5 cases, not 5.05.
  policy.observe_demand(7);
  CHECK(policy.order_quantity(StockState{11, 0, 0}) == 5);
  // E = 4.75 + 0.25 (9 - 4.75) = 5.8125; 5.8125 + 0.3 (12 - 10) = 6.4125: 6 (nearest, not 7).
  policy.observe_demand(9);
  CHECK(policy.order_quantity(StockState{10, 0, 0}) == 6);
  // E = 5.8125 + 0.25 (10 - 5.8125) = 6.859375; + 0.3 (12 - 10) = 7.459375: 7.
  policy.observe_demand(10);
  CHECK(policy.order_quantity(StockState{10, 0, 0}) == 7);
  // E = 6.859375 + 0.25 (12 - 6.859375) = 8.14453125; + 0.3 (12 - 10) = 8.74453125: 9 (up).
  policy.observe_demand(12);
  CHECK(policy.order_quantity(StockState{10, 0, 0}) == 9);
  CHECK(whole_units(2.5) == 3);
  CHECK(whole_units(2.49) == 2);
  CHECK(whole_units(0) == 0);
}

TEST_CASE("anchor_adjust's initial order slips are whole units too", "[policies][anchor_adjust]") {
  AnchorAdjustParams p = params();
  p.alpha_s = 0;
  p.alpha_sl = 0;
  p.theta = 0;
  p.initial_demand = 3.6;  // a fractional expectation: the slips in the mail say 4
  p.delay_periods = 2;
  AnchorAdjustPolicy policy(p);
  CHECK(policy.order_quantity(StockState{12, 0, 0}) == 4);
  CHECK(policy.order_quantity(StockState{12, 0, 0}) == 4);
  // Then the decisions themselves: E stays 3.6 (theta 0), ordered as 4.
  CHECK(policy.order_quantity(StockState{12, 0, 0}) == 4);
  CHECK(policy.expected_demand() == Approx(3.6));
}

// A warehouse 2 weeks from its supplier, weekly reviews, Poisson demand stepping from 4 to 8
// per week in week 5. alpha_s = alpha_sl = 1 is order-up-to on the full position; with
// alpha_sl = 0 every week's order corrects the same stock gap again.
const char* kChain = R"(name: anchor
horizon: 52w
sample_every: 1w
products:
  - {id: beer, unit_cost: 1}
nodes:
  - id: brewery
    type: supplier
    products: {beer: {lead_time: 0d}}
  - id: shop
    type: warehouse
    inventory:
      beer:
        initial: 12
        source: brewery
        policy: {type: anchor_adjust, review: 1w, target_stock: 12, alpha_s: 1,
                 alpha_sl: 1, theta: 0.25, initial_demand: 4}
lanes:
  - {from: brewery, to: shop, lead_time: 2w}
markets:
  - {id: town, served_by: shop, demand: {product: beer, rate: 4/w, seasonal: [{from: 4w, to: 52w, factor: 2}]}}
)";

double order_sd(const RunResult& r) {
  auto s = test::series(r, "shop", "beer");
  double n = 0, sum = 0, ss = 0;
  for (const auto& x : s)
    if (x.time > 0) {
      n += 1;
      sum += x.ordered;
    }
  double mean = sum / n;
  for (const auto& x : s)
    if (x.time > 0) ss += (x.ordered - mean) * (x.ordered - mean);
  return std::sqrt(ss / (n - 1));
}

TEST_CASE("anchor_adjust orders vary more when the supply line is ignored",
          "[policies][anchor_adjust]") {
  Scenario with = test::load(kChain);
  Scenario without = test::load(kChain, {"nodes.shop.inventory.beer.policy.alpha_sl=0"});
  std::vector<double> diff;
  for (int r = 0; r < 20; ++r) {
    auto a = run_replication(without, static_cast<std::uint64_t>(r), RunOptions{});
    auto b = run_replication(with, static_cast<std::uint64_t>(r), RunOptions{});
    diff.push_back(order_sd(a) - order_sd(b));
  }
  auto ci = test::t_interval(diff);
  INFO("sd(orders | alpha_sl 0) - sd(orders | alpha_sl 1): " << ci.mean << " +- " << ci.half);
  CHECK(ci.low() > 0);
}

TEST_CASE("anchor_adjust policies are checked like the others", "[policies][anchor_adjust][io]") {
  auto expect_error = [](const std::string& set, const std::string& part) {
    try {
      test::load(kChain, {set});
      FAIL("no error for " << set);
    } catch (const std::exception& e) {
      INFO(e.what());
      CHECK(std::string(e.what()).find(part) != std::string::npos);
    }
  };
  expect_error("nodes.shop.inventory.beer.policy.alpha_sll=0", "alpha_sl");
  expect_error("nodes.shop.inventory.beer.policy.theta=1.5", "theta");
  expect_error("nodes.shop.inventory.beer.policy.order_delay=10d", "whole number of review");
  Scenario s = test::load(kChain, {"nodes.shop.inventory.beer.policy.order_delay=2w"});
  CHECK(policy_parameters(s.nodes[1].inventory[0].policy)->number("order_delay") == Approx(336));
}

}  // namespace
}  // namespace surge
