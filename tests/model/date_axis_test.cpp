// Dates on the model's time axis (model/date_axis.hpp): time 0 is the start date's midnight;
// time points may be durations or ISO dates; weekdays follow the start date.
#include "surge/model/date_axis.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

namespace surge {
namespace {

using namespace std::chrono;

DateAxis from(int y, unsigned m, unsigned d) {
  return DateAxis(year_month_day{year{y}, month{m}, day{d}});
}

std::string error_of(const ParseResult& r) { return r.value ? "(no error)" : r.error; }

TEST_CASE("without a start date time 0 is a Monday and only durations are time points") {
  DateAxis axis;
  CHECK_FALSE(axis.has_dates());
  CHECK(axis.weekday_of_day(0) == 0);
  CHECK(axis.weekday_of_day(6) == 6);
  CHECK(axis.weekday_of_day(7) == 0);
  CHECK(axis.weekday_of_day(-1) == 6);
  CHECK(axis.parse_time_point("57d").value == Approx(57 * 24.0));
  ParseResult date = axis.parse_time_point("2026-11-27");
  REQUIRE_FALSE(date.value);
  CHECK_THAT(date.error, Catch::Contains("no `start_date`") && Catch::Contains("57d"));
}

TEST_CASE("with a start date weekdays follow it and dates count from its midnight") {
  DateAxis axis = from(2026, 10, 1);  // a Thursday
  REQUIRE(axis.has_dates());
  CHECK(axis.start_text() == "2026-10-01");
  CHECK(axis.weekday_of_day(0) == 3);
  CHECK(axis.weekday_of_day(4) == 0);  // 2026-10-05 is a Monday
  CHECK(axis.weekday_at(4 * 24.0 - 1e-6) == 6);
  CHECK(axis.parse_time_point("2026-10-01").value == Approx(0.0));
  CHECK(axis.parse_time_point("2026-11-27").value == Approx(57 * 24.0));
  CHECK(axis.parse_time_point("2026-11-27T06:00").value == Approx(57 * 24.0 + 6));
  CHECK(axis.parse_time_point(" 2026-11-27 06:30 ").value == Approx(57 * 24.0 + 6.5));
  CHECK(axis.parse_time_point("2026-11-27T06:00:36").value == Approx(57 * 24.0 + 6.01));
  CHECK(axis.parse_time_point("2027-01-01").value == Approx(92 * 24.0));  // across a year end
  CHECK(axis.parse_time_point("3d").value == Approx(72.0));               // durations still work
}

TEST_CASE("leap years and month lengths come from the calendar library") {
  DateAxis axis = from(2028, 2, 1);
  CHECK(axis.parse_time_point("2028-02-29").value == Approx(28 * 24.0));
  CHECK(axis.parse_time_point("2028-03-01").value == Approx(29 * 24.0));
  CHECK(axis.date_text(29 * 24.0) == "2028-03-01");
  CHECK_THAT(error_of(from(2026, 1, 1).parse_time_point("2026-02-29")),
             Catch::Contains("February 2026 has 28 days"));
}

TEST_CASE("bad dates say what was wrong and what would be valid") {
  DateAxis axis = from(2026, 10, 1);
  CHECK_THAT(error_of(axis.parse_time_point("2026-02-30")),
             Catch::Contains("not a date") && Catch::Contains("February 2026 has 28 days"));
  CHECK_THAT(error_of(axis.parse_time_point("2026-13-01")),
             Catch::Contains("month must be 01 to 12"));
  CHECK_THAT(error_of(axis.parse_time_point("2026-09-30")),
             Catch::Contains("before `start_date` (2026-10-01)"));
  CHECK_THAT(error_of(axis.parse_time_point("2026-11-27T25:00")),
             Catch::Contains("00:00 to 23:59"));
  CHECK_THAT(error_of(axis.parse_time_point("2026-11-2")), Catch::Contains("YYYY-MM-DD"));
  CHECK_THAT(error_of(axis.parse_time_point("2026-11-27X06:00")), Catch::Contains("YYYY-MM-DD"));
  CHECK_THAT(error_of(axis.parse_time_point("soon")),
             Catch::Contains("not a duration") && Catch::Contains("2026-11-27"));
}

TEST_CASE("start_date is a date alone") {
  std::string error;
  auto d = DateAxis::parse_date("2026-10-01", &error);
  REQUIRE(d);
  CHECK(*d == year_month_day{year{2026}, month{10}, day{1}});
  CHECK_FALSE(DateAxis::parse_date("2026-10-01T06:00", &error));
  CHECK_THAT(error, Catch::Contains("date alone"));
  CHECK_FALSE(DateAxis::parse_date("2026-04-31", &error));
  CHECK_THAT(error, Catch::Contains("April 2026 has 30 days"));
}

TEST_CASE("model times print as dates with or without the time of day") {
  DateAxis axis = from(2026, 10, 1);
  CHECK(axis.date_text(0) == "2026-10-01");
  CHECK(axis.date_text(57 * 24.0 + 6.5, true) == "2026-11-27 06:30");
  CHECK(axis.date_text(57 * 24.0 + 23.999, true) == "2026-11-27 24:00");
  CHECK(DateAxis().date_text(5).empty());
}

}  // namespace
}  // namespace surge
