#pragma once
// Checks the scenario's targets against a run's KPIs, and finds the first day each missed
// target broke (the first day in its window whose own value misses it).
#include <vector>

#include "surge/metrics/run_result.hpp"
#include "surge/model/entities.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

void evaluate_targets(const Scenario& scenario, const std::vector<CustomerOrder>& orders,
                      const std::vector<Contact>& contacts, RunResult& result);

}  // namespace surge
