#pragma once
// Small scenarios for the experiment tests: quick to run, with known answers.
#include <string>

namespace surge::testing {

// A service desk (M/M/2) fed by one market's orders, plus a campaign with an uncertain uplift:
// each replication is a few thousand events.
inline std::string small_campaign_scenario() {
  return R"(name: small campaign
horizon: 20d
warmup: 2d
seed: 7
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
    agents: 2
    handle_time: {dist: exponential, mean: 10min}
    patience: {dist: exponential, mean: 5min}
lanes:
  - {from: supplier, to: wh, lead_time: {dist: uniform, min: 1d, max: 3d}}
markets:
  - id: town
    served_by: wh
    demand: {product: widget, rate: 40/d}
    delivery: {lead_time: 1d, promise: 2d}
    contacts: {per_order: 0.2, to: desk}
campaigns:
  - id: promo
    product: widget
    start: 10d
    duration: 3d
    uplift: {dist: uniform, min: 1.5, max: 3.5}
targets:
  confidence: 0.8
  require:
    - {metric: fill_rate, window: promo, at_least: 0.9}
    - {metric: service_level, node: desk, answer_within: 2min, at_least: 0.6}
plans:
  more_stock: {set: {nodes.wh.inventory.widget.initial: 800}, cost: 100}
  more_agents: {set: {nodes.desk.agents: 4}, cost: 300}
)";
}

}  // namespace surge::testing
