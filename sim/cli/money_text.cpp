#include "surge/cli/money_text.hpp"

#include "surge/metrics/kpi_units.hpp"

namespace surge {
namespace {

bool is_money(std::string_view metric) { return kpi_unit(metric) == KpiUnit::money; }

}  // namespace

std::string with_currency(const Scenario& s, std::string text) {
  if (s.currency.empty() || text.empty() || text == "-" || text == "n/a") return text;
  return text + " " + s.currency;
}

std::string money_text(const Scenario& s, double value) {
  return with_currency(s, grouped_number(value));
}

std::string kpi_text(const Scenario& s, std::string_view metric, double value,
                     bool with_count_unit) {
  std::string text = format_kpi(metric, value, with_count_unit);
  return is_money(metric) ? with_currency(s, text) : text;
}

std::string kpi_interval_text(const Scenario& s, std::string_view metric, double mean,
                              double half_width, bool with_count_unit) {
  std::string text = format_kpi_interval(metric, mean, half_width, with_count_unit);
  return is_money(metric) ? with_currency(s, text) : text;
}

std::string kpi_difference_interval_text(const Scenario& s, std::string_view metric,
                                         double difference, double half_width,
                                         bool with_count_unit) {
  std::string text =
      format_kpi_difference_interval(metric, difference, half_width, with_count_unit);
  return is_money(metric) ? with_currency(s, text) : text;
}

}  // namespace surge
