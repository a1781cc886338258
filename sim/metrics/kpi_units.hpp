#pragma once
// The unit of every KPI (docs/kpis.md gives each one), and the one way a KPI value is shown to
// a person: the terminal prints it and the result files store the unit beside each value, so
// the report (analysis/surge_analysis/units.py) shows the same thing.
#include <string>
#include <string_view>

namespace surge {

enum class KpiUnit {
  share,     // a share in [0, 1]; shown as a percentage, differences in percentage points
  multiple,  // a ratio of two like quantities that may exceed 1 (bullwhip); shown as "2.93x"
  hours,     // a duration; shown in the largest fitting unit (readable_duration)
  units,     // units of a product
  orders,
  contacts,
  jobs,
  money,
  none,  // not a KPI of docs/kpis.md
};

// The unit of a metric: a target-able one's declaration (metrics/kpi_metrics.hpp), the others'
// from the table in kpi_units.cpp (docs/kpis.md).
KpiUnit kpi_unit(std::string_view metric);
// The unit of that name ("share", "hours", ...); none for an unknown name.
KpiUnit unit_named(std::string_view name);
// The name written to the files' `unit` columns: "share", "multiple", "hours", "units",
// "orders", "contacts", "jobs", "money" (empty for an unknown metric).
const char* unit_name(KpiUnit unit);

// A value for people: 0.953 -> "95.3%" (always one decimal), 83.0 hours -> "3.46 d", 12345.6 money
// -> "12,346", 17 units -> "17 units", 2.934 multiple -> "2.93x"; NaN -> "n/a". `with_count_unit`
// false leaves counts and money bare (a table whose row label names the unit).
std::string format_kpi(std::string_view metric, double value, bool with_count_unit = true);
// A target's bound as a person writes it: format_kpi, but a whole percentage without its
// decimal ("at least 95%", not "95.0%").
std::string format_threshold(std::string_view metric, double value);
// A difference of two values of the metric: ratios in percentage points ("+6.5 pp"),
// durations as signed durations ("-2.1 h"), others signed ("+120 units").
std::string format_kpi_difference(std::string_view metric, double difference,
                                  bool with_count_unit = true);
// A mean and its confidence half-width in one unit: "95.3% ± 0.4 pp", "3.46 ± 0.17 d",
// "1,234 ± 56 units"; the mean alone when the half-width is not finite (fewer than two values).
std::string format_kpi_interval(std::string_view metric, double mean, double half_width,
                                bool with_count_unit = true);
// A difference with its confidence half-width: "+1.2 ± 0.4 pp", "-2.1 ± 0.5 h", "+120 ± 30 units".
std::string format_kpi_difference_interval(std::string_view metric, double difference,
                                           double half_width, bool with_count_unit = true);
// A whole number with thousands separators: 12345.6 -> "12,346".
std::string grouped_number(double value);

}  // namespace surge
