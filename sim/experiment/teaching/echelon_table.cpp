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

// The sample times t whose sampling period (previous sample time, t] lies wholly inside the
// window [start, end]: the periods of the KPI bullwhip_ratio. The sample at t = 0 closes none.
std::vector<Time> periods_inside(const RunResult& result, const Window* run) {
  std::set<Time> times;
  for (const StockSample& x : result.stock_series) times.insert(x.time);
  Time start = run ? run->start : 0, end = run ? run->end : std::numeric_limits<Time>::infinity();
  std::vector<Time> out;
  constexpr Time kSlack = 1e-9;
  for (auto it = times.begin(); it != times.end(); ++it) {
    if (it == times.begin()) continue;
    Time previous = *std::prev(it);
    if (previous >= start - kSlack && *it <= end + kSlack) out.push_back(*it);
  }
  return out;
}

// One value per period (0 where there is no sample: nothing happened then).
std::vector<double> per_period(const std::map<Time, double>& by_time,
                               const std::vector<Time>& periods) {
  std::vector<double> out;
  out.reserve(periods.size());
  for (Time t : periods) {
    auto it = by_time.find(t);
    out.push_back(it == by_time.end() ? 0.0 : it->second);
  }
  return out;
}

}  // namespace

EchelonTable echelon_table(const Scenario& s, const RunResult& result) {
  EchelonTable table;
  std::set<std::string> customer_facing;
  for (const Market& m : s.markets) customer_facing.insert(m.served_by);

  const Window* run = result.windows.empty() ? nullptr : &result.windows.front();
  const std::vector<Time> periods = periods_inside(result, run);

  // Per product, the customers' demand by sample time; per stock point, its orders.
  std::map<std::string, std::map<Time, double>> customers_by_product;
  std::map<Time, double> customers_all;
  std::map<std::pair<std::string, std::string>, std::map<Time, double>> orders;
  for (const StockSample& x : result.stock_series) {
    if (x.time <= 0) continue;
    const std::string &node = result.node_of(x), &product = result.product_of(x);
    orders[{node, product}][x.time] += x.ordered;
    if (customer_facing.count(node)) {
      customers_by_product[product][x.time] += x.demand;
      customers_all[x.time] += x.demand;
    }
  }
  std::tie(table.demand_mean, table.demand_variance) =
      mean_variance(per_period(customers_all, periods));
  std::map<std::string, double> customer_variance;  // per product; absent: no customer orders it
  for (const auto& [product, by_time] : customers_by_product)
    customer_variance[product] = mean_variance(per_period(by_time, periods)).second;

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
      row.max_backlog = run ? result.kpi(run->name, "max_backlog", node.id, item.product) : kNaN;
      row.bullwhip_kpi =
          run ? result.kpi(run->name, "bullwhip_ratio", node.id, item.product) : kNaN;
      std::tie(row.mean_order, row.order_variance) =
          mean_variance(per_period(orders[{node.id, item.product}], periods));
      auto demand = customer_variance.find(item.product);
      row.bullwhip = demand != customer_variance.end() && demand->second > 0
                         ? row.order_variance / demand->second
                         : kNaN;
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
