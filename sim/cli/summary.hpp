#pragma once
// The one-screen summary of a run printed by `surge run`: targets met or missed, KPIs per
// window, service queues, and the busiest resources.
#include <iosfwd>

#include "metrics/run_result.hpp"
#include "model/scenario.hpp"

namespace surge {

void print_run_summary(std::ostream& out, const Scenario& scenario, const RunResult& result);

}  // namespace surge
