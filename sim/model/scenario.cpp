#include "surge/model/scenario.hpp"

namespace surge {

const char* to_string(NodeType type) {
  switch (type) {
    case NodeType::supplier: return "supplier";
    case NodeType::factory: return "factory";
    case NodeType::warehouse: return "warehouse";
    case NodeType::fulfilment: return "fulfilment";
    case NodeType::service: return "service";
  }
  return "?";
}

const Product* Scenario::find_product(const std::string& id) const {
  for (auto& p : products)
    if (p.id == id) return &p;
  return nullptr;
}

const Node* Scenario::find_node(const std::string& id) const {
  for (auto& n : nodes)
    if (n.id == id) return &n;
  return nullptr;
}

const Lane* Scenario::find_lane(const std::string& from, const std::string& to) const {
  for (auto& l : lanes)
    if (l.from == from && l.to == to) return &l;
  return nullptr;
}

}  // namespace surge
