#pragma once
// The property the override fuzzer checks (override_fuzzer.cpp), shared with the regression test
// that replays its saved inputs (override_regression_test.cpp): the parsers of what the command
// line and plans add to a scenario -- `--set PATH=VALUE`, `--grid PATH=v1,v2|lo:hi:step` and a
// plan's `set` map -- end in a valid scenario or a user error (ScenarioError; for a grid's own
// text, Error), never a crash, a hang, a leak or an internal error.
//
// An input is one mode byte and a text: the mode byte modulo 3 selects what the text is.
//   0  `--set` assignments, one per line, applied to the base scenario;
//   1  a `--grid` spec; its paths and first and last values are applied as `--set`s;
//   2  the body of a plan's `set` map, appended to the base scenario under `plans`.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "surge/experiment/studies/sweep.hpp"
#include "surge/io/scenario_loader.hpp"
#include "surge/kernel/error.hpp"

namespace surge::fuzz {

// A small scenario with every section an override may reach: a supplier, a warehouse with a
// policy, a fulfilment centre with a station, a service node, lanes, two markets, a campaign, a
// target and a plan.
inline const char* kOverrideBase = R"(name: fuzz base
horizon: 30d
warmup: 2d
products:
  - {id: widget, price: 10, unit_cost: 4}
nodes:
  - id: acme
    type: supplier
    products: {widget: {lead_time: 3d}}
  - id: dc
    type: warehouse
    inventory: {widget: {initial: 500, source: acme, policy: {type: sS, s: 100, S: 600}}}
  - id: fc
    type: fulfilment
    inventory: {widget: {initial: 50, source: dc, policy: {type: RsS, review: 1d, s: 20, S: 80}}}
    stations: [{name: pick, servers: 2, time: {dist: exponential, mean: 5min}}]
  - id: support
    type: service
    agents: 2
    handle_time: {dist: lognormal, mean: 6min, cv: 0.5}
lanes:
  - {from: acme, to: dc, lead_time: {dist: gamma, mean: 2d, cv: 0.3}}
  - {from: dc, to: fc, lead_time: 1d}
markets:
  - id: eu
    served_by: fc
    demand: {product: widget, rate: 20/d, size: {dist: empirical, values: [1, 2]}}
    contacts: {per_order: 0.1, to: support}
  - {id: us, served_by: dc, demand: {product: widget, rate: 5/d}, on_stockout: lost_sale}
campaigns:
  - {id: promo, product: widget, start: 10d, duration: 3d, uplift: {dist: lognormal, median: 2, p90: 3}}
targets:
  require: [{metric: fill_rate, window: promo, at_least: 0.9}]
plans:
  more: {set: {nodes.dc.inventory.widget.initial: 900}, cost: 10}
)";

// 0 loaded, 1 refused as a user error.
inline int load_or_refuse(const std::string& text, const std::vector<std::string>& sets) {
  Scenario s;
  try {
    s = load_scenario_text(text, "fuzz.yaml", sets);
  } catch (const ScenarioError& e) {
    if (e.line() < 0 || e.column() < 0 || e.message().empty())
      throw InternalError("malformed ScenarioError: " + std::string(e.what()));
    return 1;
  }
  for (const auto& plan : s.plans) {
    try {
      (void)apply_plan(s, plan);
    } catch (const ScenarioError& e) {
      throw InternalError("plan `" + plan.id + "` loaded but does not apply: " + e.what());
    }
  }
  return 0;
}

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size() && out.size() < 64) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

inline int check_override_input(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 1;
  const int mode = data[0] % 3;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (mode == 0) return load_or_refuse(kOverrideBase, lines_of(text));
  if (mode == 1) {
    SweepAxis axis;
    try {
      axis = parse_grid(text);
      (void)check_sweep_grid({axis});
    } catch (const InternalError&) {
      throw;
    } catch (const Error&) {
      return 1;  // the grid's own text refused, with a message
    }
    if (axis.values.empty()) throw InternalError("a grid without values was accepted: " + text);
    // The values a sweep would set first and last, as it sets them.
    int refused = 0;
    for (const std::string* value : {&axis.values.front(), &axis.values.back()})
      refused += load_or_refuse(kOverrideBase, {axis.path + "=" + *value});
    return refused > 0 ? 1 : 0;
  }
  return load_or_refuse(std::string(kOverrideBase) + "  fuzzed:\n    set:\n      " + text + "\n",
                        {});
}

}  // namespace surge::fuzz
