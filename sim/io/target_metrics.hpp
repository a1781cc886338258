#pragma once
// The metric names a target may require. One list, shared by the loader (validation), the
// schema and the metrics engine, so a name accepted in YAML is always one the engine computes.
#include <array>
#include <string_view>

namespace surge {

inline constexpr std::array<std::string_view, 14> kTargetMetrics = {
    "fill_rate",   "order_fill_rate", "otif",       "service_level",  "abandonment_rate",
    "mean_wait",   "lost_sales",      "backorders", "mean_lead_time", "p95_lead_time",
    "utilisation", "campaign_margin", "revenue",    "total_cost"};

}  // namespace surge
