#pragma once
// Parsing of quantities that carry a unit: durations ("250ms", "90s", "15min", "4h", "3d", "2w")
// and rates ("800/d", "12/h", "1/180d"). Internally every time is in hours and every rate is per
// hour. Plain string functions: the YAML loader adds file, line and column to the errors.
#include <optional>
#include <string>
#include <string_view>

#include "surge/kernel/time.hpp"

namespace surge {

struct ParseResult {
  std::optional<double> value;
  std::string error;  // set when value is empty: what was wrong and what would be valid
};

// "4h" -> 4.0, "3d" -> 72.0. A bare number is an error (a duration must carry its unit).
ParseResult parse_duration(std::string_view text);
// "800/d" -> 800/24 per hour; "1/180d" -> 1/(180*24). A bare number is an error.
ParseResult parse_rate(std::string_view text);
// A time of day "06:30" -> 6.5 hours; "24:00" is allowed as an end of day.
ParseResult parse_clock(std::string_view text);
// A plain number ("12", "0.5", "1e3"); nothing for text that is not one, and for a number
// beyond the range of a double (1e400).
std::optional<double> parse_number(std::string_view text);
// Whether `text` is written as a number but lies beyond the range of a double ("1e400"), so a
// message can say "out of range" rather than "not a number".
bool is_out_of_range_number(std::string_view text);

// Formats hours compactly and exactly, as a scenario would write it (it parses back):
// 36 -> "1.5d", 0.25 -> "15min", half a second -> "500ms". For messages that quote a duration the
// user wrote.
std::string format_duration(Time hours);

// The one display form of a duration in every printed result (terminal and, mirrored by
// analysis/surge_analysis/units.py, the report): the largest unit of ms, s, min, h, d that keeps
// the number at least 1, three significant digits (no exponent), a space before the unit:
// 0.18722 -> "11.2 min", 83.04 -> "3.46 d", 4 -> "4 h", 2880 -> "120 d", 0.25 s -> "250 ms".
// Zero is "0 s", NaN "n/a".
std::string readable_duration(Time hours);
// The unit readable_duration picks for a value ("d" and 24, "h" and 1, "min", "s", "ms"): for
// showing several durations (a mean and its interval) in one unit.
struct DurationUnit {
  const char* name;
  Time hours;
};
DurationUnit readable_unit(Time hours);
// A number in that style: three significant digits, no exponent, at least the integer part
// (1234.5 -> "1235", 0.000123 -> "0.000123").
std::string readable_number(double value);
// A rate per hour, shown per hour when at least 1/h, else per day: 9.9 -> "9.9/h",
// 0.4167 -> "10/d".
std::string readable_rate(double per_hour);

// Sanity limits of every value read from a scenario (docs/reliability.md, "Sanity limits"): far
// beyond any real study, close enough that sums and products of them stay finite and exact
// enough (durations added to time points, rates times horizons, quantities times BOMs).
inline constexpr double kMaxPlainNumber = 1e15;          // |x| of a plain number
inline constexpr Time kMaxDuration = 1000 * 365 * kDay;  // 1000 years, in hours
inline constexpr double kMaxRate = 1e15;                 // per hour

inline constexpr const char* kDurationUnits =
    "ms, s, min, h, d or w (e.g. 250ms, 90s, 15min, 4h, 3d, 2w)";

}  // namespace surge
