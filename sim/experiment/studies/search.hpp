#pragma once
// `surge search`: the largest value of one scalar (an uplift, a demand rate) for which the
// scenario stays DELIVERABLE at its required confidence. Bisection over [low, high]: each
// probe is a Monte Carlo over the same replications (common random numbers), judged by the
// Wilson interval like `surge mc`, or with `settle` stopped once its verdict is settled like a
// plan of `surge compare` (sequential_verdict.hpp). The answer is a bracket [deliverable, not
// deliverable] whose width is the search's resolution; AT RISK probes count as not
// deliverable, so the answer errs on the safe side. Documented in docs/experiments.md.
#include <string>
#include <vector>

#include "surge/experiment/monte_carlo/monte_carlo.hpp"
#include "surge/experiment/monte_carlo/verdict.hpp"

namespace surge {

struct SearchProbe {
  double value = 0;
  double probability = 0;
  Interval ci;
  std::string ci_method;  // as Verdict::ci_method
  std::uint64_t replications = 0;
  bool sequential = false;  // judged by the sequential rule (looks)
  bool unsettled = false;   // ... and still undecided at its last look
  Deliverability judgement = Deliverability::at_risk;
};

struct SearchResult {
  std::string path, unit;
  std::vector<SearchProbe> probes;  // in the order they ran
  bool found = false;               // some probed value was deliverable
  double deliverable = NAN;         // largest value judged deliverable
  double not_deliverable = NAN;     // smallest value above it judged not (NaN: high was fine)
};

// `unit` is appended to every probed number (e.g. "/d" for a rate, "d" for a duration, "" for
// a plain number such as an uplift).
SearchResult run_search(const Scenario& scenario, const std::string& path, double low, double high,
                        const std::string& unit, int steps, const McOptions& options, bool settle,
                        const std::function<void(int probe, int probes)>& per_probe = {});

}  // namespace surge
