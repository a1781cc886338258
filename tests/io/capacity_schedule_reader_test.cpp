// Reading capacity schedules (io/param_reader.hpp, YamlParamReader::schedule): a plain value or
// {base, weekly, changes}, each value of the key's own type, with located errors.
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "surge/io/param_reader.hpp"
#include "surge/io/scenario_loader.hpp"
#include "test_support.hpp"

namespace surge {
namespace {

using test::load_error;
using test::position_of;

const Declaration& pool_declaration() {
  static const Declaration d{.name = "pool",
                             .doc_id = "",
                             .description = "a test map with one capacity key of each kind",
                             .keys = {Key{"servers", types::capacity(types::count())}.defaults("1"),
                                      Key{"capacity", types::capacity(types::rate())}.above(0)}};
  return d;
}

CapacitySchedule read(const std::string& yaml, const std::string& key, DateAxis dates = {}) {
  YamlReader reader("s.yaml");
  reader.set_dates(dates);
  YAML::Node node = YAML::Load(yaml);
  YamlParamReader m(reader, node, pool_declaration(), "the pool");
  return m.schedule(key);
}

std::string error_of(const std::string& yaml, const std::string& key) {
  try {
    read(yaml, key);
  } catch (const ScenarioError& e) {
    return std::to_string(e.line()) + ":" + std::to_string(e.column()) + " " + e.message();
  }
  return "(no error)";
}

TEST_CASE("a plain capacity value is a constant schedule, absent is the default") {
  CapacitySchedule plain = read("{servers: 4}", "servers");
  CHECK(plain.is_constant());
  CHECK(plain.at(100) == 4);
  CHECK(read("{servers: unlimited}", "servers").base() == kUnlimited);
  CHECK(read("{}", "servers").base() == 1);
  CHECK(read("{capacity: 48/d}", "capacity").base() == Approx(2.0));
}

TEST_CASE("a schedule reads its base, weekly slots and dated windows in the key's units") {
  CapacitySchedule s = read(
      "{capacity: {base: 24/d, weekly: {mon-fri: {\"06:00-14:00\": 48/d}, sun: {\"22:00-02:00\": "
      "12/d}}, changes: [{from: 10d, to: 12d, value: 96/d}]}}",
      "capacity");
  CHECK_FALSE(s.is_constant());
  CHECK(s.base() == Approx(1.0));
  CHECK(s.at(6.5) == Approx(2.0));            // Monday 06:30
  CHECK(s.at(5 * 24.0 + 7) == Approx(1.0));   // Saturday: base
  CHECK(s.at(6 * 24.0 + 23) == Approx(0.5));  // Sunday 23:00, the overnight slot
  CHECK(s.at(7 * 24.0 + 1) == Approx(0.5));   // ... into Monday 01:00
  CHECK(s.at(7 * 24.0 + 3) == Approx(1.0));
  CHECK(s.at(10 * 24.0 + 3) == Approx(4.0));  // the window
  CHECK(s.at(12 * 24.0 + 3) == Approx(1.0));
}

TEST_CASE("schedule windows may be dates when the scenario has a start date") {
  DateAxis dates(std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::month{10},
                                             std::chrono::day{1}});
  CapacitySchedule s =
      read("{servers: {base: 10, changes: [{from: 2026-11-20, to: 2026-12-03, value: 16}]}}",
           "servers", dates);
  CHECK(s.at(50 * 24.0 - 1) == 10);
  CHECK(s.at(50 * 24.0) == 16);
  CHECK(s.at(63 * 24.0 - 1) == 16);
  CHECK(s.at(63 * 24.0) == 10);
}

TEST_CASE("schedule mistakes are located errors that say what is valid") {
  std::string yaml;
  SECTION("an unknown key suggests the right one") {
    yaml = "{servers: {base: 2, chnages: []}}";
    CHECK_THAT(error_of(yaml, "servers"),
               Catch::Contains("`chnages`") && Catch::Contains("did you mean `changes`"));
  }
  SECTION("a schedule without base is its key's default outside its windows") {
    yaml = "{servers: {changes: []}}";
    CHECK_THAT(error_of(yaml, "servers"), Catch::Equals("(no error)"));
  }
  SECTION("values have the key's type") {
    CHECK_THAT(error_of("{servers: {base: 2.5}}", "servers"),
               Catch::Contains("`servers`") && Catch::Contains("whole number"));
    CHECK_THAT(error_of("{capacity: {base: 5}}", "capacity"),
               Catch::Contains("`capacity`") && Catch::Contains("no time unit"));
    CHECK_THAT(error_of("{capacity: {base: 0/d}}", "capacity"), Catch::Contains("> 0"));
  }
  SECTION("an unknown weekday") {
    yaml = "{servers: {base: 2, weekly: {mon-fry: {\"06:00-14:00\": 3}}}}";
    std::string e = error_of(yaml, "servers");
    CHECK_THAT(e, Catch::Contains("unknown weekday `mon-fry`") &&
                      Catch::Contains("did you mean `mon-fri`"));
  }
  SECTION("a malformed slot") {
    yaml = "{servers: {base: 2, weekly: {mon: {\"06:00\": 3}}}}";
    CHECK_THAT(error_of(yaml, "servers"), Catch::Contains("`06:00` is not a slot of the day"));
    yaml = "{servers: {base: 2, weekly: {mon: {\"06:00-06:00\": 3}}}}";
    CHECK_THAT(error_of(yaml, "servers"), Catch::Contains("different ends"));
  }
  SECTION("overlapping slots") {
    yaml =
        "{servers: {base: 2, weekly: {mon-fri: {\"06:00-14:00\": 3}, fri: {\"12:00-20:00\": 4}}}}";
    CHECK_THAT(error_of(yaml, "servers"),
               Catch::Contains("fri 06:00-14:00 and fri 12:00-20:00 overlap"));
  }
  SECTION("a window that ends before it starts") {
    yaml = "{servers: {base: 2, changes: [{from: 5d, to: 3d, value: 4}]}}";
    CHECK_THAT(
        error_of(yaml, "servers"),
        Catch::StartsWith("1:46 ") && Catch::Contains("`to` (3d) must be after `from` (5d)"));
  }
}

TEST_CASE("a scenario keeps each capacity schedule where the nodes read it") {
  auto with_desk = [](const std::string& agents) {
    std::string text = test::kMinimal;
    return text.replace(
        text.find("markets:"), 0,
        "  - {id: desk, type: service, agents: " + agents + ", handle_time: 5min}\n");
  };
  Scenario s =
      load_scenario_text(with_desk("{base: 2, changes: [{from: 1d, to: 2d, value: 3}]}"), "s.yaml");
  const CapacitySchedule& agents = s.nodes.back().agents;
  CHECK_FALSE(agents.is_constant());
  CHECK(agents.at(0) == 2);
  CHECK(agents.at(30) == 3);
  CHECK(agents.at(48) == 2);
  CHECK(load_scenario_text(with_desk("{base: 2}"), "s.yaml").nodes.back().agents.is_constant());
}

}  // namespace
}  // namespace surge
