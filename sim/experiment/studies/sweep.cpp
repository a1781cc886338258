#include "surge/experiment/studies/sweep.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>

#include "surge/io/scenario_loader.hpp"
#include "surge/kernel/error.hpp"
#include "surge/model/units.hpp"

namespace surge {

SweepAxis parse_grid(const std::string& spec) {
  auto eq = spec.find('=');
  if (eq == std::string::npos || eq == 0)
    throw Error("--grid `" + spec + "`: expected path=v1,v2,... or path=lo:hi:step");
  SweepAxis axis;
  axis.path = spec.substr(0, eq);
  std::string values = spec.substr(eq + 1);
  if (values.empty()) throw Error("--grid `" + spec + "`: the list of values is empty");
  if (values.find(':') != std::string::npos && values.find(',') == std::string::npos) {
    double parts[3];
    std::size_t start = 0;
    for (int i = 0; i < 3; ++i) {
      std::size_t end = i < 2 ? values.find(':', start) : values.size();
      auto n =
          end == std::string::npos ? std::nullopt : parse_number(values.substr(start, end - start));
      if (!n) throw Error("--grid `" + spec + "`: a range is lo:hi:step with three plain numbers");
      parts[i] = *n;
      start = end + 1;
    }
    double lo = parts[0], hi = parts[1], step = parts[2];
    if (step == 0 || (hi - lo) / step < 0)
      throw Error("--grid `" + spec + "`: the step must be non-zero and lead from lo to hi");
    // Checked as a double: (hi - lo) / step can be far beyond a long (0:1e300:1e-300), and the
    // cast would then be undefined (it gave a sweep of 0 points).
    double steps = std::floor((hi - lo) / step + 1e-9);
    if (!(steps < 100000)) throw Error("--grid `" + spec + "`: more than 100000 values");
    auto count = static_cast<long>(steps) + 1;
    for (long i = 0; i < count; ++i) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.12g", lo + static_cast<double>(i) * step);
      axis.values.push_back(buf);
    }
  } else {
    std::size_t start = 0;
    while (start <= values.size()) {
      std::size_t end = values.find(',', start);
      if (end == std::string::npos) end = values.size();
      std::string v = values.substr(start, end - start);
      if (v.empty()) throw Error("--grid `" + spec + "`: an empty value in the list");
      axis.values.push_back(v);
      start = end + 1;
    }
  }
  return axis;
}

std::size_t check_sweep_grid(const std::vector<SweepAxis>& axes) {
  if (axes.empty()) throw Error("a sweep needs at least one --grid");
  std::set<std::string> paths;
  std::uint64_t points = 1;
  bool overflow = false;
  std::string sizes;
  for (const SweepAxis& axis : axes) {
    if (!paths.insert(axis.path).second)
      throw Error("--grid " + axis.path +
                  " is given twice; give all its values in one --grid (e.g. " + axis.path +
                  "=1,2,3)");
    if (axis.path.find('/') != std::string::npos)
      throw Error("--grid `" + axis.path +
                  "`: a path cannot hold `/` (it names a column of the result file)");
    sizes += (sizes.empty() ? "" : " x ") + std::to_string(axis.values.size());
    overflow = overflow || __builtin_mul_overflow(points, axis.values.size(), &points);
  }
  if (overflow || points > kMaxSweepPoints)
    throw Error(
        "the grid has " +
        (overflow ? std::string("more than 18446744073709551615") : std::to_string(points)) +
        " points (" + sizes + " values); the limit is " + std::to_string(kMaxSweepPoints) +
        " points: give fewer values per path, or split the sweep");
  return points;
}

Sweep run_sweep(const Scenario& base, const std::vector<SweepAxis>& axes, const McOptions& options,
                const std::function<void(std::size_t, std::size_t)>& per_point) {
  Sweep sweep;
  sweep.axes = axes;
  const std::size_t points = check_sweep_grid(axes);
  // Build (and so validate) every point's scenario before running anything.
  std::vector<Scenario> scenarios;
  std::vector<std::vector<std::string>> values;
  for (std::size_t p = 0; p < points; ++p) {
    std::map<std::string, std::string> set;
    std::vector<std::string> point_values(axes.size());
    std::size_t rest = p;
    for (std::size_t a = axes.size(); a-- > 0;) {
      point_values[a] = axes[a].values[rest % axes[a].values.size()];
      rest /= axes[a].values.size();
      set[axes[a].path] = point_values[a];
    }
    scenarios.push_back(apply_overrides(base, set));
    values.push_back(point_values);
  }
  for (std::size_t p = 0; p < points; ++p) {
    if (per_point) per_point(p, points);
    McOptions o = point_options(options, p);
    SweepPoint point;
    point.values = values[p];
    point.mc = run_monte_carlo(scenarios[p], o);
    point.verdict = make_verdict(scenarios[p], point.mc);
    sweep.points.push_back(std::move(point));
  }
  return sweep;
}

}  // namespace surge
