#include "surge/model/units.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace surge {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// A millisecond in hours: service and contact times of automated steps (an IVR prompt, a
// scanner) are written in ms.
constexpr Time kMillisecond = kSecond / 1000.0;

std::optional<double> unit_in_hours(std::string_view unit) {
  if (unit == "ms") return kMillisecond;
  if (unit == "s" || unit == "sec") return kSecond;
  if (unit == "min") return kMinute;
  if (unit == "h") return kHour;
  if (unit == "d") return kDay;
  if (unit == "w") return kWeek;
  return std::nullopt;
}

// Splits "12.5min" into 12.5 and "min". An empty number part means 1 ("/d" == "/1d").
bool split_number_unit(std::string_view text, double& number, std::string_view& unit) {
  text = trim(text);
  std::size_t i = 0;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.' ||
                             text[i] == '-' || text[i] == '+' ||
                             ((text[i] == 'e' || text[i] == 'E') && i > 0 && i + 1 < text.size() &&
                              (std::isdigit(static_cast<unsigned char>(text[i + 1])) ||
                               text[i + 1] == '-' || text[i + 1] == '+'))))
    ++i;
  if (i == 0) {
    number = 1.0;
  } else {
    auto n = parse_number(text.substr(0, i));
    if (!n) return false;
    number = *n;
  }
  unit = trim(text.substr(i));
  return true;
}

}  // namespace

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  double value = 0.0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

bool is_out_of_range_number(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0.0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc::result_out_of_range || end != text.data() + text.size()) return false;
  // Too large, not too small: 1e-400 underflows towards 0 and is a different mistake.
  std::string copy(text);
  return std::isinf(std::strtod(copy.c_str(), nullptr));
}

ParseResult parse_duration(std::string_view text) {
  std::string shown(trim(text));
  if (parse_number(text))
    return {std::nullopt, "duration `" + shown + "` has no unit; write it with one of " +
                              std::string(kDurationUnits)};
  double number = 0;
  std::string_view unit;
  std::string_view body = trim(text);
  // A number first: digits, or a point and digits (".5d" is half a day, as .5 is a half).
  bool starts_as_number =
      !body.empty() && (std::isdigit(static_cast<unsigned char>(body.front())) ||
                        (body.front() == '.' && body.size() > 1 &&
                         std::isdigit(static_cast<unsigned char>(body[1]))));
  if (!starts_as_number || !split_number_unit(text, number, unit)) {
    std::size_t number_end = trim(text).find_first_not_of("0123456789.eE+-");
    if (starts_as_number && is_out_of_range_number(trim(text).substr(0, number_end)))
      return {std::nullopt, "duration `" + shown + "` is out of range: at most " +
                                format_duration(kMaxDuration) + " (1000 years)"};
    return {std::nullopt,
            "`" + shown + "` is not a duration; expected a number and a unit: " + kDurationUnits};
  }
  auto scale = unit_in_hours(unit);
  if (!scale)
    return {std::nullopt, "unknown time unit `" + std::string(unit) + "` in `" + shown +
                              "`; valid units: " + kDurationUnits};
  // Beyond 1000 years a duration is a typo, and further still it overflows once in hours.
  double hours = number * *scale;
  if (!(std::fabs(hours) <= kMaxDuration))
    return {std::nullopt, "duration `" + shown + "` is out of range: at most " +
                              format_duration(kMaxDuration) + " (1000 years)"};
  return {hours, {}};
}

ParseResult parse_rate(std::string_view text) {
  std::string shown(trim(text));
  auto slash = text.find('/');
  if (slash == std::string_view::npos) {
    if (parse_number(text))
      return {
          std::nullopt,
          "rate `" + shown + "` has no time unit; write it per unit of time, e.g. 800/d or 12/h"};
    return {std::nullopt, "`" + shown + "` is not a rate; expected e.g. 800/d, 12/h or 1/180d"};
  }
  auto count = parse_number(text.substr(0, slash));
  if (!count && is_out_of_range_number(text.substr(0, slash)))
    return {std::nullopt, "rate `" + shown + "` is out of range"};
  if (!count)
    return {std::nullopt,
            "`" + shown + "` is not a rate; expected a number before `/`, e.g. 800/d"};
  double per_number = 0;
  std::string_view unit;
  std::string_view per = trim(text.substr(slash + 1));
  if (!split_number_unit(per, per_number, unit))
    return {std::nullopt, "`" + shown + "` is not a rate; expected e.g. 800/d, 12/h or 1/180d"};
  auto scale = unit_in_hours(unit);
  if (!scale)
    return {std::nullopt, "unknown time unit `" + std::string(unit) + "` in rate `" + shown +
                              "`; valid units: " + kDurationUnits};
  if (per_number <= 0)
    return {std::nullopt, "rate `" + shown + "` divides by a zero or negative time"};
  if (*count < 0) return {std::nullopt, "rate `" + shown + "` must not be negative"};
  double rate = *count / (per_number * *scale);
  if (!(rate <= kMaxRate))
    return {std::nullopt, "rate `" + shown + "` is out of range: at most 1e15/h"};
  return {rate, {}};
}

