#include "surge/model/date_axis.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace surge {
namespace {

using namespace std::chrono;

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Reads exactly `width` digits at `pos`; false if any is not a digit.
bool digits(std::string_view s, std::size_t pos, std::size_t width, int& out) {
  if (pos + width > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

const char* kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                             "July",    "August",   "September", "October", "November", "December"};

std::string iso(year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

constexpr const char* kDateForms =
    "YYYY-MM-DD or YYYY-MM-DDTHH:MM (e.g. 2026-11-27, 2026-11-27T06:00)";

// A date with an optional time of day, in hours after that date's midnight.
struct DateTime {
  year_month_day date;
  Time hour_of_day = 0;
};

std::optional<DateTime> parse_date_time(std::string_view text, std::string* error) {
  auto fail = [&](const std::string& why) -> std::optional<DateTime> {
    if (error) *error = why;
    return std::nullopt;
  };
  std::string shown(text);
  int y = 0, m = 0, d = 0;
  if (!(digits(text, 0, 4, y) && text.size() >= 10 && text[4] == '-' && digits(text, 5, 2, m) &&
        text[7] == '-' && digits(text, 8, 2, d)))
    return fail("`" + shown + "` is not a date; expected " + kDateForms);
  if (m < 1 || m > 12) return fail("`" + shown + "` is not a date: the month must be 01 to 12");
  year_month_day date{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!date.ok()) {
    unsigned last = static_cast<unsigned>(
        year_month_day_last{year{y}, month_day_last{month{static_cast<unsigned>(m)}}}.day());
    return fail("`" + shown + "` is not a date: " + kMonthNames[m - 1] + " " + std::to_string(y) +
                " has " + std::to_string(last) + " days");
  }
  DateTime out{date, 0};
  if (text.size() == 10) return out;
  std::string_view rest = text.substr(10);
  int hh = 0, mm = 0, ss = 0;
  if (!((rest[0] == 'T' || rest[0] == ' ') && digits(rest, 1, 2, hh) && rest.size() >= 6 &&
        rest[3] == ':' && digits(rest, 4, 2, mm)))
    return fail("`" + shown + "` is not a date; expected " + kDateForms);
  if (rest.size() == 9 && rest[6] == ':' && digits(rest, 7, 2, ss)) {
    // seconds given
  } else if (rest.size() != 6) {
    return fail("`" + shown + "` is not a date; expected " + kDateForms);
  }
  if (hh > 23 || mm > 59 || ss > 59)
    return fail("`" + shown + "` is not a date: the time of day must be 00:00 to 23:59");
  out.hour_of_day = hh + mm * kMinute + ss * kSecond;
  return out;
}

}  // namespace

// Without a start date day 0 is a Monday; iso_encoding() is 1 (Monday) ... 7 (Sunday).
DateAxis::DateAxis(year_month_day start)
    : start_(sys_days{start}),
      first_weekday_(static_cast<long>(weekday{sys_days{start}}.iso_encoding()) - 1) {}

std::string DateAxis::start_text() const { return start_ ? iso(year_month_day{*start_}) : ""; }

int DateAxis::weekday_at(Time t) const {
  return weekday_of_day(static_cast<long>(std::floor(t / kDay)));
}

std::string DateAxis::date_text(Time t, bool clock) const {
  if (!start_) return "";
  auto day_index = static_cast<long>(std::floor(t / kDay));
  std::string out = iso(year_month_day{*start_ + days{day_index}});
  if (clock) {
    // Rounded to the minute, carried into the hour (23:59:59.9 shows as 24:00 rather than 23:60).
    auto minutes = static_cast<long>(std::lround((t - static_cast<double>(day_index) * kDay) * 60));
    char buf[48];
    std::snprintf(buf, sizeof buf, " %02ld:%02ld", minutes / 60, minutes % 60);
    out += buf;
  }
  return out;
}

bool DateAxis::looks_like_date(std::string_view text) {
  text = trim(text);
  int y = 0;
  return digits(text, 0, 4, y) && text.size() > 4 && text[4] == '-';
}

std::optional<year_month_day> DateAxis::parse_date(std::string_view text, std::string* error) {
  text = trim(text);
  auto parsed = parse_date_time(text, error);
  if (!parsed) return std::nullopt;
  if (text.size() != 10) {
    if (error)
      *error = "`" + std::string(text) +
               "` has a time of day; `start_date` is a date alone (YYYY-MM-DD): time 0 is its "
               "midnight";
    return std::nullopt;
  }
  return parsed->date;
}

ParseResult DateAxis::parse_time_point(std::string_view text) const {
  text = trim(text);
  std::string shown(text);
  if (!looks_like_date(text)) {
    ParseResult duration = parse_duration(text);
    if (!duration.value && start_)
      duration.error += "; or a date such as 2026-11-27 or 2026-11-27T06:00";
    return duration;
  }
  std::string error;
  auto parsed = parse_date_time(text, &error);
  if (!parsed) return {std::nullopt, error};
  if (!start_)
    return {std::nullopt, "`" + shown +
                              "` is a date, but the scenario has no `start_date`: add one at the "
                              "top (e.g. `start_date: 2026-10-01`, time 0 is then its midnight) "
                              "or write a duration from the start such as 57d"};
  long day_index = (sys_days{parsed->date} - *start_).count();
  if (day_index < 0)
    return {std::nullopt, "`" + shown + "` is before `start_date` (" + start_text() +
                              "); a time point must be on or after the start date"};
  return {static_cast<double>(day_index) * kDay + parsed->hour_of_day, {}};
}

}  // namespace surge
