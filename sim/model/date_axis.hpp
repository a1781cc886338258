#pragma once
// Calendar dates on the model's time axis. Model time is hours from time 0; with a scenario
// `start_date`, time 0 is that date at 00:00 and every time point may be written as an ISO date
// ("2026-11-27") or date-time ("2026-11-27T06:00") as well as a duration from the start
// ("57d"). Without a start date, time 0 is a Monday and only durations are time points. The
// weekday of every day (calendars, weekly profiles, staffing patterns) comes from here, so it
// follows the start date everywhere at once. Dates use the C++20 <chrono> calendar (proleptic
// Gregorian, no time zones: a scenario's clock is local time without daylight saving).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "surge/kernel/time.hpp"
#include "surge/model/units.hpp"

namespace surge {

class DateAxis {
 public:
  // No start date: time 0 is a Monday 00:00; dates cannot be written or shown.
  DateAxis() = default;
  explicit DateAxis(std::chrono::year_month_day start);

  bool has_dates() const { return start_.has_value(); }
  // The start date as written in ISO form ("2026-10-01"); empty without one.
  std::string start_text() const;

  // Weekday of model day `day` (day k covers [24k, 24k + 24) hours): 0 = Monday ... 6 = Sunday.
  // Inline: calendars and weekly demand profiles ask for every contact and order.
  int weekday_of_day(long day) const {
    return static_cast<int>((((day + first_weekday_) % 7) + 7) % 7);
  }
  int weekday_at(Time t) const;

  // The calendar date of time `t`, "2026-11-27"; with `clock`, "2026-11-27 06:00".
  // Requires has_dates().
  std::string date_text(Time t, bool clock = false) const;

  // A time point: a duration from time 0 ("57d", "36h") or, with a start date, an ISO date
  // ("2026-11-27") or date-time ("2026-11-27T06:00", "2026-11-27 06:00", seconds allowed).
  // On failure the error says what was wrong and what would be valid (the loader adds the
  // position). A date before the start date is an error: time points are never negative.
  ParseResult parse_time_point(std::string_view text) const;

  // Does `text` look like a date (starts with four digits and a dash)? Used to explain a date
  // written where only a duration is allowed.
  static bool looks_like_date(std::string_view text);

  // An ISO date alone ("2026-10-01"), for `start_date` itself.
  static std::optional<std::chrono::year_month_day> parse_date(std::string_view text,
                                                               std::string* error);

 private:
  std::optional<std::chrono::sys_days> start_;
  long first_weekday_ = 0;  // weekday of day 0 (0 = Monday), worked out once from start_
};

}  // namespace surge
