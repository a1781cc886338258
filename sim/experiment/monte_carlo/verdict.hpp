#pragma once
// The verdict of a Monte Carlo experiment: for each target and for all of them together, the
// probability of meeting it with a 95% Wilson interval, judged against the scenario's required
// confidence; when targets break, the first day (its spread across replications) and where it
// breaks (the binding constraint the failing work waited on first, traced upstream).
#include <string>
#include <vector>

#include "surge/experiment/monte_carlo/monte_carlo.hpp"

namespace surge {

enum class Deliverability { deliverable, at_risk, not_deliverable };
const char* to_string(Deliverability d);

// DELIVERABLE when the interval's lower end reaches the required confidence, NOT DELIVERABLE
// when its upper end stays below it, AT RISK in between (more replications may decide it).
Deliverability judge(const Interval& ci, double required);

struct TargetVerdict {
  std::string description;
  double probability = 0;
  Interval ci;
  Deliverability judgement = Deliverability::at_risk;
  std::uint64_t broke = 0;  // replications in which it broke on a known day
  double first_break_p10 = -1, first_break_p50 = -1, first_break_p90 = -1;  // day numbers
  std::string breaks;       // where it breaks in most of the replications that missed it
  double breaks_share = 0;  // share of those replications that name its head constraint
};

// Where a set of failing replications breaks: the constraint most of them name first (the
// head of their chains) and, among those, their most frequent chain.
struct BreakVote {
  std::string chain;
  double share = 0;  // share of the failing replications whose chain starts at its head
};
BreakVote vote_breaks(const std::vector<std::string>& chains);

struct Verdict {
  double required = 0.9;
  std::uint64_t replications = 0;
  double probability = 0;  // all targets met
  Interval ci;
  // How ci was made: "95% Wilson" after a fixed count; for a run stopped by the sequential
  // rule, the look's Clopper-Pearson interval ("99.17% Clopper-Pearson per look, 6 looks").
  std::string ci_method = "95% Wilson";
  Deliverability judgement = Deliverability::at_risk;
  std::vector<TargetVerdict> targets;
  // Where it breaks: over the failing replications, the chain of their first missed target.
  std::string breaks;
  double breaks_share = 0;  // share of failing replications whose chain starts at its head
};

Verdict make_verdict(const Scenario& scenario, const McResult& result);

// The most a run of n replications can show: the interval when all n meet every target, judged
// after a fixed count (95% Wilson) or by the looks of a sequential run capped at n. Below the
// required confidence, no verdict of such a run can be DELIVERABLE. `method` receives how the
// interval was made.
Interval best_case_interval(std::uint64_t n, bool sequential, std::string* method = nullptr);

// The smallest count from `from` to `limit` whose best case reaches `required`; 0 if none.
std::uint64_t fewest_replications_to_deliver(double required, bool sequential, std::uint64_t from,
                                             std::uint64_t limit);

}  // namespace surge
