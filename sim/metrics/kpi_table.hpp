#pragma once
// Builds the KPI table of a run (docs/kpis.md) from the order and contact records and the
// collector's aggregates, for every window and scope.
#include <vector>

#include "surge/metrics/collector.hpp"
#include "surge/metrics/run_result.hpp"
#include "surge/model/entities.hpp"

namespace surge {

void compute_kpis(const Scenario& scenario, const std::vector<CustomerOrder>& orders,
                  const std::vector<Contact>& contacts, const Collector& collector,
                  RunResult& result);

}  // namespace surge
