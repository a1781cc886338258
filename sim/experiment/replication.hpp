#pragma once
// One replication of a scenario: build the model, run it to the horizon, check conservation,
// and compute KPIs, targets and time series.
#include <cstdint>

#include "metrics/run_result.hpp"
#include "model/scenario.hpp"

namespace surge {

struct RunOptions {
  bool records = false;  // keep per-order and per-contact records in the result
};

RunResult run_replication(const Scenario& scenario, std::uint64_t replication,
                          const RunOptions& options = {});

// The windows KPIs are reported for: the run after warm-up, then each campaign, clipped to
// [warm-up, horizon].
std::vector<Window> kpi_windows(const Scenario& scenario);

}  // namespace surge
