#include "surge/model/scenario.hpp"

#include <algorithm>

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

Time Policy::review() const {
  const Parameters::Value* v = params.find("review");
  const double* hours = v ? std::get_if<double>(v) : nullptr;
  return hours ? *hours : 0;
}

Policy Policy::with(std::string type, const std::vector<std::pair<std::string, double>>& numbers) {
  Policy p;
  p.type = std::move(type);
  for (const auto& [key, value] : numbers) p.params.set(key, value);
  return p;
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

CampaignSpan campaign_kpi_span(const Campaign& c, const Scenario& s) {
  return {std::clamp(c.start, s.warmup, s.horizon),
          std::clamp(c.start + c.duration, s.warmup, s.horizon)};
}

}  // namespace surge
