#pragma once
// Checks the scenario's targets against a run's KPIs, and finds the first day each missed
// target broke (the first day in its window whose own value misses it).
#include <string>
#include <vector>

#include "surge/metrics/record_tally.hpp"
#include "surge/metrics/run_result.hpp"
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

// The answer time a service-level target is judged with: its own, or its node's, or 60 s.
Time target_answer_time(const Scenario& scenario, const Target& target);

// Evaluates every target from the run's KPIs (result.kpis, filled) and, for a missed ratio
// target, finds its first break from the daily tallies of `records`.
void evaluate_targets(const Scenario& scenario, const RecordTally& records, RunResult& result);

}  // namespace surge
