// Every KPI has one unit (docs/kpis.md) and one way to be shown (metrics/kpi_units.hpp), which
// the terminal prints and analysis/surge_analysis/units.py mirrors for the report.
#include "surge/metrics/kpi_units.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "surge/metrics/kpi_metrics.hpp"

namespace surge {
namespace {

TEST_CASE("every KPI of the tables has a unit", "[metrics][units]") {
  for (const char* m : {"demand_orders",
                        "demand_units",
                        "fill_rate",
                        "order_fill_rate",
                        "otif",
                        "backorders",
                        "backordered_units",
                        "lost_sales",
                        "lost_orders",
                        "mean_lead_time",
                        "p50_lead_time",
                        "p95_lead_time",
                        "revenue",
                        "campaign_margin",
                        "on_hand",
                        "on_order",
                        "mean_backlog",
                        "max_backlog",
                        "bullwhip_ratio",
                        "utilisation",
                        "mean_queue",
                        "mean_wait",
                        "jobs_started",
                        "jobs_abandoned",
                        "contacts",
                        "answered",
                        "abandoned",
                        "service_level",
                        "abandonment_rate",
                        "wait_probability",
                        "mean_wait_all",
                        "holding_cost",
                        "production_cost",
                        "purchase_cost",
                        "transport_cost",
                        "shortage_cost",
                        "total_cost"}) {
    INFO(m);
    CHECK(kpi_unit(m) != KpiUnit::none);
  }
  CHECK(kpi_unit("nonsense") == KpiUnit::none);
  // Every target-able metric's declared unit is one of these, and the one its value is shown in.
  for (const KpiMetric& m : target_metrics()) {
    INFO(m.name << " declared in " << m.unit);
    CHECK(unit_named(m.unit) != KpiUnit::none);
    CHECK(kpi_unit(m.name) == unit_named(m.unit));
  }
  CHECK(std::string(unit_name(kpi_unit("p95_lead_time"))) == "hours");
  CHECK(std::string(unit_name(kpi_unit("bullwhip_ratio"))) == "multiple");
}

TEST_CASE("values are shown in their unit", "[metrics][units]") {
  CHECK(format_kpi("fill_rate", 0.9534) == "95.3%");
  CHECK(format_kpi("otif", 0.77) == "77.0%");  // one decimal always: columns read alike
  CHECK(format_kpi("mean_lead_time", 83.04) == "3.46 d");
  CHECK(format_kpi("mean_wait", 11.2333 / 60) == "11.2 min");
  CHECK(format_kpi("total_cost", 1234567.4) == "1,234,567");
  CHECK(format_kpi("lost_sales", 17) == "17 units");
  CHECK(format_kpi("lost_sales", 17, false) == "17");
  CHECK(format_kpi("backorders", 11163) == "11,163 orders");
  CHECK(format_kpi("mean_queue", 0.117) == "0.117 jobs");
  CHECK(format_kpi("bullwhip_ratio", 2.934) == "2.93x");
  CHECK(format_kpi("fill_rate", std::nan("")) == "n/a");
  CHECK(format_threshold("fill_rate", 0.95) == "95%");
  CHECK(format_threshold("fill_rate", 0.925) == "92.5%");
}

TEST_CASE("differences of rates are in percentage points, intervals in one unit",
          "[metrics][units]") {
  CHECK(format_kpi_difference("fill_rate", 0.065) == "+6.5 pp");
  CHECK(format_kpi_difference("otif", -0.012) == "-1.2 pp");
  CHECK(format_kpi_difference("mean_lead_time", -2.1) == "-2.1 h");
  CHECK(format_kpi_difference("lost_sales", 120) == "+120 units");
  CHECK(format_kpi_interval("fill_rate", 0.953, 0.004) == "95.3% ± 0.4 pp");
  CHECK(format_kpi_interval("mean_lead_time", 3.46 * 24, 0.17 * 24) == "3.46 ± 0.17 d");
  CHECK(format_kpi_interval("mean_lead_time", 2.64 * 24, 0.142 * 24) == "2.64 ± 0.14 d");
  CHECK(format_kpi_interval("backorders", 6973, 1772) == "6,973 ± 1,772 orders");
  // The mean keeps its three significant digits; a tiny half-width gets the decimals it needs.
  CHECK(format_kpi_interval("mean_lead_time", 2.5 * 24, 0.0352 * 24) == "2.50 ± 0.04 d");
  CHECK(format_kpi_interval("bullwhip_ratio", 2.5, 0.0004) == "2.5000x ± 0.0004");
  CHECK(format_kpi_interval("lost_sales", 0, 0) == "0 ± 0 units");
  CHECK(format_kpi_interval("fill_rate", 0.5, INFINITY) == "50.0%");  // one value: no interval
  CHECK(format_kpi_difference_interval("fill_rate", 0.12, 0.05) == "+12.0 ± 5.0 pp");
}

}  // namespace
}  // namespace surge
