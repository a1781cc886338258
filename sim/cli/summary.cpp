#include "surge/cli/summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>
#include <vector>

#include "surge/cli/text_format.hpp"
#include "surge/model/units.hpp"
#include "surge/version.hpp"

namespace surge {
namespace {

std::string number(double v, const char* format = "%.3f") {
  if (std::isnan(v)) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::string money(double v) {
  if (std::isnan(v)) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  std::string digits = buf, out;
  bool negative = !digits.empty() && digits[0] == '-';
  if (negative) digits.erase(0, 1);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (negative ? "-" : "") + out;
}

std::string duration(double hours) {
  if (std::isnan(hours)) return "-";
  // Summaries show two decimals of a day or an hour; full precision is in --kpi-table.
  if (hours >= kDay) return fmt("%.2fd", hours / kDay);
  if (hours >= 1) return fmt("%.2fh", hours);
  return format_duration(std::round(hours * 3600.0) / 3600.0);
}

}  // namespace

void print_run_summary(std::ostream& out, const Scenario& s, const RunResult& r) {
  out << "Surge " << SURGE_VERSION << " - " << s.name << "  (seed " << s.seed << ", horizon "
      << format_duration(s.horizon) << ", warm-up " << format_duration(s.warmup) << ")\n";
  out << "Simulated " << r.events << " events in " << number(r.wall_seconds, "%.2f") << " s\n\n";

  if (!r.targets.empty()) {
    out << "Targets\n";
    int met = 0;
    for (const auto& t : r.targets) {
      met += t.met ? 1 : 0;
      std::string verdict = t.met ? "met" : "MISSED";
      if (!t.met && t.first_break >= 0)
        verdict +=
            " (first broke on day " + std::to_string(static_cast<long>(t.first_break / 24)) + ")";
      if (!t.met && std::isnan(t.value)) verdict = "MISSED (no data in window)";
      out << "  " << pad(t.description, 48) << lpad(number(t.value), 8) << "  " << verdict << "\n";
    }
    out << "  => " << met << " of " << r.targets.size() << " targets met in this run"
        << (met == static_cast<int>(r.targets.size()) ? "" : ": the campaign was NOT delivered")
        << ". One run is one possible outcome; `surge mc` estimates the probability.\n\n";
  }

  out << pad("KPI", 24);
  // A column is as wide as its window's name (at least 13), one space apart.
  std::vector<std::size_t> width;
  for (const auto& w : r.windows) width.push_back(std::max<std::size_t>(13, w.name.size()) + 1);
  for (std::size_t i = 0; i < r.windows.size(); ++i) out << lpad(r.windows[i].name, width[i]);
  out << "\n";
  auto row = [&](const char* label, const char* metric, auto format) {
    out << "  " << pad(label, 22);
    for (std::size_t i = 0; i < r.windows.size(); ++i)
      out << lpad(format(r.kpi(r.windows[i].name, metric)), width[i]);
    out << "\n";
  };
  auto ratio = [](double v) { return number(v); };
  auto count = [](double v) { return number(v, "%.0f"); };
  row("demand (units)", "demand_units", count);
  row("fill rate", "fill_rate", ratio);
  row("order fill rate", "order_fill_rate", ratio);
  row("OTIF", "otif", ratio);
  row("backorders (orders)", "backorders", count);
  row("lost sales (units)", "lost_sales", count);
  row("lead time mean", "mean_lead_time", duration);
  row("lead time p95", "p95_lead_time", duration);
  row("revenue", "revenue", money);
  row("campaign margin", "campaign_margin", money);
  row("total cost", "total_cost", money);

  for (const auto& node : s.nodes) {
    if (node.type != NodeType::service) continue;
    out << "\nService " << node.id << " (answered within " << format_duration(node.answer_within)
        << ")\n";
    auto svc = [&](const char* label, const char* metric, auto format) {
      out << "  " << pad(label, 22);
      for (std::size_t i = 0; i < r.windows.size(); ++i)
        out << lpad(format(r.kpi(r.windows[i].name, metric, node.id)), width[i]);
      out << "\n";
    };
    svc("contacts", "contacts", count);
    svc("service level", "service_level", ratio);
    svc("abandonment", "abandonment_rate", ratio);
    svc("mean wait", "mean_wait", duration);
  }

  if (!r.resources.empty()) {
    out << "\nBusiest resources (run window)\n";
    std::size_t shown = 0;
    for (const auto& u : r.resources) {
      if (shown++ == 5) break;
      out << "  " << pad(u.node + "/" + u.resource, 22) << "utilisation " << number(u.utilisation)
          << "   mean queue " << number(u.mean_queue, "%.1f") << "   mean wait "
          << duration(u.mean_wait) << "\n";
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
