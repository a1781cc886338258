#pragma once
// The printed verdict of `surge mc`: probability of delivering with its interval, per target
// with first-break days, the bottleneck, and KPI means with 95% confidence intervals.
#include <iosfwd>

#include "surge/experiment/monte_carlo/monte_carlo.hpp"
#include "surge/experiment/monte_carlo/verdict.hpp"

namespace surge {

void print_verdict(std::ostream& out, const Scenario& scenario, const McResult& result,
                   const Verdict& verdict);
// The first part of it: header, verdict, targets and bottleneck (no KPI table).
void print_verdict_head(std::ostream& out, const Scenario& scenario, const McResult& result,
                        const Verdict& verdict);

}  // namespace surge
