#pragma once
// `surge search`: the largest value of one scalar (an uplift, a demand rate) for which the
// scenario stays DELIVERABLE at its required confidence. Bisection over [low, high]: each
// probe is a Monte Carlo over the same replications (common random numbers), judged by the
// Wilson interval like `surge mc`, or with `settle` stopped once its verdict is settled like a
// plan of `surge compare` (sequential_verdict.hpp). The answer is a bracket [deliverable, not
// deliverable] whose width is the search's resolution; AT RISK probes count as not
// deliverable, so the answer errs on the safe side. Documented in docs/experiments.md.
#include <optional>
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
  McResult::Precision precision;  // how a --precision probe stopped
  std::string breaks;             // where it breaks (Verdict::breaks); "" when none failed
  double breaks_share = 0;
};

struct SearchResult {
  std::string path, unit;
  std::vector<SearchProbe> probes;  // in the order they ran
  bool found = false;               // some probed value was deliverable
  double deliverable = NAN;         // largest value judged deliverable
  double not_deliverable = NAN;     // smallest value above it judged not (NaN: high was fine)
};

// The range searched when none is given: for a campaign's uplift (campaigns.ID.uplift), from 1
// (no uplift) to twice the scenario's value (the mean of an uncertain uplift) rounded up to two
// significant digits, at least to 2. Nullopt for any other path: its sensible range depends on
// what it is (docs/cli.md).
struct SearchRange {
  double low = 0, high = 0;
  std::string unit;  // appended to the numbers, as run_search's `unit`
  std::string why;   // how it was chosen, for the terminal: "1 to twice the uplift 2.5, ..."
};
std::optional<SearchRange> default_search_range(const Scenario& scenario, const std::string& path);

// `unit` is appended to every probed number (e.g. "/d" for a rate, "d" for a duration, "" for
// a plain number such as an uplift).
SearchResult run_search(const Scenario& scenario, const std::string& path, double low, double high,
                        const std::string& unit, int steps, const McOptions& options, bool settle,
                        const std::function<void(int probe, int probes)>& per_probe = {});

}  // namespace surge
