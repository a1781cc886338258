#pragma once
// The simulation behind `surge optimise`: a combination of lever values is the scenario with
// the plan that sets them (io: lever_plan) applied, and replication r of every combination
// runs on the same random numbers (common random numbers), so the search compares candidates
// paired (docs/experiments.md, "The cheapest fix").
#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "surge/experiment/studies/optimiser.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

// The scenario's levers as the search sees them: each one's candidate values, the file's value
// and the cost per unit of change.
std::vector<SearchLever> search_levers(const Scenario& scenario);

class LeverModel : public OptimiserModel {
 public:
  // `replications_done` is told how many replications have run so far (progress).
  LeverModel(const Scenario& base, unsigned threads,
             std::function<void(std::uint64_t)> replications_done = {});

  std::vector<ReplicationOutcome> run(const LeverPoint& point, std::uint64_t first,
                                      std::uint64_t count) override;
  std::vector<ReplicationOutcome> run_baseline(std::uint64_t first, std::uint64_t count) override;

  // The lever values of a point, in the scenario's lever order.
  std::vector<double> values_of(const LeverPoint& point) const;

 private:
  std::vector<ReplicationOutcome> run_scenario(const Scenario& scenario, std::uint64_t first,
                                               std::uint64_t count);

  const Scenario& base_;
  unsigned threads_;
  std::function<void(std::uint64_t)> replications_done_;
  std::uint64_t done_ = 0;
  std::map<LeverPoint, Scenario> scenarios_;  // each combination loaded once
};

}  // namespace surge
