#pragma once
// The printed verdict of `surge mc`: probability of delivering with its interval, per target
// with first-break days, where it breaks, the binding constraints, and KPI means with 95%
// confidence intervals.
#include <iosfwd>
#include <string>

#include "surge/experiment/monte_carlo/monte_carlo.hpp"
#include "surge/experiment/monte_carlo/verdict.hpp"

namespace surge {

void print_verdict(std::ostream& out, const Scenario& scenario, const McResult& result,
                   const Verdict& verdict);
// The first part of it: header, verdict, targets and where it breaks (no KPI table).
void print_verdict_head(std::ostream& out, const Scenario& scenario, const McResult& result,
                        const Verdict& verdict);
// The line beginning "Where it breaks:" (and one per missed target that breaks elsewhere);
// nothing when every replication met every target. Each line starts with `indent`.
void print_where_it_breaks(std::ostream& out, const Scenario& scenario, const Verdict& verdict,
                           const std::string& indent = "");
// The constraints that bound in `window` in any replication, longest first (at most `limit`):
// the share of replications in which each bound and its mean hours bound.
void print_census_summary(std::ostream& out, const McResult& result, const std::string& window,
                          std::size_t limit);

}  // namespace surge
