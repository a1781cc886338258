#pragma once
// Checks the scenario's targets against a run's KPIs, and finds the first day each missed
// target broke (the first day in its window whose own value misses it).
#include <vector>

#include "metrics/run_result.hpp"
#include "model/entities.hpp"
#include "model/scenario.hpp"

namespace surge {

void evaluate_targets(const Scenario& scenario, const std::vector<CustomerOrder>& orders,
                      const std::vector<Contact>& contacts, RunResult& result);

}  // namespace surge
