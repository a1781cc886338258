#include "surge/cli/study_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>
#include <vector>

#include "surge/cli/money_text.hpp"
#include "surge/cli/text_format.hpp"
#include "surge/cli/verdict_report.hpp"
#include "surge/metrics/kpi_units.hpp"
#include "surge/metrics/scoped_kpis.hpp"
#include "surge/metrics/targets.hpp"
#include "surge/version.hpp"

namespace surge {
namespace {

std::string probability(const Verdict& v) {
  return fmt("%.3f [%.3f, %.3f]", v.probability, v.ci.low, v.ci.high);
}

// The resource with the highest mean run-window utilisation over the replications, with it:
// "desk/pack 80.3%" (from the scoped KPIs every replication keeps).
std::string busiest_resource(const Scenario& s, const McResult& r) {
  std::vector<ScopedKpi> layout = scoped_kpis(s);
  std::string best;
  double best_mean = -1;
  for (std::size_t k = 0; k < layout.size(); ++k) {
    if (layout[k].window != "run" || layout[k].metric != "utilisation") continue;
    RunningStats stats;
    for (const auto& row : r.rows)
      if (k < row.scoped.size() && !std::isnan(row.scoped[k])) stats.add(row.scoped[k]);
    if (stats.count() > 0 && stats.mean() > best_mean) {
      best_mean = stats.mean();
      best =
          layout[k].node + "/" + layout[k].resource + " " + format_kpi("utilisation", stats.mean());
    }
  }
  return best.empty() ? "-" : best;
}

// Where a verdict breaks, on one line: "fc/earbuds out of stock (80%)", "-" when nothing failed.
std::string where_short(const Verdict& v) {
  if (v.replications == 0 || v.probability >= 1) return "-";
  if (v.breaks.empty()) return "no constraint (lead times alone)";
  return v.breaks + fmt(" (%.0f%%)", v.breaks_share * 100);
}

// met, MISSED or at risk: a target's judgement in the words of a plan's line.
const char* target_word(Deliverability d) {
  switch (d) {
    case Deliverability::deliverable: return "met";
    case Deliverability::not_deliverable: return "MISSED";
    case Deliverability::at_risk: return "at risk";
  }
  return "?";
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
      << " points";
  if (!s.targets.empty()) out << ", required confidence " << fmt("%.2f", s.confidence);
  out << ")\n\n";
  // Each axis column as wide as its path or its widest value, two spaces apart.
  std::vector<std::size_t> width;
  for (std::size_t a = 0; a < sweep.axes.size(); ++a) {
    std::size_t w = sweep.axes[a].path.size();
    for (const auto& v : sweep.axes[a].values) w = std::max(w, v.size());
    width.push_back(w + 2);
  }
  for (std::size_t a = 0; a < sweep.axes.size(); ++a) out << pad(sweep.axes[a].path, width[a]);
  if (s.targets.empty()) {
    // Without targets there is no verdict to give: the KPIs along the grid are the answer.
    out << lpad("fill rate", 10) << lpad("lead time mean", 17) << lpad("lead time p95", 16)
        << "  busiest resource (utilisation)\n";
    for (const auto& point : sweep.points) {
      for (std::size_t a = 0; a < point.values.size(); ++a) out << pad(point.values[a], width[a]);
      auto mean = [&](const char* label) {
        std::size_t k = find_kpi(point.mc, label);
        if (k == std::string::npos || point.mc.kpi_stats[k].count() == 0) return std::string("-");
        return format_kpi(point.mc.headline[k].metric, point.mc.kpi_stats[k].mean());
      };
      out << lpad(mean("run.fill_rate"), 10) << lpad(mean("run.mean_lead_time"), 17)
          << lpad(mean("run.p95_lead_time"), 16) << "  " << busiest_resource(s, point.mc) << "\n";
    }
    out << "No targets in the scenario: the columns are means over the replications, run "
           "window.\n";
    return;
  }
  out << pad("P(deliverable) [95% CI]", 28) << pad("verdict", 17) << "where it breaks\n";
  for (const auto& point : sweep.points) {
    for (std::size_t a = 0; a < point.values.size(); ++a) out << pad(point.values[a], width[a]);
    out << pad(probability(point.verdict), 28) << pad(to_string(point.verdict.judgement), 17)
        << where_short(point.verdict) << "\n";
  }
}

void print_comparison(std::ostream& out, const Scenario& s, const PlanComparison& c) {
  // First the baseline's own verdict (targets, first breaks, where it breaks), then the plans.
  if (!c.outcomes.empty()) {
    print_verdict_head(out, s, c.outcomes.front().mc, c.outcomes.front().verdict);
    out << "\n";
  }
  const McResult* sequential = nullptr;  // a plan stopped by the sequential rule, if any
  for (const auto& o : c.outcomes)
    if (!sequential && o.mc.sequential.used) sequential = &o.mc;
  out << "Plans (replications paired with the baseline's)\n";
  // The cost column fits its widest figure (with the currency when the scenario names one).
  std::size_t cost_width = 10;
  for (const auto& o : c.outcomes)
    cost_width = std::max(cost_width, money_text(s, o.plan_cost()).size() + 2);
  out << pad("plan", 18) << pad("cost", cost_width) << pad("reps", 7)
      << pad("P(deliverable) [CI]", 26) << pad("vs baseline", 22) << "verdict\n";
  for (const auto& o : c.outcomes) {
    std::string diff = "-";
    if (o.name != "baseline")
      // A difference of probabilities, in percentage points.
      diff = format_kpi_difference_interval(
          "fill_rate", o.deliverable_difference.mean(),
          o.deliverable_difference.count() > 1 ? o.deliverable_difference.half_width() : 0);
    std::string reps = std::to_string(o.mc.replications());
    if (o.mc.sequential.used && !o.mc.sequential.settled) reps += "*";
    out << pad(o.name, 18) << pad(money_text(s, o.plan_cost()), cost_width) << pad(reps, 7)
        << pad(probability(o.verdict), 26) << pad(diff, 22) << to_string(o.verdict.judgement)
        << "\n";
  }
  if (sequential) {
    const LookSchedule& looks = sequential->sequential.schedule;
    std::string counts;
    for (std::uint64_t n : looks.looks) counts += (counts.empty() ? "" : ", ") + std::to_string(n);
    std::string all = std::to_string(looks.looks.back());
    out << "Plans stop once their verdict is settled: "
        << (looks.looks.size() == 1 ? "one look at " : "looks at ") << counts
        << (looks.looks.back() == 1 ? " replication,\n" : " replications,\n")
        << "each judged with a " << fmt("%.4g", looks.confidence * 100)
        << "% Clopper-Pearson interval (" << fmt("%.0f", looks.family_confidence * 100)
        << "% for the whole sequence); * = not settled.\n";
    if (c.outcomes.front().mc.sequential.used)  // no --reps: the baseline settles the same way
      out << "The baseline stops the same way, as `surge mc` without --reps does.\n";
    else
      out << "The baseline runs " << (looks.looks.back() == 1 ? "its " + all : "all " + all)
          << " (95% Wilson), as `surge mc --reps " << all
          << "` does; --all-reps runs every plan to " << all << ".\n";
  } else {
    out << "CI: 95% Wilson.\n";
  }
  // Per plan: each target met or missed (its probability and interval) and where it breaks.
  if (!s.targets.empty()) {
    out << "\nTargets per plan (met: P(met) interval at or above " << fmt("%.2f", s.confidence)
        << "; MISSED: below it; at risk: across it)\n";
    for (const auto& o : c.outcomes) {
      out << "  " << o.name << "  " << to_string(o.verdict.judgement) << "\n";
      for (std::size_t k = 0; k < o.verdict.targets.size() && k < s.targets.size(); ++k) {
        const TargetVerdict& t = o.verdict.targets[k];
        out << "    " << pad(target_word(t.judgement), 9)
            << pad(fmt("%.3f [%.3f, %.3f]", t.probability, t.ci.low, t.ci.high), 24)
            << target_label(s, s.targets[k]) << "\n";
      }
      print_where_it_breaks(out, s, o.verdict, "    ");
    }
  }
  // What each plan costs: the fixed cost written in the file and the modelled change in total
  // cost the plan causes, paired replication by replication with the baseline.
  if (c.outcomes.size() > 1) {
    out << "\nCost of each plan = fixed cost + paired change in modelled total cost (mean ± 95% "
           "CI)\n";
    std::size_t width = 16;
    for (const auto& o : c.outcomes) width = std::max(width, o.name.size() + 2);
    for (const auto& o : c.outcomes) {
      if (o.name == "baseline") continue;
      const RunningStats& m = o.modelled_cost_change;
      double hw = m.count() > 1 ? m.half_width() : 0;
      out << "  " << pad(o.name, width) << pad(money_text(s, o.plan_cost()), 16) << "= fixed "
          << money_text(s, o.cost) << " + modelled " << (m.mean() >= 0 ? "+" : "")
          << with_currency(s, grouped_number(m.mean()) + " ± " + grouped_number(hw)) << "\n";
    }
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
              format_kpi_difference_interval(
                  metric, o.difference[k].mean(),
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
  out << "\n" << count_text(total, "replication") << " in all, " << fmt("%.1f", seconds) << " s\n";
  if (c.cheapest_deliverable.empty())
    out << "No plan makes the campaign deliverable at the required confidence ("
        << fmt("%.2f", s.confidence) << "). Combine plans in one `plans:` entry, or try `surge "
        << "search` for how much uplift the network takes.\n";
  else
    for (const auto& o : c.outcomes)
      if (o.name == c.cheapest_deliverable)
        out << "Cheapest deliverable plan: " << o.name << " (cost " << money_text(s, o.plan_cost())
            << " = fixed " << money_text(s, o.cost) << " + modelled change)\n";
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
  // Where it breaks just beyond the limit: the smallest probed value that was not deliverable.
  const SearchProbe* beyond = nullptr;
  for (const auto& p : r.probes)
    if (p.judgement != Deliverability::deliverable && (!beyond || p.value < beyond->value))
      beyond = &p;
  if (beyond && !beyond->breaks.empty())
    out << "Where it breaks: " << beyond->breaks << " (at " << fmt("%.6g", beyond->value) << r.unit
        << ", in " << fmt("%.0f", beyond->breaks_share * 100) << "% of the failing replications)\n";
}

}  // namespace surge
