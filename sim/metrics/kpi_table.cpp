#include "surge/metrics/kpi_table.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <limits>
#include <map>
#include <tuple>
#include <utility>
#include <vector>

#include "surge/metrics/order_kpis.hpp"
#include "surge/metrics/scoped_kpis.hpp"
#include "surge/model/stock_item_index.hpp"

namespace surge {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Table {
  RunResult& result;
  const std::string& window;
  void add(const std::string& metric, double value, const std::string& node = "",
           const std::string& product = "", const std::string& market = "",
           const std::string& resource = "") {
    result.kpis.push_back(KpiRow{window, metric, node, product, market, resource, value});
  }
};

constexpr const char* kOrderMetrics[] = {
    "demand_orders", "demand_units",      "fill_rate",  "order_fill_rate", "otif",
    "backorders",    "backordered_units", "lost_sales", "lost_orders",     "mean_lead_time",
    "p50_lead_time", "p95_lead_time",     "revenue",    "campaign_margin"};
using OrderValues = std::array<double, std::size(kOrderMetrics)>;

// In kOrderMetrics order; `lead_times`: the delivered orders' (RecordTally::lead_times).
OrderValues order_values(const OrderTally& t, std::vector<double>& lead_times) {
  return {t.orders,
          t.units,
          fill_rate(t),
          order_fill_rate(t),
          otif(t),
          t.backordered_orders,
          t.backordered_units,
          t.lost_units,
          t.lost_orders,
          mean_lead_time(t),
          lead_time_quantile(lead_times, 0.50),
          lead_time_quantile(lead_times, 0.95),
          t.revenue,
          t.campaign_margin};
}

// Per stock point of the collector (in its order), whether it orders from sources (so it has
// a bullwhip ratio): its node's stock item of its product has a source and a replenishment
// policy.
std::vector<char> places_orders(const Scenario& scenario, const Collector& collector) {
  const StockItemIndex items(scenario);
  std::vector<char> out;
  out.reserve(collector.stock_points().size());
  for (const auto& s : collector.stock_points()) {
    const StockItem* item = items.find(s.node, s.product);
    out.push_back(item && !item->sources.empty() && item->policy.type != "none");
  }
  return out;
}

// Var(orders) / Var(demand) over the sampling periods of a window (docs/kpis.md): NaN with
// fewer than two periods or a demand that never varied.
double bullwhip_ratio(const PeriodVariance& ordered, const PeriodVariance& demand) {
  double d = demand.variance();
  return d > 0 ? ordered.variance() / d : kNaN;
}

// Money per available hour of a resource (docs/kpis.md, staff_cost): a station's
// cost_per_server_hour, a service node's cost_per_agent_hour, a line's cost_per_hour.
double hourly_staff_cost(const Scenario& scenario, const Collector::ResourceStats& r) {
  const Node& node = scenario.nodes[r.node];
  switch (r.kind) {
    case ResourceKind::agents: return node.cost_per_agent_hour;
    case ResourceKind::station:
      for (const Station& s : node.stations)
        if (s.name == r.name) return s.cost_per_server_hour;
      return 0;
    case ResourceKind::line:
      for (const Line& l : node.lines)
        if (l.name == r.name) return l.cost_per_hour;
      return 0;
  }
  return 0;
}

void order_rows(Table& table, const OrderValues& values, const std::string& product,
                const std::string& market) {
  for (std::size_t i = 0; i < values.size(); ++i)
    table.add(kOrderMetrics[i], values[i], "", product, market);
}

}  // namespace

