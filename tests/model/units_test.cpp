// Quantities with units: every duration and rate in a scenario carries its unit, and a wrong
// one is an error that says what would be valid.
#include "surge/model/units.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "surge/kernel/time.hpp"

namespace surge {
namespace {

double duration(const char* text) {
  ParseResult r = parse_duration(text);
  INFO("parse_duration(\"" << text << "\"): " << r.error);
  REQUIRE(r.value.has_value());
  CHECK(r.error.empty());
  return *r.value;
}

double rate(const char* text) {
  ParseResult r = parse_rate(text);
  INFO("parse_rate(\"" << text << "\"): " << r.error);
  REQUIRE(r.value.has_value());
  return *r.value;
}

double clock(const char* text) {
  ParseResult r = parse_clock(text);
  INFO("parse_clock(\"" << text << "\"): " << r.error);
  REQUIRE(r.value.has_value());
  return *r.value;
}

std::string duration_error(const char* text) {
  ParseResult r = parse_duration(text);
  INFO("parse_duration(\"" << text << "\") should fail");
  REQUIRE_FALSE(r.value.has_value());
  REQUIRE_FALSE(r.error.empty());
  return r.error;
}

std::string rate_error(const char* text) {
  ParseResult r = parse_rate(text);
  INFO("parse_rate(\"" << text << "\") should fail");
  REQUIRE_FALSE(r.value.has_value());
  REQUIRE_FALSE(r.error.empty());
  return r.error;
}

std::string clock_error(const char* text) {
  ParseResult r = parse_clock(text);
  INFO("parse_clock(\"" << text << "\") should fail");
  REQUIRE_FALSE(r.value.has_value());
  REQUIRE_FALSE(r.error.empty());
  return r.error;
}

}  // namespace

TEST_CASE("the internal time unit is the hour", "[model][units]") {
  CHECK(kHour == 1.0);
  CHECK(kDay == 24.0);
  CHECK(kWeek == 168.0);
  CHECK(kMinute * 60 == Approx(1.0));
  CHECK(kSecond * 3600 == Approx(1.0));
}

TEST_CASE("durations in every unit convert to hours", "[model][units]") {
  CHECK(duration("90s") == Approx(90.0 / 3600.0));
  CHECK(duration("90sec") == Approx(90.0 / 3600.0));
  CHECK(duration("15min") == Approx(0.25));
  CHECK(duration("4h") == 4.0);
  CHECK(duration("3d") == 72.0);
  CHECK(duration("2w") == 336.0);
  CHECK(duration("1.5d") == 36.0);
  CHECK(duration("0.5h") == 0.5);
  CHECK(duration("0h") == 0.0);
  CHECK(duration("1e3s") == Approx(1000.0 / 3600.0));
  CHECK(duration("2.5e-1h") == Approx(0.25));
}

TEST_CASE("milliseconds are a duration unit: 1000ms is one second", "[model][units]") {
  CHECK(duration("1000ms") == Approx(kSecond));
  CHECK(duration("250ms") == Approx(0.25 * kSecond));
  CHECK(duration("250 ms") == Approx(0.25 * kSecond));
  CHECK(duration("3600000ms") == Approx(kHour));
  CHECK(duration("0ms") == 0.0);
  // A rate per millisecond reads like any other: 1 per 500 ms is 7200 per hour.
  CHECK(rate("1/500ms") == Approx(7200.0));
  CHECK(rate("2/ms") == Approx(2.0 * 3600.0 * 1000.0));
}

TEST_CASE("durations tolerate surrounding and inner spaces", "[model][units]") {
  CHECK(duration("  4h ") == 4.0);
  CHECK(duration("4 h") == 4.0);
  CHECK(duration("15 min") == Approx(0.25));
}

TEST_CASE("a duration without a unit is an error that names the units", "[model][units]") {
  for (const char* bare : {"12", "0", "4.5", " 7 "}) {
    std::string e = duration_error(bare);
    CHECK_THAT(e, Catch::Contains("no unit"));
    CHECK_THAT(e, Catch::Contains(kDurationUnits));
  }
}

TEST_CASE("an unknown duration unit is an error listing the valid ones", "[model][units]") {
  for (const char* text : {"3days", "5m", "2hours", "1y", "4H", "10MS", "10msec", "4h30min"}) {
    std::string e = duration_error(text);
    CHECK_THAT(e, Catch::Contains("unknown time unit"));
    CHECK_THAT(e, Catch::Contains("s, min, h, d or w"));
  }
  CHECK_THAT(duration_error("3days"), Catch::Contains("`days`"));
}

TEST_CASE("text that is not a duration is an error", "[model][units]") {
  for (const char* text : {"", "   ", "h", "abc", "-4h", "4-3h", "1e400h", "nan h"}) {
    std::string e = duration_error(text);
    CHECK_THAT(e, Catch::Contains("duration") || Catch::Contains("unit"));
  }
}

TEST_CASE("rates in every unit convert to per hour", "[model][units]") {
  CHECK(rate("800/d") == Approx(800.0 / 24.0));
  CHECK(rate("12/h") == 12.0);
  CHECK(rate("0.5/min") == Approx(30.0));
  CHECK(rate("1/s") == Approx(3600.0));
  CHECK(rate("1/sec") == Approx(3600.0));
  CHECK(rate("21/w") == Approx(21.0 / 168.0));
  CHECK(rate("0/d") == 0.0);
}

TEST_CASE("a rate may be per a number of units: 1/180d", "[model][units]") {
  CHECK(rate("1/180d") == Approx(1.0 / (180.0 * 24.0)));
  CHECK(rate("3/2w") == Approx(3.0 / 336.0));
  CHECK(rate("1/90s") == Approx(40.0));
  CHECK(rate("5/0.5h") == Approx(10.0));
  CHECK(rate("1 / 180 d") == Approx(1.0 / (180.0 * 24.0)));
}

TEST_CASE("a rate without a time unit is an error with an example", "[model][units]") {
  std::string e = rate_error("800");
  CHECK_THAT(e, Catch::Contains("no time unit"));
  CHECK_THAT(e, Catch::Contains("800/d"));
}

TEST_CASE("a rate with an unknown unit lists the valid ones", "[model][units]") {
  for (const char* text : {"800/day", "12/hr", "1/180days", "5/m", "800/"}) {
    std::string e = rate_error(text);
    CHECK_THAT(e, Catch::Contains("s, min, h, d or w"));
  }
  CHECK_THAT(rate_error("800/day"), Catch::Contains("unknown time unit `day`"));
}

TEST_CASE("malformed rates are errors", "[model][units]") {
  for (const char* text : {"/d", "abc/d", "800/0d", "800/-2d", "inf/d", "", "x"}) rate_error(text);
  CHECK_THAT(rate_error("800/0d"), Catch::Contains("zero"));
}

TEST_CASE("a negative rate is an error", "[model][units]") {
  // Nothing in a scenario can happen a negative number of times per day; parse_duration
  // already refuses "-4h", parse_rate accepts "-5/d" (-0.208/h) today.
  rate_error("-5/d");
}

TEST_CASE("times of day parse as hours after midnight", "[model][units]") {
  CHECK(clock("00:00") == 0.0);
  CHECK(clock("06:00") == 6.0);
  CHECK(clock("06:30") == 6.5);
  CHECK(clock("22:15") == 22.25);
  CHECK(clock("07:20") == Approx(7.0 + 1.0 / 3.0));
  CHECK(clock("23:59") == Approx(24.0 - 1.0 / 60.0));
  CHECK(clock("24:00") == 24.0);  // allowed as an end of day
  CHECK(clock("6:00") == 6.0);
  CHECK(clock(" 08:00 ") == 8.0);
}

TEST_CASE("invalid times of day are errors", "[model][units]") {
  for (const char* text : {"", "6", "0600", "25:00", "24:30", "24:01", "06:60", "-1:00", "06:5.5",
                           "6.5:00", "ab:cd", "06:00:00", "06:"}) {
    std::string e = clock_error(text);
    CHECK_THAT(e, Catch::Contains("time of day"));
  }
}

TEST_CASE("format_duration picks a readable unit", "[model][units]") {
  CHECK(format_duration(0.25) == "15min");
  CHECK(format_duration(4.0) == "4h");
  CHECK(format_duration(1.0) == "1h");
  CHECK(format_duration(24.0) == "1d");
  CHECK(format_duration(72.0) == "3d");
  CHECK(format_duration(90.0 * kSecond) == "1.5min");
  CHECK(format_duration(30.0 * kSecond) == "30s");
  CHECK(format_duration(4 * kWeek) == "28d");
  CHECK(format_duration(kSecond) == "1s");
  CHECK(format_duration(0.5 * kSecond) == "500ms");
  CHECK(format_duration(0.25 * kSecond) == "250ms");
  CHECK(format_duration(0) == "0s");
  CHECK(format_duration(kSecond / 1000) == "1ms");
  CHECK(format_duration(1e-9 * kSecond) == "1e-09s");  // below a millisecond: seconds
}

TEST_CASE("format_duration shows 36 hours as 1.5d", "[model][units]") {
  CHECK(format_duration(36.0) == "1.5d");
}

TEST_CASE("readable_duration: largest fitting unit, three significant digits, a space",
          "[model][units]") {
  CHECK(readable_duration(11.2333 * kMinute) == "11.2 min");
  CHECK(readable_duration(83.04) == "3.46 d");
  CHECK(readable_duration(4.0) == "4 h");
  CHECK(readable_duration(120 * kDay) == "120 d");
  CHECK(readable_duration(1234 * kDay) == "1234 d");  // never an exponent
  CHECK(readable_duration(90 * kSecond) == "1.5 min");
  CHECK(readable_duration(0) == "0 s");
  CHECK(readable_duration(0.5 * kSecond) == "500 ms");
  CHECK(readable_duration(0.0123 * kSecond) == "12.3 ms");
  CHECK(readable_duration(kSecond) == "1 s");
  // 0.99996 s prints as 1 s (rounded as printed), not as 1000 ms.
  CHECK(readable_duration(0.99996 * kSecond) == "1 s");
  CHECK(readable_duration(-0.25 * kSecond) == "-250 ms");
  CHECK(readable_unit(0.25 * kSecond).name == std::string("ms"));
  CHECK(readable_unit(0).name == std::string("s"));
  CHECK(readable_duration(-2.5) == "-2.5 h");
  // The unit is picked on the value as printed: 59.999 min rounds to 60 min, shown as 1 h.
  CHECK(readable_duration(59.999 * kMinute) == "1 h");
  CHECK(readable_duration(std::nan("")) == "n/a");
  CHECK(readable_unit(83.04).hours == kDay);
}

TEST_CASE("readable_number and readable_rate", "[model][units]") {
  CHECK(readable_number(11.2333) == "11.2");
  CHECK(readable_number(0.000123456) == "0.000123");
  CHECK(readable_number(2.125) == "2.12");  // printf rounds the binary value half to even
  CHECK(readable_number(1234.5) == "1234");
  CHECK(readable_number(-0.0001) == "-0.0001");
  CHECK(readable_number(3.0) == "3");
  CHECK(readable_rate(9.9) == "9.9/h");
  CHECK(readable_rate(800.0 / 24) == "33.3/h");
  CHECK(readable_rate(10.0 / 24) == "10/d");
}

TEST_CASE("formatted durations parse back to the same value", "[model][units]") {
  for (Time t : {0.25, 1.0, 4.0, 24.0, 36.0, 72.0, 90.0 * kSecond, 2 * kWeek, 0.5 * kDay,
                 0.5 * kSecond, 0.125 * kSecond, 0.0}) {
    INFO("t = " << t << " formatted " << format_duration(t));
    CHECK(duration(format_duration(t).c_str()) == Approx(t));
  }
}

TEST_CASE("parse_number reads plain numbers only", "[model][units]") {
  CHECK(parse_number("12") == 12.0);
  CHECK(parse_number(" 0.5 ") == 0.5);
  CHECK(parse_number("1e3") == 1000.0);
  CHECK(parse_number("+3") == 3.0);
  CHECK(parse_number("-2.5") == -2.5);
  CHECK_FALSE(parse_number(""));
  CHECK_FALSE(parse_number("12h"));
  CHECK_FALSE(parse_number("abc"));
  CHECK_FALSE(parse_number("1e999"));
  CHECK_FALSE(parse_number("inf"));
  CHECK_FALSE(parse_number("nan"));
}

}  // namespace surge