ParseResult parse_clock(std::string_view text) {
  std::string shown(trim(text));
  text = trim(text);
  auto colon = text.find(':');
  if (colon == std::string_view::npos)
    return {std::nullopt, "`" + shown + "` is not a time of day; expected HH:MM, e.g. 06:00"};
  auto hours = parse_number(text.substr(0, colon));
  auto minutes = parse_number(text.substr(colon + 1));
  if (!hours || !minutes || *hours < 0 || *hours > 24 || *minutes < 0 || *minutes >= 60 ||
      std::floor(*hours) != *hours || std::floor(*minutes) != *minutes ||
      (*hours == 24 && *minutes != 0))
    return {std::nullopt,
            "`" + shown + "` is not a time of day; expected HH:MM between 00:00 and 24:00"};
  return {*hours + *minutes / 60.0, {}};
}

std::string format_duration(Time hours) {
  char buf[64];
  double a = std::fabs(hours);
  if (a >= kDay)
    std::snprintf(buf, sizeof buf, "%gd", hours / kDay);
  else if (a >= 1.0)
    std::snprintf(buf, sizeof buf, "%gh", hours);
  else if (a >= kMinute)
    std::snprintf(buf, sizeof buf, "%gmin", hours / kMinute);
  else if (a >= kSecond)
    std::snprintf(buf, sizeof buf, "%gs", hours / kSecond);
  else if (a >= kMillisecond)
    std::snprintf(buf, sizeof buf, "%gms", hours / kMillisecond);
  else  // zero, and beneath a millisecond, where seconds in exponent form read better
    std::snprintf(buf, sizeof buf, "%gs", hours / kSecond);
  return buf;
}

std::string readable_number(double value) {
  if (std::isnan(value)) return "n/a";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  double a = std::fabs(value);
  char buf[64];
  if (a >= 100 || a == 0) {
    std::snprintf(buf, sizeof buf, "%.0f", value);
  } else {
    // Three significant digits: decimals = 2 - floor(log10(a)), trailing zeros trimmed.
    int decimals = std::max(0, 2 - static_cast<int>(std::floor(std::log10(a))));
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
      s.erase(s.find_last_not_of('0') + 1);
      if (s.back() == '.') s.pop_back();
    }
    // Rounding can reach the next power of ten (99.96 -> "100.0" -> "100"): fine as is.
    return s == "-0" ? "0" : s;
  }
  std::string s = buf;
  return s == "-0" ? "0" : s;
}

DurationUnit readable_unit(Time hours) {
  double a = std::fabs(hours);
  // The unit is chosen on the value rounded as it will print, so 0.99995 h shows as "1 h",
  // not "60 min".
  auto fits = [](double x) { return std::isfinite(x) && std::stod(readable_number(x)) >= 1.0; };
  if (fits(a / kDay)) return {"d", kDay};
  if (fits(a)) return {"h", kHour};
  if (fits(a / kMinute)) return {"min", kMinute};
  // Zero keeps "0 s": a zero wait reads as none, not as a millisecond quantity.
  if (fits(a / kSecond) || a == 0) return {"s", kSecond};
  return {"ms", kMillisecond};
}

std::string readable_duration(Time hours) {
  if (std::isnan(hours)) return "n/a";
  DurationUnit unit = readable_unit(hours);
  return readable_number(hours / unit.hours) + " " + unit.name;
}

std::string readable_rate(double per_hour) {
  if (std::isnan(per_hour)) return "n/a";
  if (std::fabs(per_hour) >= 1.0 || per_hour == 0) return readable_number(per_hour) + "/h";
  return readable_number(per_hour * kDay) + "/d";
}

}  // namespace surge
