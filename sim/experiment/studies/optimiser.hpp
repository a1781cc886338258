#pragma once
// The search of `surge optimise`: the cheapest combination of lever values whose verdict is
// DELIVERABLE at the required confidence (docs/experiments.md, "The cheapest fix").
//
// The search sees the simulation only through OptimiserModel: the outcomes of replications
// [first, first + count) of a lever combination (did every target hold; the modelled cost),
// and of the baseline. Replication r of every combination uses the same random numbers (common
// random numbers), so costs are compared paired with the baseline and screening verdicts are
// comparable. Each combination is screened with the sequential looks of `surge compare`
// (sequential_verdict.hpp) and dropped as soon as its verdict is settled, or as soon as it can
// no longer end DELIVERABLE by its cap (curtailment: even if every remaining replication met
// the targets, the interval at the cap would not clear the requirement), since only
// "DELIVERABLE or not" steers the search. The steps:
//
//  1. the upper corner (every lever at its largest value): if it is not DELIVERABLE, nothing
//     is, provided more of a lever never makes delivery less likely (monotonicity);
//  2. coordinate descent: each lever in turn is bisected down to the smallest value that keeps
//     the combination DELIVERABLE, the others held, then moved to the cheapest DELIVERABLE
//     value screened on that lever (the modelled cost need not rise with a lever);
//  3. the check of monotonicity: every single-step-down neighbour of that combination is
//     screened itself (not inferred); the cheapest deliverable neighbour, if cheaper, restarts
//     the descent from it; one below a screened combination that has at least as much of every
//     lever yet is not DELIVERABLE is reported;
//  4. exchanges: one lever a step up (kept if that alone is cheaper), another a step down;
//     when that is DELIVERABLE, the second is bisected further down; kept when cheaper. An
//     exchange is not screened when the screened steps below the point (step 3) show that the
//     step up would cost at least what the step down saves. A step down that is not
//     DELIVERABLE ends the exchange (a lower value would not be either, by monotonicity).
//     Savings within the noise of the point's modelled cost (its 95% half-width) do not count.
//     A point an exchange moves to goes back through steps 3-4. At the end every evaluated pair
//     ordered on all levers is tested for a significant reversal of monotonicity;
//  5. confirmation: the cheapest DELIVERABLE combination is re-run on fresh replications
//     (indices from `confirm_first`, never used in screening) with the looks at family
//     confidence 1 - alpha / M; if it fails, the next cheapest, up to M attempts. The plan
//     returned is DELIVERABLE by its confirmation alone, so the chance that the search returns
//     a plan that is not deliverable is at most alpha, however many combinations it screened.
//
// Every decision depends only on the outcomes, which depend only on the replication indices, so
// the search takes the same path for any thread or rank count.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "surge/experiment/monte_carlo/statistics.hpp"
#include "surge/experiment/monte_carlo/verdict.hpp"

namespace surge {

// One lever as the search sees it: candidate values in increasing order of capacity (a larger
// value never makes delivery less likely), the value the scenario has (the baseline), and a
// fixed cost per unit of change away from it.
struct SearchLever {
  std::string name;
  std::vector<double> values;  // strictly increasing
  double base = 0;
  double cost_per_unit = 0;  // charged on |value - base|
};

using LeverPoint = std::vector<std::size_t>;  // an index into each lever's values

struct ReplicationOutcome {
  bool met = false;          // every target held
  double modelled_cost = 0;  // the run's total cost (total_cost KPI, whole run)
};

class OptimiserModel {
 public:
  virtual ~OptimiserModel() = default;
  // The outcomes of replications [first, first + count) of the combination, in order.
  virtual std::vector<ReplicationOutcome> run(const LeverPoint& point, std::uint64_t first,
                                              std::uint64_t count) = 0;
  virtual std::vector<ReplicationOutcome> run_baseline(std::uint64_t first,
                                                       std::uint64_t count) = 0;
  // How many replications it can run at once (threads, ranks): the search asks for at least
  // this many at a time where it could ask for fewer. No decision depends on it.
  virtual std::uint64_t parallelism() const { return 1; }
};

struct OptimiserOptions {
  double required = 0.9;  // targets.confidence
  // Screening only steers the search (the guarantee rests on the confirmation), so it stops
  // sooner: a candidate that needs more than `screening_cap` replications to show it is
  // DELIVERABLE lies so close to the requirement that its confirmation would mostly fail too.
  std::uint64_t screening_cap = 120;      // most replications of one screening
  std::uint64_t confirmation_cap = 1000;  // most replications of one confirmation
  std::uint64_t first_look = 30;          // the first look (then 2x, 4x, ... and the cap)
  double family_confidence = 0.95;        // of each screening, and of all confirmations together
  std::uint64_t confirm_first = 1'000'000'000;  // replication index of the first fresh seed
  int max_confirmations = 3;                    // M
  std::optional<double> budget;  // the most a plan may cost (fixed + modelled change)
};

struct CandidateResult {
  LeverPoint point;
  std::uint64_t replications = 0, met = 0;
  Interval ci;  // the last look's interval of P(every target met)
  Deliverability judgement = Deliverability::at_risk;
  double fixed_cost = 0;
  double modelled_cost_change = 0;      // mean paired change against the baseline
  double modelled_cost_half_width = 0;  // 95% Student t half-width of that mean
  double total_cost() const { return fixed_cost + modelled_cost_change; }
  bool deliverable() const { return judgement == Deliverability::deliverable; }
};

struct OptimiseResult {
  bool found = false;            // a plan was confirmed DELIVERABLE (and within budget)
  CandidateResult chosen;        // screening figures of the plan returned (or the best seen)
  CandidateResult confirmation;  // the plan's figures on fresh replications
  std::vector<CandidateResult> confirmations_failed;  // earlier attempts, on fresh replications
  std::vector<CandidateResult> runners_up;  // other DELIVERABLE combinations, cheapest first
  std::vector<CandidateResult> evaluated;   // every combination screened, in order
  std::vector<std::string> monotonicity_reversals;    // "a <= b on every lever, yet P(a) > P(b)"
  std::uint64_t replications = 0;                     // all replications run, baseline included
  std::string screening_method, confirmation_method;  // how the intervals were made
  std::string why_not;                                // when !found: what the search established
};

OptimiseResult optimise(const std::vector<SearchLever>& levers, OptimiserModel& model,
                        const OptimiserOptions& options);

// "pickers=16, agents=12" for messages.
std::string describe_point(const std::vector<SearchLever>& levers, const LeverPoint& point);

}  // namespace surge
