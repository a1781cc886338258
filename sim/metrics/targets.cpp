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

// The answer time a service-level target is judged with.
Time answer_time(const Scenario& s, const Target& t) {
  if (t.answer_within) return *t.answer_within;
  const Node* node = t.node.empty() ? nullptr : s.find_node(t.node);
  return node ? node->answer_within : 60 * kSecond;
}

bool meets(const Target& t, double value) {
  if (std::isnan(value)) return false;
  return t.comparison == Comparison::at_least ? value >= t.value : value <= t.value;
}

// The value of a per-order or per-contact ratio target in each day of [from, to), in one pass
// over the records; day k covers [floor(from) + k days, ... + 1 day) clipped to the window.
// Empty for other metrics (their declaration gives no daily value).
std::vector<double> daily_values(const Scenario& s, const Target& t, const KpiMetric& metric,
                                 const std::vector<CustomerOrder>& orders,
                                 const std::vector<Contact>& contacts, Time from, Time to) {
  const Time first_day = std::floor(from / kDay) * kDay;
  const auto days = static_cast<std::size_t>(std::ceil((to - first_day) / kDay));
  auto day_of = [&](Time at) { return static_cast<std::size_t>((at - first_day) / kDay); };
  std::vector<double> values;
  if (metric.daily_orders) {
    std::vector<OrderTally> tallies(days);
    for (const auto& o : orders) {
      if (o.placed < from || o.placed >= to) continue;
      if (!t.product.empty() && s.products[o.product].id != t.product) continue;
      if (!t.market.empty() && s.markets[o.market].id != t.market) continue;
      tallies[day_of(o.placed)].add(o, s, s.horizon);
    }
    for (const auto& tally : tallies) values.push_back(metric.daily_orders(tally));
  } else if (metric.daily_contacts) {
    const Node* node = t.node.empty() ? nullptr : s.find_node(t.node);
    Time within = answer_time(s, t);
    std::vector<ContactTally> tallies(days);
    for (const auto& c : contacts) {
      if (c.arrived < from || c.arrived >= to) continue;
      if (node && s.nodes[c.node].id != t.node) continue;
      tallies[day_of(c.arrived)].add(c, within);
    }
    for (const auto& tally : tallies) values.push_back(metric.daily_contacts(tally));
  }
  return values;
}

// A service-level target with its own answer_within, over the whole window.
double service_level_within(const Scenario& s, const Target& t,
                            const std::vector<Contact>& contacts, Time from, Time to) {
  ContactTally tally;
  for (const auto& c : contacts) {
    if (c.arrived < from || c.arrived >= to) continue;
    if (!t.node.empty() && s.nodes[c.node].id != t.node) continue;
    tally.add(c, *t.answer_within);
  }
  return service_level(tally);
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
    text.append(" (answered within ").append(readable_duration(answer_time(s, t))).append(")");
  if (t.window == "run")
    text.append(" over the run");
  else
    text.append(" during ").append(t.window);
  text.append(t.comparison == Comparison::at_least ? " at least " : " at most ");
  return text.append(format_threshold(t.metric, t.value));
}

void evaluate_targets(const Scenario& s, const std::vector<CustomerOrder>& orders,
                      const std::vector<Contact>& contacts, RunResult& result) {
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
        r.value = service_level_within(s, t, contacts, window->start, window->end);
      else if (metric->scope == MetricScope::node)
        r.value = result.kpi(t.window, t.metric, t.node);
      else if (metric->scope == MetricScope::network)
        r.value = result.kpi(t.window, t.metric);
      else
        r.value = result.kpi(t.window, t.metric, "", t.product, t.market);
      r.met = meets(t, r.value);
      if (!r.met) {
        auto daily = daily_values(s, t, *metric, orders, contacts, window->start, window->end);
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
