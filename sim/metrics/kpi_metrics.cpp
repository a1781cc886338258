#include "surge/metrics/kpi_metrics.hpp"

namespace surge {
namespace {

KpiMetric order_metric(std::string name, std::string description, std::string unit,
                       double (*daily)(const OrderTally&) = nullptr) {
  KpiMetric m{std::move(name), std::move(description), std::move(unit)};
  m.scope = MetricScope::orders;
  m.daily_orders = daily;
  return m;
}

KpiMetric contact_metric(std::string name, std::string description, std::string unit,
                         double (*daily)(const ContactTally&) = nullptr) {
  KpiMetric m{std::move(name), std::move(description), std::move(unit)};
  m.scope = MetricScope::node;
  m.node_type = NodeType::service;
  m.node_role = "a service node";
  m.daily_contacts = daily;
  return m;
}

}  // namespace

const std::vector<KpiMetric>& target_metrics() {
  static const std::vector<KpiMetric> all = [] {
    std::vector<KpiMetric> m;
    m.push_back(order_metric("fill_rate", "units shipped from stock on arrival / units demanded",
                             "share", fill_rate));
    m.push_back(order_metric("order_fill_rate", "orders complete from stock on arrival / orders",
                             "share", order_fill_rate));
    m.push_back(
        order_metric("otif", "orders delivered on time in full / orders due", "share", otif));
    KpiMetric service =
        contact_metric("service_level", "contacts answered within the threshold / contacts offered",
                       "share", service_level);
    service.answer_within = true;
    m.push_back(service);
    m.push_back(contact_metric("abandonment_rate", "contacts abandoned / contacts offered", "share",
                               abandonment_rate));
    m.push_back(contact_metric("mean_wait", "mean wait of the answered contacts", "hours"));
    m.push_back(order_metric("lost_sales", "units lost", "units"));
    m.push_back(order_metric("backorders", "orders backordered", "orders"));
    m.push_back(order_metric("mean_lead_time", "mean time from order to shipment", "hours"));
    m.push_back(order_metric("p95_lead_time", "95th percentile of that time", "hours"));
    KpiMetric utilisation{"utilisation",
                          "busy time / available time of the node's busiest "
                          "resource",
                          "share"};
    utilisation.scope = MetricScope::node;
    utilisation.node_role = "the node whose busiest resource counts";
    m.push_back(utilisation);
    m.push_back(order_metric("campaign_margin", "margin of campaign orders", "money"));
    m.push_back(order_metric("revenue", "revenue of the shipped orders, after campaign discounts",
                             "money"));
    KpiMetric total{"total_cost",
                    "holding, production, purchase, transport, shortage and staff costs", "money"};
    total.scope = MetricScope::network;
    m.push_back(total);
    KpiMetric staff{"staff_cost",
                    "scheduled, open server-, agent- and line-hours at their hourly cost", "money"};
    staff.scope = MetricScope::network;  // a staff budget for the whole network
    m.push_back(staff);
    return m;
  }();
  return all;
}

const KpiMetric* find_target_metric(std::string_view name) {
  for (const KpiMetric& m : target_metrics())
    if (m.name == name) return &m;
  return nullptr;
}

std::vector<std::string> target_metric_names() {
  std::vector<std::string> out;
  for (const KpiMetric& m : target_metrics()) out.push_back(m.name);
  return out;
}

}  // namespace surge
