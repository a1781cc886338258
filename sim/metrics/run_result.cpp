#include "surge/metrics/run_result.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <string_view>

namespace surge {

namespace {

std::uint64_t scope_hash(const std::string& window, const std::string& metric,
                         const std::string& node, const std::string& product,
                         const std::string& market, const std::string& resource) {
  std::uint64_t h = 0;
  for (const std::string* part : {&window, &metric, &node, &product, &market, &resource})
    h = (h ^ std::hash<std::string_view>{}(*part)) * 0x9e3779b97f4a7c15ULL + 0x7f4a7c15ULL;
  return h;
}

bool same_scope(const KpiRow& row, const std::string& window, const std::string& metric,
                const std::string& node, const std::string& product, const std::string& market,
                const std::string& resource) {
  return row.window == window && row.metric == metric && row.node == node &&
         row.product == product && row.market == market && row.resource == resource;
}

}  // namespace

void RunResult::index_kpis() {
  kpi_index.clear();
  kpi_index.reserve(kpis.size());
  for (std::size_t i = 0; i < kpis.size(); ++i) {
    const KpiRow& k = kpis[i];
    kpi_index.emplace_back(scope_hash(k.window, k.metric, k.node, k.product, k.market, k.resource),
                           static_cast<std::uint32_t>(i));
  }
  // Rows of one hash stay in row order, so the first that matches is the first row of that
  // scope, as the linear search finds it.
  std::sort(kpi_index.begin(), kpi_index.end());
}

double RunResult::kpi(const std::string& window, const std::string& metric, const std::string& node,
                      const std::string& product, const std::string& market,
                      const std::string& resource) const {
  if (kpi_index.size() == kpis.size() && !kpis.empty()) {
    const std::uint64_t h = scope_hash(window, metric, node, product, market, resource);
    auto it = std::lower_bound(kpi_index.begin(), kpi_index.end(),
                               std::pair<std::uint64_t, std::uint32_t>{h, 0});
    for (; it != kpi_index.end() && it->first == h; ++it)
      if (same_scope(kpis[it->second], window, metric, node, product, market, resource))
        return kpis[it->second].value;
    return std::numeric_limits<double>::quiet_NaN();
  }
  for (const auto& row : kpis)
    if (same_scope(row, window, metric, node, product, market, resource)) return row.value;
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

const std::string& RunResult::fulfiller_of(const OrderRecord& o) const {
  static const std::string none;
  return o.fulfilled_by == kNone ? none : names.nodes[o.fulfilled_by];
}

const std::string& RunResult::campaign_of(const OrderRecord& o) const {
  static const std::string none;
  return o.campaign == kNone ? none : names.campaigns[o.campaign];
}

}  // namespace surge
