#pragma once
// One replication of a scenario: build the model, run it to the horizon, check conservation,
// and compute KPIs, targets and time series.
#include <cstdint>
#include <functional>
#include <memory>

#include "surge/metrics/collector.hpp"
#include "surge/metrics/run_result.hpp"
#include "surge/model/scenario.hpp"
#include "surge/policies/replenishment_policy.hpp"

namespace surge {

struct RunOptions {
  bool records = false;  // keep per-order and per-contact records in the result
  // Keep the time series (stock and resource samples) in the result; `surge run` without an
  // output file reads none and saves their memory.
  bool time_series = true;
  // Replaces the policy of the stock points it returns one for (null: the scenario's). It sees
  // the run's collector, so that a policy played by a person can show the costs so far
  // (`surge play`, experiment/game.hpp).
  std::function<std::unique_ptr<ReplenishmentPolicy>(std::uint32_t node, std::uint32_t product,
                                                     const Policy& spec, Time lead_time_mean,
                                                     const Collector& collector)>
      policy_override;
};

RunResult run_replication(const Scenario& scenario, std::uint64_t replication,
                          const RunOptions& options = {});

// The windows KPIs are reported for: the run after warm-up, then each campaign, clipped to
// [warm-up, horizon].
std::vector<Window> kpi_windows(const Scenario& scenario);

}  // namespace surge
