#pragma once
// A verdict reached while the replications come in: stop a plan as soon as its verdict is
// settled instead of always running the full count. Looks come at n0, 2 n0, 4 n0, ... and at
// the cap; each judges P(every target met) against the required confidence with a
// Clopper-Pearson interval at 1 - alpha / K, K being the number of looks. By the union bound
// the chance that any look of the sequence misjudges is at most alpha: the same guarantee as
// one 95% interval after a fixed count (docs/experiments.md, "Stopping once the verdict is
// settled").
#include <cstdint>
#include <string>
#include <vector>

#include "surge/experiment/monte_carlo/statistics.hpp"

namespace surge {

struct LookSchedule {
  std::vector<std::uint64_t> looks;  // replication counts, increasing; the last is the cap
  double confidence = 0.95;          // of each look's interval
  double family_confidence = 0.95;   // of the whole sequence
};

// Looks at first, 2 first, 4 first, ..., each kept only when the cap is at least 1.5 times it,
// then the cap itself (1000 from 30: 30, 60, 120, 240, 480, 1000; 1300: 30, ..., 480, 1300;
// any cap below 45: the cap alone).
LookSchedule look_schedule(std::uint64_t cap, std::uint64_t first = 30,
                           double family_confidence = 0.95);

// The interval a look judges with: `met` of `n` replications met every target.
Interval look_interval(std::uint64_t met, std::uint64_t n, const LookSchedule& schedule);

// How a look's interval is made, for reports: "99.17% Clopper-Pearson per look, 6 looks".
std::string look_method(const LookSchedule& schedule);

// True when the look's interval lies wholly on one side of `required` (what judge() then
// says is final); false while it straddles it.
bool settled(const Interval& ci, double required);

}  // namespace surge
