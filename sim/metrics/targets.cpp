#include "surge/metrics/targets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

#include "surge/kernel/error.hpp"
#include "surge/metrics/kpi_metrics.hpp"
#include "surge/metrics/kpi_names.hpp"
#include "surge/metrics/kpi_units.hpp"
#include "surge/metrics/order_kpis.hpp"
#include "surge/model/units.hpp"

namespace surge {
namespace {

bool meets(const Target& t, double value) {
  if (std::isnan(value)) return false;
  return t.comparison == Comparison::at_least ? value >= t.value : value <= t.value;
}

// The value of a per-order or per-contact ratio target in each day of its window (day k covers
// [floor(start) + k days, ... + 1 day) clipped to the window), from its daily tallies. Empty for
// other metrics (their declaration gives no daily value).
std::vector<double> daily_values(const KpiMetric& metric, const RecordTally::TargetTally& tally) {
  std::vector<double> values;
  if (metric.daily_orders)
    for (const auto& day : tally.daily_orders) values.push_back(metric.daily_orders(day));
  else if (metric.daily_contacts)
    for (const auto& day : tally.daily_contacts) values.push_back(metric.daily_contacts(day));
  return values;
}

std::string metric_words(const std::string& metric) {
  if (metric == "otif") return "on-time-in-full";
  if (metric == "p95_lead_time") return "95th-percentile lead time";
  std::string words = metric;
  for (char& c : words)
    if (c == '_') c = ' ';
  return words;
}

}  // namespace

Time target_answer_time(const Scenario& s, const Target& t) {
  if (t.answer_within) return *t.answer_within;
  const Node* node = t.node.empty() ? nullptr : s.find_node(t.node);
  return node ? node->answer_within : 60 * kSecond;
}

std::vector<std::string> target_keys(const Scenario& s) {
  std::vector<std::string> keys;
  for (const Target& t : s.targets) {
    std::string scope;
    auto part = [&](const char* name, const std::string& value) {
      if (value.empty()) return;
      if (!scope.empty()) scope += ',';
      scope.append(name).append("=").append(name_part(value));
    };
    part("node", t.node);
    part("product", t.product);
    part("market", t.market);
    if (t.answer_within) part("within", format_duration(*t.answer_within));
    std::string key = name_part(t.window);
    key.append(".").append(t.metric);
    if (!scope.empty()) key.append("[").append(scope).append("]");
    std::string unique = key;
    for (int n = 2; std::find(keys.begin(), keys.end(), unique) != keys.end(); ++n)
      unique = std::string(key).append("#").append(std::to_string(n));
    keys.push_back(unique);
  }
  return keys;
}

std::string target_label(const Scenario& s, const Target& t) {
  std::string text = metric_words(t.metric);
  // Appended piece by piece (GCC 12 warns falsely about `"literal" + string` here).
  if (!t.product.empty()) text.append(" of ").append(t.product);
  if (!t.market.empty()) text.append(" in market ").append(t.market);
  if (!t.node.empty()) text.append(" at ").append(t.node);
  if (t.metric == "service_level")
    text.append(" (answered within ")
        .append(readable_duration(target_answer_time(s, t)))
        .append(")");
  if (t.window == "run")
    text.append(" over the run");
  else
    text.append(" during ").append(t.window);
  text.append(t.comparison == Comparison::at_least ? " at least " : " at most ");
  return text.append(format_threshold(t.metric, t.value));
}

void evaluate_targets(const Scenario& s, const RecordTally& records, RunResult& result) {
  const std::vector<std::string> keys = target_keys(s);
  for (std::size_t k = 0; k < s.targets.size(); ++k) {
    const Target& t = s.targets[k];
    const KpiMetric* metric = find_target_metric(t.metric);
    SURGE_CHECK(metric, "target metric `" + t.metric + "` is not declared");
    const Window* window = nullptr;
    for (const auto& w : result.windows)
      if (w.name == t.window) window = &w;
    TargetResult r;
    r.metric = t.metric;
    r.window = t.window;
    r.node = t.node;
    r.product = t.product;
    r.market = t.market;
    r.threshold = t.value;
    r.at_least = t.comparison == Comparison::at_least;
    char text[256];
    std::snprintf(text, sizeof text, "%s%s%s in %s %s %g", t.metric.c_str(),
                  t.node.empty() ? "" : (" @" + t.node).c_str(),
                  t.product.empty() ? "" : (" [" + t.product + "]").c_str(), t.window.c_str(),
                  r.at_least ? ">=" : "<=", t.value);
    r.description = text;
    r.key = keys[k];
    r.label = target_label(s, t);
    if (window) {
      // A service-level target with its own threshold T is recomputed for that T.
      if (metric->answer_within && t.answer_within)
        r.value = service_level(records.target(k).within);
      else if (metric->scope == MetricScope::node)
        r.value = result.kpi(t.window, t.metric, t.node);
      else if (metric->scope == MetricScope::network)
        r.value = result.kpi(t.window, t.metric);
      else
        r.value = result.kpi(t.window, t.metric, "", t.product, t.market);
      r.met = meets(t, r.value);
      if (!r.met) {
        auto daily = daily_values(*metric, records.target(k));
        for (std::size_t d = 0; d < daily.size(); ++d)
          if (!std::isnan(daily[d]) && !meets(t, daily[d])) {
            r.first_break = std::floor(window->start / kDay) * kDay + static_cast<double>(d) * kDay;
            break;
          }
      }
    } else {
      r.value = std::numeric_limits<double>::quiet_NaN();
    }
    result.targets.push_back(r);
  }
}

}  // namespace surge
