#pragma once
// The simulation behind `surge optimise`: a combination of lever values is the scenario with
// the plan that sets them (io: lever_plan) applied, and replication r of every combination
// runs on the same random numbers (common random numbers), so the search compares candidates
// paired (docs/experiments.md, "The cheapest fix").
//
// Replications run through a ReplicationPool: on worker threads and, under mpirun, on the other
// ranks, which receive each combination's scenario as its YAML text (apply_plan writes the
// applied values into it). Outcomes arrive in replication order, so they are the same for any
// thread or rank count. With a journal, every outcome is recorded as it arrives and outcomes the
// journal already holds are not run again (resume).
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "surge/experiment/studies/optimise_journal.hpp"
#include "surge/experiment/studies/optimiser.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

// The scenario's levers as the search sees them: each one's candidate values, the file's value
// and the cost per unit of change.
std::vector<SearchLever> search_levers(const Scenario& scenario);

class LeverModel : public OptimiserModel {
 public:
  // `replications_done` is told how many replications have run so far (progress), those taken
  // from the journal included. `journal` (may be null) records every outcome under keys that
  // begin with `journal_tag` (one tag per search sharing a journal: each frontier value).
  LeverModel(const Scenario& base, unsigned threads,
             std::function<void(std::uint64_t)> replications_done = {},
             OptimiseJournal* journal = nullptr, std::string journal_tag = "");

  std::vector<ReplicationOutcome> run(const LeverPoint& point, std::uint64_t first,
                                      std::uint64_t count) override;
  std::vector<ReplicationOutcome> run_baseline(std::uint64_t first, std::uint64_t count) override;
  // The threads of this process times the ranks (each rank assumed to run as many).
  std::uint64_t parallelism() const override;

  // The lever values of a point, in the scenario's lever order.
  std::vector<double> values_of(const LeverPoint& point) const;
  // Outcomes taken from the journal rather than run.
  std::uint64_t from_journal() const { return from_journal_; }

 private:
  std::vector<ReplicationOutcome> run_scenario(const Scenario& scenario, const std::string& key,
                                               std::uint64_t first, std::uint64_t count);

  const Scenario& base_;
  unsigned threads_;
  std::function<void(std::uint64_t)> replications_done_;
  OptimiseJournal* journal_;
  std::string tag_;
  std::uint64_t done_ = 0, from_journal_ = 0;
  std::map<LeverPoint, Scenario> scenarios_;  // each combination loaded once
};

}  // namespace surge
