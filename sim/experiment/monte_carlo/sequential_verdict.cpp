#include "surge/experiment/monte_carlo/sequential_verdict.hpp"

#include <algorithm>
#include <cstdio>

namespace surge {

LookSchedule look_schedule(std::uint64_t cap, std::uint64_t first, double family_confidence) {
  LookSchedule s;
  s.family_confidence = family_confidence;
  first = std::max<std::uint64_t>(first, 1);
  // A look too close below the cap (cap < 1.5 n) would add little: the cap is the next look.
  for (std::uint64_t n = first; n < cap && cap - n >= n / 2; n *= 2) s.looks.push_back(n);
  if (cap > 0) s.looks.push_back(cap);
  // Bonferroni: each of K looks may err with at most (1 - family) / K.
  std::size_t k = std::max<std::size_t>(s.looks.size(), 1);
  s.confidence = 1 - (1 - family_confidence) / static_cast<double>(k);
  return s;
}

Interval look_interval(std::uint64_t met, std::uint64_t n, const LookSchedule& schedule) {
  return clopper_pearson_interval(met, n, schedule.confidence);
}

std::string look_method(const LookSchedule& schedule) {
  char text[96];
  if (schedule.looks.size() == 1)
    std::snprintf(text, sizeof text, "%.4g%% Clopper-Pearson, one look", schedule.confidence * 100);
  else
    std::snprintf(text, sizeof text, "%.4g%% Clopper-Pearson per look, %zu looks",
                  schedule.confidence * 100, schedule.looks.size());
  return text;
}

bool settled(const Interval& ci, double required) {
  return ci.low >= required || ci.high < required;
}

}  // namespace surge
