// Dotted paths select list elements by id, name, product, FROM:TO or index.
#include <catch2/catch.hpp>

#include "surge/io/scenario_loader.hpp"
#include "test_support.hpp"

namespace surge {
namespace {

const char* kTwoProducts = R"(name: t
horizon: 10d
products: [{id: a}, {id: b}]
calendars:
  nights: {daily: ["22:00-06:00"], holidays: [3d]}
nodes:
  - id: plant
    type: factory
    calendar: nights
    lines: [{product: a, rate: 10/h}, {product: b, time: 6min, name: fast}]
markets:
  - id: m
    served_by: plant
    demand:
      - {product: a, rate: 5/d}
      - {product: b, rate: 6/d}
targets:
  require:
    - {metric: fill_rate, at_least: 0.9}
    - {metric: revenue, at_least: 10}
)";

TEST_CASE("dotted paths select list elements by product, name and index", "[io]") {
  Scenario s =
      load_scenario_text(kTwoProducts, "t.yaml",
                         {"markets.m.demand.b.rate=12/d", "nodes.plant.lines.fast.batch=5",
                          "nodes.plant.lines.a.rate=20/h", "targets.require.1.at_least=99"});
  CHECK(s.markets[0].demand[1].rate == Approx(0.5));
  CHECK(s.nodes[0].lines[1].batch == 5);
  CHECK(s.nodes[0].lines[1].time->mean() == Approx(0.1));
  CHECK(s.nodes[0].lines[0].rate.base() == Approx(20));
  CHECK(s.targets[1].value == 99);
}

TEST_CASE("an overnight calendar interval runs past midnight and holidays close whole days",
          "[io]") {
  Scenario s = load_scenario_text(kTwoProducts, "t.yaml");
  const Calendar& c = s.calendars.at("nights");
  CHECK(c.is_open(23));
  CHECK(c.is_open(24 + 3));
  CHECK_FALSE(c.is_open(12));
  CHECK_FALSE(c.is_open(3 * 24 + 23));            // day 3 is a holiday
  CHECK(c.weekly_open_hours() == Approx(7 * 8));  // a typical week, holidays aside
}

TEST_CASE("a list index past the end is an error naming the list", "[io]") {
  auto e = test::load_error(kTwoProducts, {"targets.require.5.at_least=1"});
  CHECK(e.file() == "--set targets.require.5.at_least");
  CHECK_THAT(e.message(), Catch::Matchers::Contains("no target `5`"));
}

TEST_CASE("a --set into a single value is an error", "[io]") {
  auto e = test::load_error(kTwoProducts, {"horizon.days=3"});
  CHECK_THAT(e.message(), Catch::Matchers::Contains("not a map or a list"));
}

}  // namespace
}  // namespace surge
