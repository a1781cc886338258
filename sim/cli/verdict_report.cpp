#include "surge/cli/verdict_report.hpp"

#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>

#include "surge/cli/text_format.hpp"
#include "surge/version.hpp"

namespace surge {
namespace {

// A KPI mean with its 95% half-width, scaled for display (e.g. hours to days).
std::string mean_ci(const RunningStats& s, double scale, const char* format) {
  if (s.count() == 0) return "-";
  std::string m = fmt(format, s.mean() * scale);
  if (s.count() < 2) return m;
  return m + " ± " + fmt(format, s.half_width() * scale);
}

}  // namespace

void print_verdict_head(std::ostream& out, const Scenario& s, const McResult& r, const Verdict& v) {
  out << "Surge " << SURGE_VERSION << " - " << s.name << "  (Monte Carlo, seed " << s.seed << ")\n";
  out << r.replications() << " replications";
  if (r.resumed) out << " (" << r.resumed << " from the journal)";
  out << " in " << fmt("%.1f", r.wall_seconds) << " s\n\n";

  out << "Verdict: " << to_string(v.judgement)
      << "  P(every target met) = " << fmt("%.3f  [%.3f, %.3f]", v.probability, v.ci.low, v.ci.high)
      << " (" << v.ci_method << "), required " << fmt("%.2f", v.required) << "\n\n";

  if (!v.targets.empty()) {
    out << pad("Targets", 50) << "P(met)  95% CI            first break day p10/p50/p90\n";
    for (const auto& t : v.targets) {
      out << "  " << pad(t.description, 48)
          << fmt("%.3f  [%.3f, %.3f]", t.probability, t.ci.low, t.ci.high);
      if (t.broke > 0)
        out << "    "
            << fmt("%.0f / %.0f / %.0f", t.first_break_p10, t.first_break_p50, t.first_break_p90)
            << " (" << t.broke << " reps)";
      out << "\n";
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
    bool hours = h.metric.find("lead_time") != std::string::npos;
    bool money = h.metric.find("revenue") != std::string::npos ||
                 h.metric.find("margin") != std::string::npos ||
                 h.metric.find("cost") != std::string::npos;
    bool count = h.metric == "backorders" || h.metric == "lost_sales";
    std::string value = hours   ? mean_ci(r.kpi_stats[k], 1.0 / 24, "%.2f") + " d"
                        : money ? mean_ci(r.kpi_stats[k], 1, "%.0f")
                        : count ? mean_ci(r.kpi_stats[k], 1, "%.0f")
                                : mean_ci(r.kpi_stats[k], 1, "%.3f");
    out << "  " << pad(h.label, 40) << value << "\n";
  }
}

}  // namespace surge
