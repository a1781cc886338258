#include "surge/io/scenario/read_context.hpp"

namespace surge::loader {

void ReadContext::check_product(const YAML::Node& at, const std::string& id) const {
  if (!product_index.count(id))
    r.fail(at, "unknown product " + quoted(id) + suggest(id, product_list) +
                   (product_list.empty() ? " no products are declared under `products`"
                                         : " products: " + join(product_list)));
}

NodeType ReadContext::check_node(const YAML::Node& at, const std::string& id) const {
  auto it = node_types.find(id);
  if (it == node_types.end()) {
    std::string extra = market_ids.count(id) ? " (it is a market, not a node)" : "";
    r.fail(at, "unknown node " + quoted(id) + extra + suggest(id, node_list) +
                   " nodes: " + join(node_list));
  }
  return it->second;
}

void ReadContext::check_service(const YAML::Node& at, const std::string& id) const {
  if (check_node(at, id) != NodeType::service)
    r.fail(at, "node " + quoted(id) + " is a " + to_string(node_types.at(id)) +
                   "; contacts must go to a service node");
}

void ReadContext::check_calendar(const YAML::Node& at, const std::string& name) const {
  if (!s.calendars.count(name)) {
    Keys names;
    for (auto& [n, c] : s.calendars) names.push_back(n);
    r.fail(at, "unknown calendar " + quoted(name) + suggest(name, names) +
                   (names.empty() ? " no calendars are defined under `calendars`"
                                  : " calendars: " + join(names)));
  }
}

void ReadContext::check_market(const YAML::Node& at, const std::string& id) const {
  if (!market_ids.count(id))
    r.fail(at, "unknown market " + quoted(id) + suggest(id, market_list) +
                   " markets: " + join(market_list));
}

std::vector<YAML::Node> ReadContext::optional_list(const YAML::Node& map,
                                                   const std::string& key) const {
  std::vector<YAML::Node> out;
  YAML::Node n = map[key];
  if (!n.IsDefined() || n.IsNull()) return out;
  r.expect_list(n, quoted(key));
  for (auto it = n.begin(); it != n.end(); ++it) out.push_back(*it);
  return out;
}

}  // namespace surge::loader
