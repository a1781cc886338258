#pragma once
// The KPI metrics a target may require, each declared once: its name, what it measures, its
// unit, the scope its rows have in the KPI table (docs/kpis.md, "Scopes") and, for ratios of
// orders or contacts, how one day's value is computed (the first day a target breaks). The
// loader checks targets against these declarations, the schema lists them, and
// metrics/targets.cpp evaluates targets through them.
//
// Adding a target-able KPI: compute it in metrics/kpi_table.cpp (or order_kpis.cpp), define it
// in docs/kpis.md, and declare it here.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "surge/metrics/order_kpis.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

// Where a metric's rows are: what `node:`, `product:` and `market:` of a target may say.
enum class MetricScope {
  orders,   // per product and market (both optional); never per node
  node,     // per node: `node:` required; never per product or market
  network,  // the whole network: no scope at all
};

struct KpiMetric {
  std::string name;
  std::string description;
  std::string unit;
  MetricScope scope = MetricScope::orders;
  std::optional<NodeType> node_type = {};  // node metrics that only these nodes report
  std::string node_role = {};              // what `node:` names: "a service node"
  bool answer_within = false;              // a target may override the service-level threshold
  // One day's value for a ratio of orders or contacts; null for other metrics (no first break).
  double (*daily_orders)(const OrderTally&) = nullptr;
  double (*daily_contacts)(const ContactTally&) = nullptr;
};

// Every target-able metric, in the order the reference lists them.
const std::vector<KpiMetric>& target_metrics();
const KpiMetric* find_target_metric(std::string_view name);
std::vector<std::string> target_metric_names();

}  // namespace surge
