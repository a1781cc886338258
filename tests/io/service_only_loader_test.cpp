// A scenario of service nodes alone leaves out `products` and `markets`; as soon as a node holds
// goods both are required again, and the error points at that node (docs/scenario-reference.md,
// "Top level").
#include <catch2/catch.hpp>
#include <string>

#include "io/test_support.hpp"
#include "surge/io/scenario_loader.hpp"

namespace surge {
namespace {

const char* kDesksAlone = R"(name: desks
horizon: 10d
nodes:
  - id: desk
    type: service
    agents: 2
    handle_time: {dist: exponential, mean: 5min}
    arrivals: {rate: 10/h}
)";

TEST_CASE("service nodes alone load without products or markets", "[io][service_only]") {
  Scenario s = load_scenario_text(kDesksAlone, "s.yaml");
  CHECK(s.products.empty());
  CHECK(s.markets.empty());
  REQUIRE(s.nodes.size() == 1);
  CHECK(s.nodes[0].type == NodeType::service);
}

TEST_CASE("the service-only test fixture loads", "[io][service_only]") {
  Scenario s =
      load_scenario_file(std::string(SURGE_SOURCE_DIR) + "/tests/cli/scenarios/service_only.yaml");
  CHECK(s.products.empty());
  CHECK(s.markets.empty());
  CHECK(s.nodes.size() == 2);
  CHECK(s.nodes[1].answer_within == Approx(0.5 / 3600));  // `within: 500ms`
}

TEST_CASE("a node that holds goods needs products and markets, located at its type",
          "[io][service_only]") {
  for (const char* type : {"warehouse", "fulfilment", "factory", "supplier"}) {
    INFO("type " << type);
    const std::string text = std::string(kDesksAlone) + "  - id: goods\n    type: " + type + "\n";
    ScenarioError e = test::load_error(text);
    auto [line, column] = test::position_of(text, type);
    CHECK(e.line() == line);
    CHECK(e.column() == column);
    CHECK_THAT(e.message(), Catch::Contains("missing required key `products`"));
    CHECK_THAT(e.message(),
               Catch::Contains("node `goods` (" + std::string(type) + ") holds goods"));
  }
}

TEST_CASE("an unknown node type next to missing products is reported as the unknown type",
          "[io][service_only]") {
  const std::string text = std::string(kDesksAlone) + "  - id: goods\n    type: warehose\n";
  ScenarioError e = test::load_error(text);
  CHECK_THAT(e.message(), Catch::Contains("unknown node type `warehose`"));
}

TEST_CASE("products present and markets left out with goods is an error too",
          "[io][service_only]") {
  const std::string text = R"(name: t
horizon: 10d
products:
  - {id: widget}
nodes:
  - id: dc
    type: warehouse
    inventory: {widget: {initial: 100}}
)";
  ScenarioError e = test::load_error(text);
  CHECK_THAT(e.message(), Catch::Contains("missing required key `markets`"));
  CHECK(e.line() == test::position_of(text, "warehouse").first);
}

}  // namespace
}  // namespace surge
