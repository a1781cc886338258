#pragma once
// The one-screen summary of a run printed by `surge run`: targets met or missed, KPIs per
// window, service queues, where it breaks, the binding constraints and the busiest resources.
#include <iosfwd>
#include <string>

#include "surge/metrics/run_result.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

// Where a target breaks, in words: its chain of constraints ("fc/earbuds out of stock ←
// dc/earbuds out of stock"), or that no constraint held its failing work up.
std::string break_text(const TargetBreak& b);

void print_run_summary(std::ostream& out, const Scenario& scenario, const RunResult& result);

// Every KPI row, the targets and the event-trace fingerprint as tab-separated text with full
// precision: stable across runs, so tests can compare it with a golden file.
void print_kpi_table(std::ostream& out, const RunResult& result);

}  // namespace surge
