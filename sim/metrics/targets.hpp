#pragma once
// Checks the scenario's targets against a run's KPIs, and finds the first day each missed
// target broke (the first day in its window whose own value misses it).
#include <string>
#include <vector>

#include "surge/metrics/run_result.hpp"
#include "surge/model/entities.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

// A target's stable machine-readable name: "<window>.<metric>", and when the target has a
// scope or its own answer time, "[node=..,product=..,market=..,within=..]" after it (only the
// parts it sets; `within` as the scenario writes durations). Two targets that would share a
// key get "#2", "#3" ... in scenario order, so the keys of a scenario are unique. Used for the
// /replications columns of experiment files (docs/output.md).
std::vector<std::string> target_keys(const Scenario& scenario);
// A target in words, used by the terminal and written to every file for the report: "fill
// rate of widget over the run at least 95%", "service level at support (answered within 1 min)
// during black_friday at least 80%", "lost sales over the run at most 250 units".
std::string target_label(const Scenario& scenario, const Target& target);

void evaluate_targets(const Scenario& scenario, const std::vector<CustomerOrder>& orders,
                      const std::vector<Contact>& contacts, RunResult& result);

}  // namespace surge
