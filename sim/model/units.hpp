#pragma once
// Parsing of quantities that carry a unit: durations ("90s", "15min", "4h", "3d", "2w") and
// rates ("800/d", "12/h", "1/180d"). Internally every time is in hours and every rate is per
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
// A plain number ("12", "0.5", "1e3").
std::optional<double> parse_number(std::string_view text);

// Formats hours for messages and summaries: 36 -> "1.5d", 0.25 -> "15min".
std::string format_duration(Time hours);

inline constexpr const char* kDurationUnits = "s, min, h, d or w (e.g. 90s, 15min, 4h, 3d, 2w)";

}  // namespace surge
