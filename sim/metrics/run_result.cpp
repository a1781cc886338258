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

}  // namespace surge
