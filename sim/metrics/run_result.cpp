#include "surge/metrics/run_result.hpp"

#include <limits>

namespace surge {

double RunResult::kpi(const std::string& window, const std::string& metric, const std::string& node,
                      const std::string& product, const std::string& market,
                      const std::string& resource) const {
  for (const auto& row : kpis)
    if (row.window == window && row.metric == metric && row.node == node &&
        row.product == product && row.market == market && row.resource == resource)
      return row.value;
  return std::numeric_limits<double>::quiet_NaN();
}

const TargetBreak* RunResult::where_it_breaks() const {
  for (const TargetBreak& b : breaks)
    if (!b.met) return &b;
  return nullptr;
}

const char* census_held_unit(const std::string& kind) {
  if (kind == "station") return "orders";
  if (kind == "agents") return "contacts";
  return "units";
}

}  // namespace surge
