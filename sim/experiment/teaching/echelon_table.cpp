#include "surge/experiment/teaching/echelon_table.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <utility>

namespace surge {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::pair<double, double> mean_variance(const std::vector<double>& x) {
  if (x.empty()) return {kNaN, kNaN};
  double mean = 0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(x.size());
  if (x.size() < 2) return {mean, kNaN};
  double ss = 0;
  for (double v : x) ss += (v - mean) * (v - mean);
  return {mean, ss / static_cast<double>(x.size() - 1)};
}

// Steps from the customers: nodes serving a market are 0, their sources 1, and so on.
// Unreached nodes sort last.
std::map<std::string, int> echelon_depth(const Scenario& s) {
  std::map<std::string, int> depth;
  std::vector<std::string> frontier;
  for (const Market& m : s.markets)
    if (depth.emplace(m.served_by, 0).second) frontier.push_back(m.served_by);
  for (int d = 1; !frontier.empty(); ++d) {
    std::vector<std::string> next;
    for (const auto& id : frontier)
      if (const Node* n = s.find_node(id))
        for (const StockItem& item : n->inventory)
          for (const SourceRef& src : item.sources)
            if (depth.emplace(src.from, d).second) next.push_back(src.from);
    frontier = std::move(next);
  }
  return depth;
}

}  // namespace

EchelonTable echelon_table(const Scenario& s, const RunResult& result) {
  EchelonTable table;
  std::set<std::string> customer_facing;
  for (const Market& m : s.markets) customer_facing.insert(m.served_by);

  std::map<Time, double> demand_by_time;
  std::map<std::pair<std::string, std::string>, std::vector<const StockSample*>> series;
  for (const StockSample& x : result.stock_series) {
    if (x.time <= 0) continue;
    series[{x.node, x.product}].push_back(&x);
    if (customer_facing.count(x.node)) demand_by_time[x.time] += x.demand;
  }
  std::vector<double> demand;
  for (const auto& [t, d] : demand_by_time) demand.push_back(d);
  std::tie(table.demand_mean, table.demand_variance) = mean_variance(demand);

  const Window* run = result.windows.empty() ? nullptr : &result.windows.front();
  double length = run ? run->end - run->start : 0;
  auto depth = echelon_depth(s);
  for (const Node& node : s.nodes)
    for (const StockItem& item : node.inventory) {
      if (item.policy.type == "none") continue;
      EchelonRow row;
      row.node = node.id;
      row.product = item.product;
      const Product* p = s.find_product(item.product);
      if (run && p) {
        double on_hand = result.kpi(run->name, "on_hand", node.id, item.product);
        double backlog = result.kpi(run->name, "mean_backlog", node.id, item.product);
        row.cost = length * (on_hand * p->holding_cost + backlog * p->backorder_cost);
      }
      std::vector<double> orders;
      for (const StockSample* x : series[{node.id, item.product}]) {
        orders.push_back(x->ordered);
        row.max_backlog = std::max(row.max_backlog, x->backlog);
      }
      std::tie(row.mean_order, row.order_variance) = mean_variance(orders);
      row.bullwhip = table.demand_variance > 0 ? row.order_variance / table.demand_variance : kNaN;
      if (!std::isnan(row.cost)) table.total_cost += row.cost;
      table.rows.push_back(std::move(row));
    }
  auto depth_of = [&](const EchelonRow& r) {
    auto it = depth.find(r.node);
    return it == depth.end() ? std::numeric_limits<int>::max() : it->second;
  };
  std::stable_sort(
      table.rows.begin(), table.rows.end(),
      [&](const EchelonRow& a, const EchelonRow& b) { return depth_of(a) < depth_of(b); });
  return table;
}

}  // namespace surge
