// The keys of paid capacity (docs/scenario-reference.md): `cost_per_server_hour` on stations,
// `cost_per_agent_hour` on service nodes, a line's `cost_per_hour`, the top-level `currency`;
// what each stores and each error where it is written.
#include <catch2/catch.hpp>
#include <string>

#include "surge/io/scenario_loader.hpp"
#include "test_support.hpp"

namespace surge {
namespace {

using test::load_error;

// kMinimal with extra nodes before `markets:` and extra top-level lines before `products:`.
std::string scenario(const std::string& nodes, const std::string& top = "") {
  std::string text = test::kMinimal;
  text.replace(text.find("markets:"), 0, nodes);
  text.replace(text.find("products:"), 0, top);
  return text;
}

const std::string kDesk =
    "  - {id: desk, type: service, agents: 4, cost_per_agent_hour: 30, handle_time: 5min}\n";
const std::string kFc =
    "  - id: fc\n    type: fulfilment\n    inventory: {widget: {initial: 1}}\n"
    "    stations: [{name: pick, servers: 3, time: 1min, cost_per_server_hour: 24}]\n";
const std::string kPlant =
    "  - id: plant\n    type: factory\n"
    "    lines: [{product: widget, rate: 10/h, cost_per_hour: 80}]\n";

TEST_CASE("hourly staff costs are stored with their node, 0 when absent", "[io][staff_cost]") {
  Scenario s = load_scenario_text(scenario(kDesk + kFc + kPlant), "s.yaml");
  CHECK(s.find_node("desk")->cost_per_agent_hour == 30);
  CHECK(s.find_node("fc")->stations[0].cost_per_server_hour == 24);
  CHECK(s.find_node("plant")->lines[0].cost_per_hour == 80);
  Scenario plain = load_scenario_text(
      scenario("  - {id: desk, type: service, agents: 4, handle_time: 5min}\n"), "s.yaml");
  CHECK(plain.find_node("desk")->cost_per_agent_hour == 0);
  CHECK(plain.currency.empty());
}

TEST_CASE("an hourly cost is refused for unlimited servers or agents, where it is written",
          "[io][staff_cost]") {
  std::string desk = scenario(
      "  - {id: desk, type: service, agents: unlimited, cost_per_agent_hour: 30, "
      "handle_time: 5min}\n");
  // The error points at the cost's value.
  CHECK_ERROR_AT_TOKEN(load_error(desk), desk, "30, handle_time",
                       "`cost_per_agent_hour` cannot be paid for `unlimited` agents");
  // Unlimited in one window of a schedule is unlimited too.
  std::string fc = scenario(
      "  - id: fc\n    type: fulfilment\n    inventory: {widget: {initial: 1}}\n"
      "    stations:\n      - name: pick\n        time: 1min\n"
      "        servers: {base: 3, changes: [{from: 1d, to: 2d, value: unlimited}]}\n"
      "        cost_per_server_hour: 24\n");
  CHECK_ERROR_AT_TOKEN(load_error(fc), fc, "24\n",
                       "give `servers` a number (or a schedule of numbers), or drop the cost");
}

TEST_CASE("a negative hourly cost is refused", "[io][staff_cost]") {
  std::string text = scenario(
      "  - {id: desk, type: service, agents: 4, cost_per_agent_hour: -1, handle_time: 5min}\n");
  CHECK_ERROR_AT_TOKEN(load_error(text), text, "-1", "cost_per_agent_hour");
}

TEST_CASE("currency is a three-letter ISO 4217 code", "[io][staff_cost]") {
  CHECK(load_scenario_text(scenario("", "currency: EUR\n"), "s.yaml").currency == "EUR");
  for (const std::string bad : {"euro", "eur", "\"€\""}) {
    std::string text = scenario("", "currency: " + bad + "\n");
    CHECK_ERROR_AT_TOKEN(load_error(text), text, bad,
                         "`currency` must be a three-letter ISO 4217 code such as EUR");
  }
}

}  // namespace
}  // namespace surge
