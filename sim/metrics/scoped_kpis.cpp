#include "surge/metrics/scoped_kpis.hpp"

#include <string_view>
#include <unordered_set>

#include "surge/metrics/kpi_names.hpp"

namespace surge {

std::string ScopedKpi::label() const {
  std::string scope;
  auto part = [&](const char* name, const std::string& value) {
    if (value.empty()) return;
    if (!scope.empty()) scope += ',';
    scope.append(name).append("=").append(name_part(value));
  };
  part("node", node);
  part("product", product);
  part("market", market);
  part("resource", resource);
  std::string text = name_part(window);
  text.append(".").append(metric);
  if (!scope.empty()) text.append("[").append(scope).append("]");
  return text;
}

std::vector<ScopedKpi> scoped_kpis(const Scenario& s) {
  std::vector<std::string> windows{"run"};
  for (const Campaign& c : s.campaigns) windows.push_back(c.id);
  // Products that some market orders, in the scenario's product order.
  std::unordered_set<std::string_view> demanded;
  for (const Market& m : s.markets)
    for (const DemandStream& d : m.demand) demanded.insert(d.product);
  std::vector<std::string> ordered;
  for (const Product& p : s.products)
    if (demanded.count(p.id)) ordered.push_back(p.id);
  constexpr const char* kOrderMetrics[] = {"fill_rate", "otif", "lost_sales", "mean_lead_time"};

  std::vector<ScopedKpi> out;
  for (const std::string& w : windows) {
    if (ordered.size() > 1)
      for (const std::string& p : ordered)
        for (const char* m : kOrderMetrics) out.push_back({w, m, "", p, "", ""});
    if (s.markets.size() > 1)
      for (const Market& market : s.markets)
        for (const char* m : kOrderMetrics) out.push_back({w, m, "", "", market.id, ""});
    for (const Node& n : s.nodes)
      for (const StockItem& item : n.inventory) {
        out.push_back({w, "on_hand", n.id, item.product, "", ""});
        out.push_back({w, "max_backlog", n.id, item.product, "", ""});
        if (!item.sources.empty() && item.policy.type != "none")
          out.push_back({w, "bullwhip_ratio", n.id, item.product, "", ""});
      }
    for (const Node& n : s.nodes) {
      std::vector<std::string> resources;
      for (const Station& st : n.stations) resources.push_back(st.name);
      for (const Line& line : n.lines) resources.push_back(line.name);
      if (n.type == NodeType::service) resources.push_back("agents");
      for (const std::string& r : resources)
        for (const char* m : {"utilisation", "mean_wait"}) out.push_back({w, m, n.id, "", "", r});
      if (n.type == NodeType::service)
        for (const char* m : {"wait_probability", "mean_wait_all"})
          out.push_back({w, m, n.id, "", "", ""});
    }
  }
  return out;
}

std::vector<double> scoped_values(const std::vector<ScopedKpi>& layout, const RunResult& r) {
  // RunResult::kpi finds the first row of a scope (by hash once compute_kpis has indexed the
  // rows): a large network has millions of rows and hundreds of thousands of slots.
  std::vector<double> values;
  values.reserve(layout.size());
  for (const ScopedKpi& k : layout)
    values.push_back(r.kpi(k.window, k.metric, k.node, k.product, k.market, k.resource));
  return values;
}

}  // namespace surge