void compute_kpis(const Scenario& scenario, RecordTally& records, const Collector& collector,
                  RunResult& result) {
  const auto& windows = collector.windows();
  const std::vector<char> orders_from_sources = places_orders(scenario, collector);
  // Whether an order scope of window w has rows: the total always; another when the scope it
  // is tallied through took orders.
  auto reports = [&records](std::size_t w, std::size_t scope) {
    return scope == 0 || records.order_scopes(w)[records.source_scope(scope)].orders > 0;
  };
  // At most this many rows (below), reserved once: a large network has millions of rows, and
  // a vector doubling its capacity holds the old rows and the new capacity at once. Only the
  // order scopes that report are counted, so a scenario whose markets order few of its
  // products reserves no row for the pairs nobody orders.
  std::size_t rows = 0;
  for (std::size_t w = 0; w < windows.size(); ++w) {
    for (std::size_t scope = 0; scope < records.order_scopes(w).size(); ++scope)
      if (reports(w, scope)) rows += std::size(kOrderMetrics);
    rows += collector.stock_points().size() * 5 + collector.resources().size() * 5 +
            scenario.nodes.size() * 10 + 8;
  }
  result.kpis.reserve(result.kpis.size() + rows);
  for (std::size_t w = 0; w < windows.size(); ++w) {
    const Window& window = windows[w];
    Table table{result, window.name};
    const Time length = window.end - window.start;

    // Orders, by the window they were placed in; scopes: all, per market, per product, both
    // (metrics/record_tally.hpp).
    const std::size_t markets = records.markets_plus_one();
    std::vector<OrderTally>& tallies = records.order_scopes(w);
    // A scope tallied through a broader one reports that one's values, computed once (the
    // source's index is never above the scope's, so it comes first).
    std::vector<OrderValues> values(tallies.size());
    std::vector<double> gathered;  // a broad scope's lead times, for its quantiles
    for (std::size_t scope = 0; scope < tallies.size(); ++scope) {
      const std::size_t p = scope / markets, m = scope % markets;
      const std::size_t source = records.source_scope(scope);
      if (!reports(w, scope)) continue;
      if (source == scope)
        values[scope] = order_values(tallies[scope], records.lead_times(w, scope, gathered));
      order_rows(table, values[source], p == 0 ? "" : scenario.products[p - 1].id,
                 m == 0 ? "" : scenario.markets[m - 1].id);
    }
    gathered = std::vector<double>();  // held no longer than the quantiles need it
    double lost_sale_cost = tallies[0].lost_sale_cost;

    // Stock points: time averages; holding and backorder costs.
    double holding = 0, backorder_cost = 0;
    for (std::size_t k = 0; k < collector.stock_points().size(); ++k) {
      const auto& s = collector.stock_points()[k];
      const std::string& node = scenario.nodes[s.node].id;
      const Product& product = scenario.products[s.product];
      double on_hand = length > 0 ? s.levels.area(w, Collector::kOnHand) / length : kNaN;
      table.add("on_hand", on_hand, node, product.id);
      table.add("on_order", length > 0 ? s.levels.area(w, Collector::kOnOrder) / length : kNaN,
                node, product.id);
      table.add("mean_backlog", length > 0 ? s.levels.area(w, Collector::kBacklog) / length : kNaN,
                node, product.id);
      table.add("max_backlog", length > 0 ? s.max_backlog[w] : kNaN, node, product.id);
      if (orders_from_sources[k])
        table.add("bullwhip_ratio", bullwhip_ratio(s.ordered_per_period[w], s.demand_per_period[w]),
                  node, product.id);
      holding += s.levels.area(w, Collector::kOnHand) * product.holding_cost;
      backorder_cost += s.levels.area(w, Collector::kBacklog) * product.backorder_cost;
    }

    // Resources: utilisation, queue, waiting; a node's utilisation is its busiest resource's.
    // Staff costs: the available (scheduled, open) hours of each resource at its hourly cost,
    // per node in the order the nodes' resources come.
    std::map<std::string, double> node_utilisation;
    std::vector<std::pair<std::string, double>> node_staff_cost;
    double staff = 0;
    for (const auto& r : collector.resources()) {
      const std::string& node = scenario.nodes[r.node].id;
      double available = r.levels.area(w, Collector::kAvailable);
      const double hourly = hourly_staff_cost(scenario, r);
      const double cost = hourly > 0 ? hourly * available : 0.0;
      if (node_staff_cost.empty() || node_staff_cost.back().first != node)
        node_staff_cost.emplace_back(node, 0.0);
      node_staff_cost.back().second += cost;
      staff += cost;
      double utilisation = (r.servers == kUnlimited || available <= 0)
                               ? (r.servers == kUnlimited ? 0.0 : kNaN)
                               : r.levels.area(w, Collector::kBusy) / available;
      table.add("utilisation", utilisation, node, "", "", r.name);
      table.add("mean_queue", length > 0 ? r.levels.area(w, Collector::kWaiting) / length : kNaN,
                node, "", "", r.name);
      table.add("mean_wait", r.started[w] > 0 ? r.wait_sum[w] / r.started[w] : kNaN, node, "", "",
                r.name);
      table.add("jobs_started", r.started[w], node, "", "", r.name);
      if (r.kind == ResourceKind::agents)
        table.add("jobs_abandoned", r.abandoned[w], node, "", "", r.name);
      if (!std::isnan(utilisation)) {
        auto [it, inserted] = node_utilisation.emplace(node, utilisation);
        if (!inserted) it->second = std::max(it->second, utilisation);
      }
    }
    for (auto& [node, u] : node_utilisation) table.add("utilisation", u, node);

    // Service nodes: contacts by the window they arrived in.
    for (std::size_t n = 0; n < scenario.nodes.size(); ++n) {
      const Node& node = scenario.nodes[n];
      if (node.type != NodeType::service) continue;
      const ContactTally& t = records.contacts(w, n);
      table.add("contacts", t.offered + t.waiting_at_end, node.id);
      table.add("answered", t.answered, node.id);
      table.add("abandoned", t.abandoned, node.id);
      table.add("service_level", service_level(t), node.id);
      table.add("abandonment_rate", abandonment_rate(t), node.id);
      table.add("mean_wait", mean_answer_wait(t), node.id);
      table.add("wait_probability", wait_probability(t), node.id);
      table.add("mean_wait_all", mean_wait_all(t), node.id);
    }

    // Costs of the whole network in the window.
    double production = collector.flows(w, Flow::produced).money;
    double purchase = collector.flows(w, Flow::supplied).money;
    double transport = collector.flows(w, Flow::transported).money;
    double shortage = lost_sale_cost + backorder_cost;
    table.add("holding_cost", holding);
    table.add("production_cost", production);
    table.add("purchase_cost", purchase);
    table.add("transport_cost", transport);
    table.add("shortage_cost", shortage);
    for (const auto& [node, cost] : node_staff_cost) table.add("staff_cost", cost, node);
    table.add("staff_cost", staff);
    table.add("total_cost", holding + production + purchase + transport + shortage + staff);
  }

  result.index_kpis();  // every row is in: lookups from here on (and the CLI's) are by hash

  // The busiest resources over the run window (the first window).
  for (const auto& r : collector.resources()) {
    const std::string& node = scenario.nodes[r.node].id;
    ResourceUse use{node, r.name, result.kpi(windows[0].name, "utilisation", node, "", "", r.name),
                    result.kpi(windows[0].name, "mean_queue", node, "", "", r.name),
                    result.kpi(windows[0].name, "mean_wait", node, "", "", r.name)};
    result.resources.push_back(use);
  }
  result.scoped = scoped_values(scoped_kpis(scenario), result);
  std::stable_sort(result.resources.begin(), result.resources.end(),
                   [](const ResourceUse& a, const ResourceUse& b) {
                     double ua = std::isnan(a.utilisation) ? -1 : a.utilisation;
                     double ub = std::isnan(b.utilisation) ? -1 : b.utilisation;
                     return std::tie(ua, a.mean_queue) > std::tie(ub, b.mean_queue);
                   });
}

}  // namespace surge
