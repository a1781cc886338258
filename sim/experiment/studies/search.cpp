#include "surge/experiment/studies/search.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "surge/io/scenario_loader.hpp"
#include "surge/kernel/error.hpp"

namespace surge {

std::optional<SearchRange> default_search_range(const Scenario& scenario, const std::string& path) {
  const std::string prefix = "campaigns.", suffix = ".uplift";
  if (path.size() <= prefix.size() + suffix.size() || path.rfind(prefix, 0) != 0 ||
      path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0)
    return std::nullopt;
  const std::string id = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
  for (const Campaign& c : scenario.campaigns) {
    if (c.id != id) continue;
    const double value = c.uplift.mean();
    if (!std::isfinite(value) || value <= 0) return std::nullopt;
    SearchRange range;
    range.low = 1;
    // Rounded up to two significant digits: probes at 3.2 and 6.4, not at 3.15397 and 6.30794.
    const double twice = std::max(2 * value, 2.0);
    const double step = std::pow(10.0, std::floor(std::log10(twice)) - 1);
    range.high = std::ceil(twice / step - 1e-9) * step;
    char text[160];
    std::snprintf(text, sizeof text, "1 to twice the %s %.4g, rounded up; at least 2",
                  c.uplift.is_constant() ? "uplift" : "mean uplift", value);
    range.why = text;
    return range;
  }
  return std::nullopt;
}

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
    o.until_settled = settle || options.until_settled;
    McResult mc = run_monte_carlo(s, o);
    Verdict v = make_verdict(s, mc);
    bool unsettled = mc.sequential.used && !mc.sequential.settled;
    result.probes.push_back(SearchProbe{value, v.probability, v.ci, v.ci_method, mc.replications(),
                                        mc.sequential.used, unsettled, v.judgement, mc.precision,
                                        v.breaks, v.breaks_share});
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
