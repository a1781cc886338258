#pragma once
// Builds the KPI table of a run (docs/kpis.md) from the tallies of its orders and contacts
// and the collector's aggregates, for every window and scope.
#include "surge/metrics/collector.hpp"
#include "surge/metrics/record_tally.hpp"
#include "surge/metrics/run_result.hpp"

namespace surge {

// `records` has taken every order and contact (the books are flushed); the lead-time
// quantiles reorder its kept lead times.
void compute_kpis(const Scenario& scenario, RecordTally& records, const Collector& collector,
                  RunResult& result);

}  // namespace surge
