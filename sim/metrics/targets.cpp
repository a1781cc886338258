#include "surge/metrics/targets.hpp"

#include <cmath>
#include <cstdio>
#include <functional>

#include "surge/kernel/error.hpp"
#include "surge/metrics/kpi_metrics.hpp"
#include "surge/metrics/order_kpis.hpp"

namespace surge {
namespace {

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
    Time within = t.answer_within ? *t.answer_within : (node ? node->answer_within : 60 * kSecond);
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

}  // namespace

void evaluate_targets(const Scenario& s, const std::vector<CustomerOrder>& orders,
                      const std::vector<Contact>& contacts, RunResult& result) {
  for (const Target& t : s.targets) {
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
