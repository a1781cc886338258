// A factory line's `ship` (docs/scenario-reference.md, "factory"): read by name, `as_made` by
// default, and any other value is an error located at it that lists the valid ones.
#include <catch2/catch.hpp>
#include <string>

#include "io/test_support.hpp"
#include "surge/io/scenario_loader.hpp"

namespace surge {
namespace {

TEST_CASE("a line's ship is as_made unless it says complete", "[io][factory]") {
  const std::string base = R"(name: t
horizon: 10d
products:
  - {id: widget}
nodes:
  - id: plant
    type: factory
    mode: make_to_order
    lines: [{product: widget, rate: 10/d, batch: 5SHIP}]
  - id: dc
    type: warehouse
    inventory: {widget: {initial: 10, source: plant, policy: {type: sS, s: 5, S: 20}}}
lanes:
  - {from: plant, to: dc, lead_time: 1d}
markets:
  - {id: eu, served_by: dc, demand: {product: widget, rate: 1/d}}
)";
  auto with = [&](const std::string& ship) {
    std::string text = base;
    text.replace(text.find("SHIP"), 4, ship);
    return text;
  };
  CHECK(load_scenario_text(with(""), "s.yaml").nodes[0].lines[0].ship == LineShipping::as_made);
  CHECK(load_scenario_text(with(", ship: as_made"), "s.yaml").nodes[0].lines[0].ship ==
        LineShipping::as_made);
  CHECK(load_scenario_text(with(", ship: complete"), "s.yaml").nodes[0].lines[0].ship ==
        LineShipping::complete);
  const std::string bad = with(", ship: whole");
  ScenarioError e = test::load_error(bad);
  CHECK(e.line() == test::position_of(bad, "whole").first);
  CHECK(e.column() == test::position_of(bad, "whole").second);
  CHECK_THAT(e.message(), Catch::Contains("as_made"));
  CHECK_THAT(e.message(), Catch::Contains("complete"));
}

}  // namespace
}  // namespace surge
