// A plan's cost in `surge compare`: its fixed cost plus the paired change in modelled total cost
// (docs/experiments.md). Agents paid by the hour make the modelled part exact by construction.
#include <catch2/catch.hpp>

#include "surge/experiment/studies/comparison.hpp"
#include "surge/io/scenario_loader.hpp"

namespace surge {
namespace {

// The desk is the only thing the plans change, and it is always open, so each plan changes the
// run's total cost by exactly (agents added) x (hours measured) x (hourly rate): 18 measured days
// (20 d horizon, 2 d warm-up) = 432 h at 10 per agent-hour. No agent at all answers nothing, so
// the baseline misses its target and cannot be the cheapest deliverable "plan".
const char* kDesk = R"(name: paid desk
horizon: 20d
warmup: 2d
seed: 11
products:
  - {id: widget, price: 10, unit_cost: 4, holding_cost: 0.01/d}
nodes:
  - id: wh
    type: warehouse
    inventory: {widget: {initial: 400, source: supplier, policy: {type: sS, s: 150, S: 400}}}
  - id: supplier
    type: supplier
    products: {widget: {lead_time: 2d}}
  - id: desk
    type: service
    agents: 0
    cost_per_agent_hour: 10
    handle_time: {dist: exponential, mean: 10min}
    patience: {dist: exponential, mean: 5min}
lanes:
  - {from: supplier, to: wh, lead_time: 1d}
markets:
  - id: town
    served_by: wh
    demand: {product: widget, rate: 40/d}
    delivery: {lead_time: 1d, promise: 2d}
    contacts: {per_order: 0.2, to: desk}
targets:
  confidence: 0.8
  require:
    - {metric: service_level, node: desk, answer_within: 5min, at_least: 0.6}
plans:
  # cheapest by the fee alone, dearest once the wages are counted
  eight_free: {set: {nodes.desk.agents: 8}, cost: 0}
  four_with_fee: {set: {nodes.desk.agents: 4}, cost: 1000}
)";

}  // namespace

TEST_CASE("compare ranks plans by fixed cost plus the paired modelled cost change",
          "[experiment][compare]") {
  Scenario s = load_scenario_text(kDesk, "desk.yaml");
  McOptions options;
  options.replications = 30;
  PlanComparison c = run_comparison(s, options, /*settle=*/false);
  REQUIRE(c.outcomes.size() == 3);
  const PlanOutcome& eight = c.outcomes[1];
  const PlanOutcome& four = c.outcomes[2];
  REQUIRE(eight.verdict.judgement == Deliverability::deliverable);
  REQUIRE(four.verdict.judgement == Deliverability::deliverable);
  REQUIRE(c.outcomes[0].verdict.judgement == Deliverability::not_deliverable);

  // Wages are the only cost the plans move, the same in every replication.
  CHECK(eight.modelled_cost_change.count() == 30);
  CHECK(eight.modelled_cost_change.mean() == Approx(8 * 432 * 10.0).epsilon(1e-9));
  CHECK(four.modelled_cost_change.mean() == Approx(4 * 432 * 10.0).epsilon(1e-9));
  CHECK(four.modelled_cost_change.half_width() == Approx(0).margin(1e-6));
  CHECK(eight.plan_cost() == Approx(34560));
  CHECK(four.plan_cost() == Approx(1000 + 17280));
  CHECK(c.outcomes[0].plan_cost() == 0);
  // By the fee alone `eight_free` would win; counting the wages, `four_with_fee` does.
  CHECK(c.cheapest_deliverable == "four_with_fee");
}

}  // namespace surge
