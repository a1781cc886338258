#pragma once
// `surge compare`: the baseline and every plan of the scenario, each over the same
// replications (common random numbers), with paired differences against the baseline and the
// cheapest plan that makes the campaign deliverable.
#include <string>
#include <vector>

#include "surge/experiment/monte_carlo/monte_carlo.hpp"
#include "surge/experiment/monte_carlo/verdict.hpp"

namespace surge {

// A plan stopped by the sequential rule holds fewer replications than the baseline; paired
// differences use the replications both have (under --precision a plan may hold more).
struct PlanOutcome {
  std::string name;  // "baseline" for the scenario as written
  double cost = 0;   // the fixed cost written in `plans` (0 for the baseline)
  // Per replication: the run's modelled total_cost under the plan minus the baseline's, paired.
  // Wages of a temporary crew, holding of a larger buffer and production of a pre-build are
  // here, computed by the model rather than typed in.
  RunningStats modelled_cost_change;
  // What the plan costs, as `compare` ranks it: the fixed cost + the mean modelled change.
  double plan_cost() const {
    return cost + (modelled_cost_change.count() > 0 ? modelled_cost_change.mean() : 0.0);
  }
  McResult mc;
  Verdict verdict;
  std::vector<RunningStats> difference;  // per headline KPI: plan - baseline, paired by replication
  RunningStats deliverable_difference;   // per replication: deliverable(plan) - deliverable(base)
};

struct PlanComparison {
  std::vector<PlanOutcome> outcomes;  // baseline first, then plans in file order
  std::string cheapest_deliverable;   // by plan_cost(); empty when no plan is deliverable
};

// Refuses, before anything runs, a plan whose name cannot name its results: each plan is a row
// of the comparison and a group of its file (docs/output.md), beside `baseline`, the scenario
// as written. So a plan cannot be called `baseline`, be empty, hold a `/` (which would nest
// groups) or be `.` or `..`. Throws ScenarioError naming the scenario file.
void check_plan_names(const Scenario& scenario);

// The baseline runs as `surge mc` would with `options`: options.replications, to
// options.precision, or until settled when options.until_settled. Every plan runs the same,
// or with `settle` stops as soon as its verdict is settled (sequential_verdict.hpp), at most
// options.replications. `per_plan` is called before each
// one's replications start (progress display).
PlanComparison run_comparison(const Scenario& scenario, const McOptions& options, bool settle,
                              const std::function<void(const std::string&)>& per_plan = {});

}  // namespace surge
