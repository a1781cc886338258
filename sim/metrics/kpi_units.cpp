#include "surge/metrics/kpi_units.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

#include "surge/metrics/kpi_metrics.hpp"
#include "surge/model/units.hpp"

namespace surge {
namespace {

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// A percentage with one decimal, so that a column of them lines up and reads alike:
// 0.9534 -> "95.3", 0.77 -> "77.0".
std::string percent_number(double ratio) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f", ratio * 100);
  std::string s = buf;
  return s == "-0.0" ? "0.0" : s;
}

// A mean and its half-width with the same decimals: the mean's three significant digits, or more
// when the half-width would round to nothing ("2.50 ± 0.04", "2.5000 ± 0.0004", "1235 ± 17").
std::pair<std::string, std::string> same_decimals(double mean, double hw) {
  auto decimals_for = [](double x) {
    double a = std::fabs(x);
    return a >= 100 || a == 0 ? 0 : std::max(0, 2 - static_cast<int>(std::floor(std::log10(a))));
  };
  int decimals = mean == 0 ? decimals_for(hw) : decimals_for(mean);
  if (hw > 0 && hw < 0.5 * std::pow(10.0, -decimals))
    decimals = std::min(10, static_cast<int>(std::ceil(-std::log10(hw))));
  char m[64], h[64];
  std::snprintf(m, sizeof m, "%.*f", decimals, mean);
  std::snprintf(h, sizeof h, "%.*f", decimals, hw);
  return {m, h};
}

std::string signed_text(double value, const std::string& text) {
  return (value > 0 ? "+" : "") + text;
}

}  // namespace

KpiUnit unit_named(std::string_view name) {
  for (KpiUnit u : {KpiUnit::share, KpiUnit::multiple, KpiUnit::hours, KpiUnit::units,
                    KpiUnit::orders, KpiUnit::contacts, KpiUnit::jobs, KpiUnit::money})
    if (name == unit_name(u)) return u;
  return KpiUnit::none;
}

KpiUnit kpi_unit(std::string_view m) {
  // A target-able metric's unit is its declaration's (metrics/kpi_metrics.cpp).
  if (const KpiMetric* declared = find_target_metric(m)) return unit_named(declared->unit);
  if (m == "fill_rate" || m == "order_fill_rate" || m == "otif" || m == "service_level" ||
      m == "abandonment_rate" || m == "utilisation" || m == "wait_probability")
    return KpiUnit::share;
  if (m == "bullwhip_ratio") return KpiUnit::multiple;
  if (ends_with(m, "lead_time") || m == "mean_wait" || m == "mean_wait_all") return KpiUnit::hours;
  if (m == "demand_units" || m == "backordered_units" || m == "lost_sales" || m == "on_hand" ||
      m == "on_order" || m == "mean_backlog" || m == "max_backlog")
    return KpiUnit::units;
  if (m == "demand_orders" || m == "backorders" || m == "lost_orders") return KpiUnit::orders;
  if (m == "contacts" || m == "answered" || m == "abandoned") return KpiUnit::contacts;
  if (m == "mean_queue" || m == "jobs_started" || m == "jobs_abandoned") return KpiUnit::jobs;
  if (m == "revenue" || m == "campaign_margin" || ends_with(m, "_cost")) return KpiUnit::money;
  return KpiUnit::none;
}

const char* unit_name(KpiUnit unit) {
  switch (unit) {
    case KpiUnit::share: return "share";
    case KpiUnit::multiple: return "multiple";
    case KpiUnit::hours: return "hours";
    case KpiUnit::units: return "units";
    case KpiUnit::orders: return "orders";
    case KpiUnit::contacts: return "contacts";
    case KpiUnit::jobs: return "jobs";
    case KpiUnit::money: return "money";
    case KpiUnit::none: return "";
  }
  return "";
}

std::string grouped_number(double v) {
  if (std::isnan(v)) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  std::string digits = buf, out;
  bool negative = !digits.empty() && digits[0] == '-';
  if (negative) digits.erase(0, 1);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (negative && out != "0" ? "-" : "") + out;
}

std::string format_kpi(std::string_view metric, double v, bool with_count_unit) {
  if (std::isnan(v)) return "n/a";
  KpiUnit unit = kpi_unit(metric);
  switch (unit) {
    case KpiUnit::share: return percent_number(v) + "%";
    case KpiUnit::multiple: return readable_number(v) + "x";
    case KpiUnit::hours: return readable_duration(v);
    case KpiUnit::money: return grouped_number(v);
    case KpiUnit::units:
    case KpiUnit::orders:
    case KpiUnit::contacts:
    case KpiUnit::jobs: {
      // Counts are whole; time averages (on hand, queues) keep three significant digits.
      std::string n = std::fabs(v) >= 1000 ? grouped_number(v) : readable_number(v);
      return with_count_unit ? n + " " + unit_name(unit) : n;
    }
    case KpiUnit::none: return readable_number(v);
  }
  return readable_number(v);
}

std::string format_threshold(std::string_view metric, double value) {
  std::string text = format_kpi(metric, value);
  if (kpi_unit(metric) == KpiUnit::share && text.size() > 3 &&
      text.compare(text.size() - 3, 3, ".0%") == 0)
    text.erase(text.size() - 3, 2);  // "95.0%" -> "95%"
  return text;
}

std::string format_kpi_interval(std::string_view metric, double mean, double hw,
                                bool with_count_unit) {
  if (std::isnan(mean)) return "n/a";
  if (!std::isfinite(hw)) return format_kpi(metric, mean, with_count_unit);
  KpiUnit unit = kpi_unit(metric);
  switch (unit) {
    case KpiUnit::share: return percent_number(mean) + "% ± " + percent_number(hw) + " pp";
    case KpiUnit::hours: {
      DurationUnit u = readable_unit(mean);
      auto [m, h] = same_decimals(mean / u.hours, hw / u.hours);
      return m + " ± " + h + " " + u.name;
    }
    case KpiUnit::money: return grouped_number(mean) + " ± " + grouped_number(hw);
    case KpiUnit::multiple: {
      auto [m, h] = same_decimals(mean, hw);
      return m + "x ± " + h;
    }
    case KpiUnit::none: {
      auto [m, h] = same_decimals(mean, hw);
      return m + " ± " + h;
    }
    default: {
      std::string text;
      if (std::fabs(mean) >= 1000) {
        text = grouped_number(mean) + " ± " + grouped_number(hw);
      } else {
        auto [m, h] = same_decimals(mean, hw);
        text = m + " ± " + h;
      }
      return with_count_unit ? text + " " + unit_name(unit) : text;
    }
  }
}

std::string format_kpi_difference_interval(std::string_view metric, double d, double hw,
                                           bool with_count_unit) {
  if (std::isnan(d)) return "n/a";
  if (!std::isfinite(hw)) return format_kpi_difference(metric, d, with_count_unit);
  std::string sign = d > 0 ? "+" : "";
  switch (kpi_unit(metric)) {
    case KpiUnit::share: return sign + percent_number(d) + " ± " + percent_number(hw) + " pp";
    default: return sign + format_kpi_interval(metric, d, hw, with_count_unit);
  }
}

std::string format_kpi_difference(std::string_view metric, double d, bool with_count_unit) {
  if (std::isnan(d)) return "n/a";
  if (kpi_unit(metric) == KpiUnit::share) return signed_text(d, percent_number(d)) + " pp";
  return signed_text(d, format_kpi(metric, d, with_count_unit));
}

}  // namespace surge
