#include "surge/cli/verdict_report.hpp"

#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>

#include "surge/cli/text_format.hpp"
#include "surge/metrics/kpi_units.hpp"
#include "surge/metrics/targets.hpp"
#include "surge/version.hpp"

namespace surge {
namespace {

// A KPI mean with its 95% half-width, in the KPI's unit (metrics/kpi_units.hpp).
std::string mean_ci(const std::string& metric, const RunningStats& s) {
  if (s.count() == 0) return "-";
  return format_kpi_interval(metric, s.mean(), s.count() < 2 ? NAN : s.half_width());
}

}  // namespace

void print_verdict_head(std::ostream& out, const Scenario& s, const McResult& r, const Verdict& v) {
  out << "Surge " << SURGE_VERSION << " - " << s.name << "  (Monte Carlo, seed " << s.seed << ")\n";
  out << r.replications() << " replications";
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
                " (" + std::to_string(t.broke) + " reps)";
      out << "  " << fmt("%.3f   [%.3f, %.3f]  ", t.probability, t.ci.low, t.ci.high)
          << pad(broke, 28) << names[k] << "\n";
    }
    out << "\n";
  }
  if (!v.bottleneck.empty())
    out << "Bottleneck where it fails: " << v.bottleneck << " (busiest resource in "
        << fmt("%.0f", v.bottleneck_share * 100) << "% of the failing replications)\n";
}

void print_verdict(std::ostream& out, const Scenario& s, const McResult& r, const Verdict& v) {
  print_verdict_head(out, s, r, v);
  out << "\n";

  out << pad("KPI (mean ± 95% CI)", 28) << "\n";
  for (std::size_t k = 0; k < r.headline.size(); ++k) {
    const auto& h = r.headline[k];
    out << "  " << pad(h.label, 40) << mean_ci(h.metric, r.kpi_stats[k]) << "\n";
  }
}

}  // namespace surge
