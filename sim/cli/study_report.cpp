#include "surge/cli/study_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>

#include "surge/cli/text_format.hpp"
#include "surge/cli/verdict_report.hpp"
#include "surge/version.hpp"

namespace surge {
namespace {

std::string probability(const Verdict& v) {
  return fmt("%.3f [%.3f, %.3f]", v.probability, v.ci.low, v.ci.high);
}

// Index of a headline KPI by label, or npos.
std::size_t find_kpi(const McResult& r, const std::string& label) {
  for (std::size_t k = 0; k < r.headline.size(); ++k)
    if (r.headline[k].label == label) return k;
  return std::string::npos;
}

}  // namespace

void print_sweep(std::ostream& out, const Scenario& s, const Sweep& sweep) {
  out << "Surge " << SURGE_VERSION << " - " << s.name << "  (sweep, " << sweep.points.size()
      << " points, required confidence " << fmt("%.2f", s.confidence) << ")\n\n";
  for (const auto& axis : sweep.axes) out << pad(axis.path, 34);
  out << pad("P(deliverable) [95% CI]", 28) << "verdict\n";
  for (const auto& point : sweep.points) {
    for (const auto& v : point.values) out << pad(v, 34);
    out << pad(probability(point.verdict), 28) << to_string(point.verdict.judgement) << "\n";
  }
}

void print_comparison(std::ostream& out, const Scenario& s, const PlanComparison& c) {
  // First the baseline's own verdict (targets, first breaks, bottleneck), then the plans.
  if (!c.outcomes.empty()) {
    print_verdict_head(out, s, c.outcomes.front().mc, c.outcomes.front().verdict);
    out << "\n";
  }
  const McResult* sequential = nullptr;  // a plan stopped by the sequential rule, if any
  for (const auto& o : c.outcomes)
    if (!sequential && o.mc.sequential.used) sequential = &o.mc;
  out << "Plans (replications paired with the baseline's)\n";
  out << pad("plan", 18) << pad("cost", 10) << pad("reps", 7) << pad("P(deliverable) [CI]", 26)
      << pad("vs baseline", 20) << "verdict\n";
  for (const auto& o : c.outcomes) {
    std::string diff = "-";
    if (o.name != "baseline")
      diff = fmt("%+.3f ± %.3f", o.deliverable_difference.mean(),
                 o.deliverable_difference.count() > 1 ? o.deliverable_difference.half_width() : 0);
    std::string reps = std::to_string(o.mc.replications());
    if (o.mc.sequential.used && !o.mc.sequential.settled) reps += "*";
    out << pad(o.name, 18) << pad(fmt("%.0f", o.cost), 10) << pad(reps, 7)
        << pad(probability(o.verdict), 26) << pad(diff, 20) << to_string(o.verdict.judgement)
        << "\n";
  }
  if (sequential) {
    const LookSchedule& looks = sequential->sequential.schedule;
    std::string counts;
    for (std::uint64_t n : looks.looks) counts += (counts.empty() ? "" : ", ") + std::to_string(n);
    std::string all = std::to_string(looks.looks.back());
    out << "Plans stop once their verdict is settled: looks at " << counts << " replications,\n"
        << "each judged with a " << fmt("%.4g", looks.confidence * 100)
        << "% Clopper-Pearson interval (" << fmt("%.0f", looks.family_confidence * 100)
        << "% for the whole sequence); * = not settled.\n";
    if (c.outcomes.front().mc.sequential.used)  // no --reps: the baseline settles the same way
      out << "The baseline stops the same way, as `surge mc` without --reps does.\n";
    else
      out << "The baseline runs all " << all << " (95% Wilson), as `surge mc --reps " << all
          << "` does; --all-reps runs every plan to " << all << ".\n";
  } else {
    out << "CI: 95% Wilson.\n";
  }
  // Paired differences of the first campaign's (or the run's) headline KPIs.
  std::string window = s.campaigns.empty() ? "run" : s.campaigns.front().id;
  out << "\nPaired differences vs baseline in `" << window << "` (mean ± 95% CI)\n";
  std::size_t width = 16;
  for (const auto& o : c.outcomes) width = std::max(width, o.name.size() + 2);
  for (const auto& o : c.outcomes) {
    if (o.name == "baseline") continue;
    std::string line = "  " + pad(o.name, width);
    for (const char* metric : {"fill_rate", "otif"}) {
      std::size_t k = find_kpi(o.mc, window + "." + metric);
      if (k == std::string::npos || o.difference[k].count() == 0) continue;
      line += std::string(metric) + " " +
              fmt("%+.3f ± %.3f", o.difference[k].mean(),
                  o.difference[k].count() > 1 ? o.difference[k].half_width() : 0) +
              "   ";
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out << line << "\n";
  }
  std::uint64_t total = 0;
  double seconds = 0;
  for (const auto& o : c.outcomes) {
    total += o.mc.replications();
    seconds += o.mc.wall_seconds;
  }
  out << "\n" << total << " replications in all, " << fmt("%.1f", seconds) << " s\n";
  if (c.cheapest_deliverable.empty())
    out << "No plan makes the campaign deliverable at the required confidence ("
        << fmt("%.2f", s.confidence) << "). Combine plans in one `plans:` entry, or try `surge "
        << "search` for how much uplift the network takes.\n";
  else
    out << "Cheapest deliverable plan: " << c.cheapest_deliverable << "\n";
}

void print_search(std::ostream& out, const Scenario& s, const SearchResult& r) {
  out << "Surge " << SURGE_VERSION << " - " << s.name << "  (search over " << r.path
      << ", required confidence " << fmt("%.2f", s.confidence) << ")\n\n";
  out << pad("value", 16) << pad("reps", 7) << pad("P(deliverable) [CI]", 28) << "verdict\n";
  bool sequential = false;
  for (const auto& p : r.probes) {
    sequential = sequential || p.sequential;
    out << pad(fmt("%.6g", p.value) + r.unit, 16)
        << pad(std::to_string(p.replications) + (p.unsettled ? "*" : ""), 7)
        << pad(fmt("%.3f [%.3f, %.3f]", p.probability, p.ci.low, p.ci.high), 28)
        << to_string(p.judgement) << "\n";
  }
  if (sequential && !r.probes.empty())
    out << "Probes stop once their verdict is settled; * = not settled; --all-reps runs all.\n"
        << "CI: " << r.probes.front().ci_method << " (95% for the whole sequence).\n";
  else
    out << "CI: 95% Wilson.\n";
  out << "\n";
  if (!r.found)
    out << "Not deliverable even at the low end of the range ("
        << fmt("%.6g", r.probes.front().value) << ").\n";
  else if (std::isnan(r.not_deliverable))
    out << "Deliverable across the whole range, up to " << fmt("%.6g", r.deliverable) << ".\n";
  else
    out << "Largest deliverable value: " << fmt("%.6g", r.deliverable) << r.unit
        << " (the limit lies in [" << fmt("%.6g", r.deliverable) << r.unit << ", "
        << fmt("%.6g", r.not_deliverable) << r.unit << "]; AT RISK counts as not deliverable).\n";
}

}  // namespace surge
