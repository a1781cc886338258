#pragma once
// The one way the terminal shows money: grouped digits and, when the scenario names its
// `currency`, that code after them ("12,400 EUR"); without one, the number alone as before.
#include <string>
#include <string_view>

#include "surge/model/scenario.hpp"

namespace surge {

// 12400.3 -> "12,400 EUR" (or "12,400").
std::string money_text(const Scenario& scenario, double value);
// The currency after an already formatted money figure ("12,400 ± 300" -> "12,400 ± 300 EUR");
// `text` unchanged without a currency or when it is not a number ("-", "n/a").
std::string with_currency(const Scenario& scenario, std::string text);

// A KPI value, interval or difference as metrics/kpi_units.hpp formats it, with the currency
// when the KPI is money (revenue, costs, margins).
std::string kpi_text(const Scenario& scenario, std::string_view metric, double value,
                     bool with_count_unit = true);
std::string kpi_interval_text(const Scenario& scenario, std::string_view metric, double mean,
                              double half_width, bool with_count_unit = true);
std::string kpi_difference_interval_text(const Scenario& scenario, std::string_view metric,
                                         double difference, double half_width,
                                         bool with_count_unit = true);

}  // namespace surge
