#include "surge/cli/verdict_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>

#include "surge/cli/date_text.hpp"
#include "surge/cli/money_text.hpp"
#include "surge/cli/text_format.hpp"
#include "surge/metrics/kpi_units.hpp"
#include "surge/metrics/targets.hpp"
#include "surge/version.hpp"

namespace surge {
namespace {

// A KPI mean with its 95% half-width, in the KPI's unit (metrics/kpi_units.hpp), money with the
// scenario's currency.
std::string mean_ci(const Scenario& scenario, const std::string& metric, const RunningStats& s) {
  if (s.count() == 0) return "-";
  return kpi_interval_text(scenario, metric, s.mean(), s.count() < 2 ? NAN : s.half_width());
}

}  // namespace

void print_verdict_head(std::ostream& out, const Scenario& s, const McResult& r, const Verdict& v) {
  out << "Surge " << SURGE_VERSION << " - " << s.name << "  (Monte Carlo, seed " << s.seed;
  if (s.dates.has_dates()) out << ", " << date_span_text(s, 0, s.horizon);
  out << ")\n";
  out << count_text(r.replications(), "replication");
  if (r.resumed) out << " (" << r.resumed << " from the journal)";
  out << " in " << fmt("%.1f", r.wall_seconds) << " s\n\n";

  if (s.targets.empty()) {
    // Every replication "meets" all of no targets: a probability here would mean nothing.
    out << "Verdict: none - the scenario sets no targets (the KPIs below are the answer)\n\n";
  } else {
    out << "Verdict: " << to_string(v.judgement) << "  P(every target met) = "
        << fmt("%.3f  [%.3f, %.3f]", v.probability, v.ci.low, v.ci.high) << " (" << v.ci_method
        << "), required " << fmt("%.2f", v.required) << "\n\n";
  }

  if (!v.targets.empty()) {
    // The targets in words when they are the scenario's (they are, from the command line).
    std::vector<std::string> names;
    for (const auto& t : v.targets) names.push_back(t.description);
    if (s.targets.size() == v.targets.size())
      for (std::size_t k = 0; k < names.size(); ++k) names[k] = target_label(s, s.targets[k]);
    // Figures first, so they line up however long the targets' words are.
    out << "Targets\n  P(met)  95% CI          first break day p10/p50/p90\n";
    for (std::size_t k = 0; k < v.targets.size(); ++k) {
      const auto& t = v.targets[k];
      std::string broke = "-";
      if (t.broke > 0)
        broke = fmt("%.0f / %.0f / %.0f", t.first_break_p10, t.first_break_p50, t.first_break_p90) +
                " (" + std::to_string(t.broke) + (t.broke == 1 ? " rep)" : " reps)");
      out << "  " << fmt("%.3f   [%.3f, %.3f]  ", t.probability, t.ci.low, t.ci.high)
          << pad(broke, 28) << names[k] << "\n";
      // With a start date, the median first break as a date (and campaign day) on a line below.
      if (t.broke > 0 && s.dates.has_dates())
        out << "  " << std::string(24, ' ')
            << "median first break: " << day_number_text(s, t.first_break_p50) << "\n";
    }
    out << "\n";
  }
  print_where_it_breaks(out, s, v);
}

void print_where_it_breaks(std::ostream& out, const Scenario& s, const Verdict& v,
                           const std::string& indent) {
  if (v.replications == 0 || v.probability >= 1 || s.targets.empty()) return;
  if (v.breaks.empty()) {
    out << indent << "Where it breaks: no constraint held up the failing work (lead times alone)\n";
    return;
  }
  out << indent << "Where it breaks: " << v.breaks << " (in " << fmt("%.0f", v.breaks_share * 100)
      << "% of the failing replications)\n";
  // A missed target that breaks elsewhere says so.
  for (std::size_t k = 0; k < v.targets.size() && k < s.targets.size(); ++k) {
    const TargetVerdict& t = v.targets[k];
    if (t.breaks.empty() || chain_head(t.breaks) == chain_head(v.breaks)) continue;
    out << indent << "  " << target_label(s, s.targets[k]) << ": " << t.breaks << " (in "
        << fmt("%.0f", t.breaks_share * 100) << "% of the replications that missed it)\n";
  }
}

void print_census_summary(std::ostream& out, const McResult& r, const std::string& window,
                          std::size_t limit) {
  std::vector<std::size_t> bound;
  for (std::size_t c = 0; c < r.census.size() && c < r.census_bound_reps.size(); ++c)
    if (r.census[c].window == window && r.census_bound_reps[c] > 0) bound.push_back(c);
  if (bound.empty()) return;
  std::stable_sort(bound.begin(), bound.end(), [&](std::size_t a, std::size_t b) {
    return r.census_hours[a].mean() > r.census_hours[b].mean();
  });
  const double n = static_cast<double>(r.replications());
  out << "\nBinding constraints (" << window << " window)   bound in   mean bound (95% CI)\n";
  std::size_t shown = 0;
  for (std::size_t c : bound) {
    if (shown++ == limit) break;
    const RunningStats& h = r.census_hours[c];
    out << "  " << pad(r.census[c].constraint + " (" + r.census[c].kind + ")", 34)
        << lpad(fmt("%.0f%%", 100.0 * static_cast<double>(r.census_bound_reps[c]) / n), 7)
        << "   "
        // Hours bound, in the largest fitting unit as every duration is shown.
        << format_kpi_interval("mean_wait", h.mean(), h.count() < 2 ? NAN : h.half_width()) << "\n";
  }
}

void print_verdict(std::ostream& out, const Scenario& s, const McResult& r, const Verdict& v) {
  print_verdict_head(out, s, r, v);
  print_census_summary(out, r, "run", 6);
  out << "\n";

  out << pad("KPI (mean ± 95% CI)", 28) << "\n";
  for (std::size_t k = 0; k < r.headline.size(); ++k) {
    const auto& h = r.headline[k];
    out << "  " << pad(h.label, 40) << mean_ci(s, h.metric, r.kpi_stats[k]) << "\n";
  }
}

}  // namespace surge
