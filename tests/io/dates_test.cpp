// Dates in the scenario format: `start_date`, time points written as dates, weekdays that
// follow the start date, and the located errors of bad dates (docs/scenario-reference.md,
// "Dates and time points").
#include <catch2/catch.hpp>
#include <string>

#include "surge/io/scenario_loader.hpp"
#include "test_support.hpp"

namespace surge {
namespace {

using test::load_error;
using test::position_of;

// kMinimal with a start date, a calendar, a campaign and a supplier outage written as dates.
std::string dated(const std::string& start_date = "start_date: 2026-10-01\n",
                  const std::string& campaign_start = "2026-11-27",
                  const std::string& horizon = "2027-01-29") {
  return "name: t\n" + start_date + "horizon: " + horizon +
         "\n"
         "warmup: 2026-10-15\n"
         "products:\n"
         "  - {id: widget, price: 10}\n"
         "calendars:\n"
         "  week: {mon-fri: \"08:00-18:00\", holidays: [2026-12-25, 3d]}\n"
         "nodes:\n"
         "  - id: acme\n"
         "    type: supplier\n"
         "    products: {widget: {lead_time: 5d}}\n"
         "    disruptions: [{start: 2026-11-02T06:30, duration: 2d}]\n"
         "  - id: dc\n"
         "    type: warehouse\n"
         "    calendar: week\n"
         "    inventory: {widget: {initial: 100, source: acme, policy: {type: sS, s: 50, S: "
         "200}}}\n"
         "lanes:\n"
         "  - {from: acme, to: dc, lead_time: 1d}\n"
         "markets:\n"
         "  - id: eu\n"
         "    served_by: dc\n"
         "    demand:\n"
         "      product: widget\n"
         "      rate: 10/d\n"
         "      seasonal: [{from: 2026-12-01, to: 2026-12-15, factor: 1.5}]\n"
         "campaigns:\n"
         "  - {id: promo, product: widget, markets: [eu], start: " +
         campaign_start + ", duration: 4d, uplift: 2}\n";
}

TEST_CASE("time points may be dates once the scenario has a start date", "[io]") {
  Scenario s = load_scenario_text(dated(), "s.yaml");
  REQUIRE(s.dates.has_dates());
  CHECK(s.dates.start_text() == "2026-10-01");
  CHECK(s.horizon == Approx(120 * 24.0));  // 2027-01-29 is 120 days after 2026-10-01
  CHECK(s.warmup == Approx(14 * 24.0));
  CHECK(s.campaigns.at(0).start == Approx(57 * 24.0));
  REQUIRE(s.nodes.at(0).disruptions.size() == 1);
  CHECK(*s.nodes.at(0).disruptions.at(0).start == Approx(32 * 24.0 + 6.5));
  const SeasonalWindow& w = s.markets.at(0).demand.at(0).seasonal.at(0);
  CHECK(w.from == Approx(61 * 24.0));
  CHECK(w.to == Approx(75 * 24.0));
}

TEST_CASE("calendars follow the start date's weekdays and close dated holidays", "[io]") {
  Scenario s = load_scenario_text(dated(), "s.yaml");
  const Calendar& week = s.calendars.at("week");
  // 2026-10-01 is a Thursday: day 0 opens, day 2 (Saturday) and day 3 (a holiday, 3d) do not,
  // day 4 (Monday 2026-10-05) does.
  CHECK(week.is_open(0 * 24.0 + 9));
  CHECK_FALSE(week.is_open(2 * 24.0 + 9));
  CHECK_FALSE(week.is_open(3 * 24.0 + 9));
  CHECK(week.is_open(4 * 24.0 + 9));
  // 2026-12-25 (a Friday, day 85) is a holiday; Thursday 24th is open.
  CHECK_FALSE(week.is_open(85 * 24.0 + 9));
  CHECK(week.is_open(84 * 24.0 + 9));
}

TEST_CASE("without a start date nothing changes: durations, and time 0 is a Monday", "[io]") {
  std::string text = dated("", "57d", "120d");
  text.replace(text.find("warmup: 2026-10-15"), 18, "warmup: 14d");
  text.replace(text.find("[2026-12-25, 3d]"), 16, "[85d, 3d]");
  text.replace(text.find("2026-11-02T06:30"), 16, "32.25d");
  text.replace(text.find("from: 2026-12-01, to: 2026-12-15"), 32, "from: 61d, to: 75d");
  Scenario s = load_scenario_text(text, "s.yaml");
  CHECK_FALSE(s.dates.has_dates());
  CHECK(s.campaigns.at(0).start == Approx(57 * 24.0));
  const Calendar& week = s.calendars.at("week");
  CHECK(week.is_open(0 * 24.0 + 9));        // day 0: Monday
  CHECK_FALSE(week.is_open(5 * 24.0 + 9));  // Saturday
}

TEST_CASE("bad dates are located errors that say what would be valid", "[io]") {
  SECTION("a date that does not exist") {
    std::string text = dated("start_date: 2026-10-01\n", "2026-02-30");
    auto e = load_error(text);
    CHECK(std::pair{e.line(), e.column()} == position_of(text, "2026-02-30"));
    CHECK_THAT(e.message(), Catch::Contains("`start`") && Catch::Contains("not a date") &&
                                Catch::Contains("February 2026 has 28 days"));
  }
  SECTION("a date before the start date") {
    std::string text = dated("start_date: 2026-10-01\n", "2026-09-30");
    auto e = load_error(text);
    CHECK(std::pair{e.line(), e.column()} == position_of(text, "2026-09-30"));
    CHECK_THAT(e.message(), Catch::Contains("before `start_date` (2026-10-01)"));
  }
  SECTION("a date without a start date") {
    std::string text = dated("");
    auto e = load_error(text);
    CHECK(std::pair{e.line(), e.column()} == position_of(text, "2027-01-29"));
    CHECK_THAT(e.message(), Catch::Contains("no `start_date`") &&
                                Catch::Contains("start_date: 2026-10-01") &&
                                Catch::Contains("57d"));
  }
  SECTION("text that is neither a duration nor a date") {
    std::string text = dated("start_date: 2026-10-01\n", "next friday");
    auto e = load_error(text);
    CHECK(std::pair{e.line(), e.column()} == position_of(text, "next friday"));
    CHECK_THAT(e.message(), Catch::Contains("not a duration") && Catch::Contains("2026-11-27"));
  }
  SECTION("a start date that is not a date, or has a time of day") {
    std::string text = dated("start_date: 2026-02-29\n");
    auto e = load_error(text);
    CHECK(std::pair{e.line(), e.column()} == position_of(text, "2026-02-29"));
    CHECK_THAT(e.message(),
               Catch::Contains("`start_date`") && Catch::Contains("February 2026 has 28 days"));
    text = dated("start_date: 2026-10-01T06:00\n");
    CHECK_THAT(load_error(text).message(), Catch::Contains("date alone"));
  }
  SECTION("a horizon date before the warm-up ends") {
    std::string text = dated("start_date: 2026-10-01\n", "2026-10-03", "2026-10-10");
    auto e = load_error(text);
    CHECK_THAT(e.message(), Catch::Contains("`warmup`") && Catch::Contains("shorter than"));
  }
}

}  // namespace
}  // namespace surge
