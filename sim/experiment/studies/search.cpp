#include "surge/experiment/studies/search.hpp"

#include <cmath>
#include <cstdio>

#include "surge/io/scenario_loader.hpp"
#include "surge/kernel/error.hpp"

namespace surge {

SearchResult run_search(const Scenario& base, const std::string& path, double low, double high,
                        const std::string& unit, int steps, const McOptions& options, bool settle,
                        const std::function<void(int, int)>& per_probe) {
  if (!(low < high)) throw Error("search: the range needs low < high");
  if (steps < 1) throw Error("search: --steps must be at least 1");
  SearchResult result;
  result.path = path;
  result.unit = unit;
  auto text = [&](double value) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.12g", value);
    return buf + unit;
  };
  const int probes = steps + 2;
  auto probe = [&](double value) {
    if (per_probe) per_probe(static_cast<int>(result.probes.size()), probes);
    Scenario s = apply_overrides(base, {{path, text(value)}});
    McOptions o = options;
    o.journal.clear();  // a search is short: it restarts rather than resumes
    // A probe only needs its verdict, like a plan of `surge compare`.
    o.until_settled = settle;
    McResult mc = run_monte_carlo(s, o);
    Verdict v = make_verdict(s, mc);
    bool unsettled = mc.sequential.used && !mc.sequential.settled;
    result.probes.push_back(SearchProbe{value, v.probability, v.ci, v.ci_method, mc.replications(),
                                        mc.sequential.used, unsettled, v.judgement});
    return v.judgement == Deliverability::deliverable;
  };
  // Validate both ends before spending replications on them.
  apply_overrides(base, {{path, text(low)}});
  apply_overrides(base, {{path, text(high)}});
  if (!probe(low)) return result;  // not even the low end is deliverable
  result.found = true;
  result.deliverable = low;
  if (probe(high)) {
    result.deliverable = high;
    return result;
  }
  result.not_deliverable = high;
  double lo = low, hi = high;
  for (int i = 0; i < steps; ++i) {
    double mid = 0.5 * (lo + hi);
    if (probe(mid))
      lo = mid;
    else
      hi = mid;
  }
  result.deliverable = lo;
  result.not_deliverable = hi;
  return result;
}

}  // namespace surge
