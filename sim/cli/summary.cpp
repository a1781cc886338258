#include "surge/cli/summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>
#include <vector>

#include "surge/cli/date_text.hpp"
#include "surge/cli/money_text.hpp"
#include "surge/cli/text_format.hpp"
#include "surge/metrics/kpi_units.hpp"
#include "surge/model/units.hpp"
#include "surge/version.hpp"

namespace surge {
namespace {

// One cell of the summary: the KPI in its unit (metrics/kpi_units.hpp); counts bare, because the
// row label names their unit, and money with the scenario's currency when it names one.
std::string cell(const Scenario& s, const char* metric, double v) {
  return kpi_text(s, metric, v, false);
}

}  // namespace

std::string break_text(const TargetBreak& b) {
  if (!b.chain.empty()) return b.chain;
  return "no constraint held up the failing work (lead times alone)";
}

static std::string break_count(const TargetBreak& b, const std::string& metric) {
  const bool contacts =
      metric == "service_level" || metric == "abandonment_rate" || metric == "mean_wait";
  const char* what = contacts ? "contacts" : "orders";
  if (b.constraint.empty())
    return grouped_number(b.failing) + " failing " + what + ", none held up by a constraint";
  return grouped_number(b.waited_first) + " of " + grouped_number(b.failing) + " failing " + what +
         " waited there first";
}

static void print_where_it_breaks(std::ostream& out, const RunResult& r) {
  const TargetBreak* first = r.where_it_breaks();
  if (!first) return;
  out << "Where it breaks: " << break_text(*first) << "\n";
  for (std::size_t k = 0; k < r.breaks.size() && k < r.targets.size(); ++k) {
    const TargetBreak& b = r.breaks[k];
    if (b.met) continue;
    out << "  " << r.targets[k].label << ": " << break_text(b) << " ("
        << break_count(b, r.targets[k].metric) << ")\n";
  }
  out << "\n";
}

// A constraint's upstream with its kind, "dc/earbuds (stock)": the census row of that name in
// the window other than the constraint itself (a factory's stock and its line share a name).
static std::string upstream_words(const RunResult& r, const CensusRow& c) {
  if (c.upstream.empty()) return "-";
  for (const CensusRow& u : r.census)
    if (u.window == c.window && u.constraint == c.upstream &&
        !(u.constraint == c.constraint && u.kind == c.kind))
      return u.constraint + " (" + u.kind + ")";
  return c.upstream;
}

static void print_census(std::ostream& out, const Scenario& s, const RunResult& r,
                         const std::string& window, std::size_t limit) {
  std::vector<const CensusRow*> bound;
  for (const CensusRow& c : r.census)
    if (c.window == window && c.bound_hours > 0) bound.push_back(&c);
  if (bound.empty()) return;
  std::stable_sort(bound.begin(), bound.end(), [](const CensusRow* a, const CensusRow* b) {
    return a->bound_hours > b->bound_hours;
  });
  // The first time each bound: a day number, with its date when the scenario has a start date.
  const std::size_t first_width = s.dates.has_dates() ? 21 : 8;
  out << "\nBinding constraints (" << window << " window)  " << lpad("bound", 9)
      << lpad("first", first_width) << lpad("held up", 16) << "  waited on\n";
  std::size_t shown = 0;
  for (const CensusRow* c : bound) {
    if (shown++ == limit) break;
    std::string held = grouped_number(c->held) + " " + census_held_unit(c->kind);
    out << "  " << pad(c->constraint + " (" + c->kind + ")", 33)
        << spaced_lpad(readable_duration(c->bound_hours), 9)
        << spaced_lpad(day_column_text(s, c->first_bound), first_width) << spaced_lpad(held, 16)
        << "  " << upstream_words(r, *c) << "\n";
  }
}

void print_run_summary(std::ostream& out, const Scenario& s, const RunResult& r) {
  out << "Surge " << SURGE_VERSION << " - " << s.name << "  (seed " << s.seed << ", horizon "
      << readable_duration(s.horizon);
  if (s.dates.has_dates()) out << ": " << date_span_text(s, 0, s.horizon);
  out << ", warm-up " << readable_duration(s.warmup) << ")\n";
  out << "Simulated " << r.events << " events in " << fmt("%.2f", r.wall_seconds) << " s\n\n";

  if (!r.targets.empty()) {
    out << "Targets\n";
    int met = 0;
    for (const auto& t : r.targets) {
      met += t.met ? 1 : 0;
      // Result and value first, so the column lines up however long the target's words are.
      std::string line = "  " + pad(t.met ? "met" : "MISSED", 8) +
                         lpad(format_kpi(t.metric, t.value), 12) + "  " + t.label;
      if (!t.met && std::isnan(t.value)) line += "; no data in the window";
      if (!t.met && t.first_break >= 0) line += "; first broke on " + day_text(s, t.first_break);
      out << line << "\n";
    }
    out << "  => " << met << " of " << r.targets.size() << " targets met in this run"
        << (met == static_cast<int>(r.targets.size())
                ? ""
                // Only a scenario with a campaign has one to deliver; otherwise the targets are
                // all there is to have missed.
                : (s.campaigns.empty() ? ": the targets were NOT all met"
                                       : ": the campaign was NOT delivered"))
        << ". One run is one possible outcome; `surge mc` estimates the probability.\n\n";
    print_where_it_breaks(out, r);
  }

  out << pad("KPI", 24);
  // A column is as wide as its window's name (at least 13), one space apart.
  std::vector<std::size_t> width;
  for (const auto& w : r.windows) width.push_back(std::max<std::size_t>(13, w.name.size()) + 1);
  for (std::size_t i = 0; i < r.windows.size(); ++i) out << lpad(r.windows[i].name, width[i]);
  out << "\n";
  auto row = [&](const char* label, const char* metric, const std::string& node = "") {
    out << "  " << pad(label, 22);
    for (std::size_t i = 0; i < r.windows.size(); ++i)
      out << lpad(cell(s, metric, r.kpi(r.windows[i].name, metric, node)), width[i]);
    out << "\n";
  };
  // A scenario of service nodes alone has no goods: their rows would only say 0 and n/a.
  if (!s.products.empty()) {
    row("demand (units)", "demand_units");
    row("fill rate", "fill_rate");
    row("order fill rate", "order_fill_rate");
    row("OTIF", "otif");
    row("backorders (orders)", "backorders");
    row("lost sales (units)", "lost_sales");
    row("lead time mean", "mean_lead_time");
    row("lead time p95", "p95_lead_time");
    row("revenue", "revenue");
    row("campaign margin", "campaign_margin");
  }
  row("total cost", "total_cost");  // agents' wages count without goods too

  for (const auto& node : s.nodes) {
    if (node.type != NodeType::service) continue;
    out << "\nService " << node.id << " (answered within " << readable_duration(node.answer_within)
        << ")\n";
    row("contacts", "contacts", node.id);
    row("service level", "service_level", node.id);
    row("abandonment", "abandonment_rate", node.id);
    row("waited at all", "wait_probability", node.id);
    row("mean wait (answered)", "mean_wait", node.id);
    row("mean wait (all)", "mean_wait_all", node.id);
  }

  // Stock points over the run window: how much stock, how short it ran, how orders swing.
  bool header = false;
  for (const auto& node : s.nodes)
    for (const auto& item : node.inventory) {
      double on_hand = r.kpi("run", "on_hand", node.id, item.product);
      if (std::isnan(on_hand)) continue;
      if (!header) {
        out << "\nStock points (run window)   " << lpad("on hand", 12) << lpad("mean backlog", 14)
            << lpad("max backlog", 13) << lpad("bullwhip", 10) << "\n";
        header = true;
      }
      double bullwhip = r.kpi("run", "bullwhip_ratio", node.id, item.product);
      out << "  " << pad(node.id + "/" + item.product, 26)
          << lpad(format_kpi("on_hand", on_hand), 12)
          << lpad(format_kpi("mean_backlog", r.kpi("run", "mean_backlog", node.id, item.product)),
                  14)
          << lpad(format_kpi("max_backlog", r.kpi("run", "max_backlog", node.id, item.product)), 13)
          << lpad(std::isnan(bullwhip) ? "-" : format_kpi("bullwhip_ratio", bullwhip), 10) << "\n";
    }

  print_census(out, s, r, "run", 8);

  if (!r.resources.empty()) {
    out << "\nBusiest resources (run window)\n";
    std::size_t shown = 0;
    for (const auto& u : r.resources) {
      if (shown++ == 5) break;
      out << "  " << pad(u.node + "/" + u.resource, 22) << "utilisation "
          << format_kpi("utilisation", u.utilisation) << "   mean queue "
          << format_kpi("mean_queue", u.mean_queue) << "   mean wait "
          << format_kpi("mean_wait", u.mean_wait) << "\n";
    }
  }
}

void print_kpi_table(std::ostream& out, const RunResult& r) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(r.trace_fingerprint));
  out << "# fingerprint\t" << buf << "\n# events\t" << r.events << "\n";
  out << "window\tmetric\tnode\tproduct\tmarket\tresource\tvalue\n";
  for (const auto& k : r.kpis) {
    std::snprintf(buf, sizeof buf, "%.10g", k.value);
    out << k.window << '\t' << k.metric << '\t' << k.node << '\t' << k.product << '\t' << k.market
        << '\t' << k.resource << '\t' << buf << "\n";
  }
  for (const auto& t : r.targets) {
    std::snprintf(buf, sizeof buf, "%.10g", t.value);
    out << "# target\t" << t.description << '\t' << buf << '\t' << (t.met ? "met" : "missed")
        << '\t' << t.first_break << "\n";
  }
}

}  // namespace surge
