// Every kind of scenario mistake is reported with its file position and a hint at what is valid.
#include <catch2/catch.hpp>
#include <string>

#include "surge/io/scenario_loader.hpp"
#include "test_support.hpp"

namespace surge {
namespace {

using test::kMinimal;
using test::load_error;

// Replaces the first occurrence of `from` in the minimal scenario.
std::string minimal_with(const std::string& from, const std::string& to) {
  std::string text = kMinimal;
  auto pos = text.find(from);
  REQUIRE(pos != std::string::npos);
  return text.replace(pos, from.size(), to);
}

TEST_CASE("the minimal scenario used by the error tests is valid", "[io]") {
  CHECK_NOTHROW(load_scenario_text(kMinimal, "s.yaml"));
}

TEST_CASE("a YAML syntax error is reported at its position", "[io]") {
  auto e = load_error("name: t\nhorizon: [10d\nproducts: []\n");
  CHECK(e.file() == "s.yaml");
  CHECK(e.line() >= 2);
  CHECK(e.column() >= 1);
  CHECK_THAT(e.message(), Catch::Matchers::Contains("invalid YAML"));
  CHECK_THAT(std::string(e.what()),
             Catch::Matchers::StartsWith("s.yaml:" + std::to_string(e.line()) + ":"));
}

TEST_CASE("an unknown key suggests the closest valid key", "[io]") {
  std::string text = std::string(kMinimal) + "lanes:\n  - {from: dc, to: dc2, lead_tme: 2d}\n";
  text = std::string(text).replace(
      text.find("nodes:\n"), 7,
      "nodes:\n  - {id: dc2, type: warehouse, inventory: {widget: {initial: 1}}}\n");
  auto e = load_error(text);
  CHECK_ERROR_AT_TOKEN(e, text, "lead_tme",
                       "unknown key `lead_tme` in lane; did you mean `lead_time`?");
  CHECK_THAT(e.message(),
             Catch::Matchers::Contains("valid keys: from, to, lead_time, capacity, cost"));
  CHECK(std::string(e.what()) == "s.yaml:13:25: error: " + e.message());
}

TEST_CASE("an unknown top-level key is an error", "[io]") {
  auto e = load_error(std::string(kMinimal) + "horizn: 3d\n");
  CHECK_ERROR_AT(e, 11, 1, "unknown key `horizn` in the scenario; did you mean `horizon`?");
}

TEST_CASE("a value of the wrong YAML type is an error", "[io]") {
  std::string text = minimal_with("price: 10", "price: [10]");
  auto e = load_error(text);
  CHECK_ERROR_AT_TOKEN(e, text, "[10]", "`price` must be a number, got a list");
}

TEST_CASE("a missing required key names the key", "[io]") {
  auto e = load_error(minimal_with("name: t\n", ""));
  CHECK_ERROR_AT(e, 1, 1, "missing required key `name` in the scenario");
  std::string text2 = minimal_with("{product: widget, rate: 10/d}", "{product: widget}");
  auto e2 = load_error(text2);
  CHECK_ERROR_AT_TOKEN(e2, text2, "{product", "missing required key `rate`");
}

TEST_CASE("a duration without a unit is an error", "[io]") {
  auto e = load_error(minimal_with("horizon: 10d", "horizon: 10"));
  CHECK_ERROR_AT(e, 2, 10, "has no unit");
  CHECK_THAT(e.message(), Catch::Matchers::Contains("s, min, h, d or w"));
}

TEST_CASE("a rate without a time unit is an error", "[io]") {
  std::string text = minimal_with("rate: 10/d", "rate: 10");
  auto e = load_error(text);
  CHECK_ERROR_AT_TOKEN(e, text, "10}}", "has no time unit");
}

TEST_CASE("an unknown unit lists the valid units", "[io]") {
  auto e = load_error(minimal_with("horizon: 10d", "horizon: 10days"));
  CHECK_ERROR_AT(e, 2, 10, "unknown time unit `days`");
}

TEST_CASE("a zero or negative rate is rejected where a positive one is required", "[io]") {
  std::string text = minimal_with("rate: 10/d", "rate: 0/d");
  auto e = load_error(text);
  CHECK_ERROR_AT_TOKEN(e, text, "0/d", "`rate` must be > 0");
  std::string text2 = minimal_with("rate: 10/d", "rate: -5/d");
  auto e2 = load_error(text2);
  CHECK_ERROR_AT_TOKEN(e2, text2, "-5/d", "must not be negative");
}

TEST_CASE("a negative number is rejected where it must be >= 0", "[io]") {
  std::string text = minimal_with("initial: 100", "initial: -1");
  auto e = load_error(text);
  CHECK_ERROR_AT_TOKEN(e, text, "-1", "`initial` must be >= 0");
}

TEST_CASE("a dangling node id suggests the closest node", "[io]") {
  std::string text = minimal_with("served_by: dc", "served_by: dcc");
  auto e = load_error(text);
  CHECK_ERROR_AT_TOKEN(e, text, "dcc", "unknown node `dcc`; did you mean `dc`?");
}

TEST_CASE("a dangling product id suggests the closest product", "[io]") {
  std::string text = minimal_with("{product: widget, rate", "{product: widgit, rate");
  auto e = load_error(text);
  CHECK_ERROR_AT_TOKEN(e, text, "widgit", "unknown product `widgit`; did you mean `widget`?");
}

TEST_CASE("a dangling calendar name is an error", "[io]") {
  std::string text =
      minimal_with("    type: warehouse\n", "    type: warehouse\n    calendar: shifts\n");
  text = "calendars:\n  shift: {mon-fri: \"06:00-22:00\"}\n" + text;
  auto e = load_error(text);
  CHECK_ERROR_AT_TOKEN(e, text, "shifts", "unknown calendar `shifts`; did you mean `shift`?");
}

TEST_CASE("a weekday given twice in a calendar is an error", "[io]") {
  std::string text =
      "calendars:\n  c: {mon-fri: \"06:00-22:00\", fri: closed}\n" + std::string(kMinimal);
  auto e = load_error(text);
  CHECK_ERROR_AT_TOKEN(e, text, "fri: closed", "weekday `fri` is given twice");
}

TEST_CASE("a source without a lane to the node is an error", "[io]") {
  std::string text = minimal_with(
      "nodes:\n", "nodes:\n  - {id: plant, type: warehouse, inventory: {widget: {initial: 5}}}\n");
  text = text.replace(text.find("{initial: 100}"), 14, "{initial: 100, source: plant}");
  auto e = load_error(text);
  CHECK_ERROR_AT_TOKEN(e, text, "plant}", "no lane from `plant` to `dc`; add one under lanes");
}

TEST_CASE("a replenishment cycle is an error naming the cycle", "[io]") {
  const char* text = R"(name: t
horizon: 10d
products: [{id: w}]
nodes:
  - {id: a, type: warehouse, inventory: {w: {initial: 5, source: b}}}
  - {id: b, type: warehouse, inventory: {w: {initial: 5, source: a}}}
lanes:
  - {from: a, to: b, lead_time: 1d}
  - {from: b, to: a, lead_time: 1d}
markets:
  - {id: m, served_by: a, demand: {product: w, rate: 1/d}}
)";
  auto e = load_error(text);
  // The DFS may enter the cycle at either node; the error points at the source closing it.
  auto at_b = test::position_of(text, "b}}}"), at_a = test::position_of(text, "a}}}");
  bool located = (e.line() == at_b.first && e.column() == at_b.second) ||
                 (e.line() == at_a.first && e.column() == at_a.second);
  CHECK(located);
  CHECK_THAT(e.message(), Catch::Matchers::Contains("replenishment cycle for `w`"));
  bool named = e.message().find("a -> b -> a") != std::string::npos ||
               e.message().find("b -> a -> b") != std::string::npos;
  CHECK(named);
}

TEST_CASE("a market that no stock can reach is an error at its demand", "[io]") {
  std::string text = minimal_with("{initial: 100}", "{initial: 0}");
  auto e = load_error(text);
  CHECK_ERROR_AT_TOKEN(e, text, "{product", "no stock of it can ever reach there");
}

TEST_CASE("bad distribution parameters are rejected", "[io]") {
  std::string lanes =
      "lanes:\n  - {from: s, to: dc, lead_time: {dist: uniform, min: 3d, max: 1d}}\n";
  std::string text = minimal_with(
      "nodes:\n", "nodes:\n  - {id: s, type: supplier, products: {widget: {lead_time: 1d}}}\n");
  text = text.replace(text.find("{initial: 100}"), 14, "{initial: 100, source: s}") + lanes;
  auto e = load_error(text);
  auto max_at = test::position_of(text, "1d}}", 2);
  CHECK_ERROR_AT(e, max_at.first, max_at.second, "`max` must be >= `min`");

  std::string text2 = text;
  text2.replace(text2.find("{dist: uniform, min: 3d, max: 1d}"), 33,
                "{dist: exponential, mean: 0d}");
  auto e2 = load_error(text2);
  CHECK_ERROR_AT_TOKEN(e2, text2, "0d}", "`mean` must be > 0");

  std::string text3 = text;
  text3.replace(text3.find("{dist: uniform, min: 3d, max: 1d}"), 33,
                "{dist: exponential, mean: 2d, sd: 1d}");
  auto e3 = load_error(text3);
  CHECK_ERROR_AT_TOKEN(e3, text3, "sd:", "unknown key `sd` in exponential distribution");

  std::string text4 = text;
  text4.replace(text4.find("{dist: uniform, min: 3d, max: 1d}"), 33, "{dist: normall, mean: 2d}");
  auto e4 = load_error(text4);
  CHECK_ERROR_AT_TOKEN(e4, text4, "normall",
                       "unknown distribution `normall`; did you mean `normal`?");
}

TEST_CASE("a duplicate id is an error", "[io]") {
  auto e =
      load_error(minimal_with("- {id: widget, price: 10}", "- {id: widget}\n  - {id: widget}"));
  CHECK_ERROR_AT(e, 5, 10, "duplicate product id `widget`");
  std::string text2 = minimal_with("{id: eu,", "{id: dc,");
  auto e2 = load_error(text2);
  CHECK_ERROR_AT(e2, 10, 10, "already a node id");
}

TEST_CASE("a key that belongs to another node type names that type", "[io]") {
  auto e =
      load_error(minimal_with("    type: warehouse\n", "    type: warehouse\n    stations: []\n"));
  CHECK_ERROR_AT(e, 8, 5, "key `stations` belongs to fulfilment nodes, but `dc` is a warehouse");
}

TEST_CASE("a --set path that does not resolve suggests the closest id", "[io]") {
  auto e = load_error(kMinimal, {"nodes.dcx.inventory.widget.initial=5"});
  CHECK(e.line() == 0);
  CHECK(e.file() == "--set nodes.dcx.inventory.widget.initial");
  CHECK_THAT(e.message(), Catch::Matchers::Contains("no node `dcx`; did you mean `dc`?"));
  CHECK(std::string(e.what()) == "--set nodes.dcx.inventory.widget.initial: error: " + e.message());
  auto e2 = load_error(kMinimal, {"nodes.dc.inventori.widget.initial=5"});
  CHECK_THAT(e2.message(), Catch::Matchers::Contains("no key `inventori`"));
  CHECK_THAT(e2.message(), Catch::Matchers::Contains("did you mean `inventory`?"));
}

TEST_CASE("a --set value that fails validation is reported against the --set", "[io]") {
  auto e = load_error(kMinimal, {"nodes.dc.inventory.widget.initial=-3"});
  CHECK(e.file() == "--set nodes.dc.inventory.widget.initial");
  CHECK(e.line() == 0);
  CHECK_THAT(e.message(), Catch::Matchers::Contains("`initial` must be >= 0"));
  auto e2 = load_error(kMinimal, {"nodes.dc.inventory.widget.initail=3"});
  CHECK(e2.file() == "--set nodes.dc.inventory.widget.initail");
  CHECK_THAT(e2.message(), Catch::Matchers::Contains("did you mean `initial`?"));
}

TEST_CASE("a malformed --set without = is an error", "[io]") {
  auto e = load_error(kMinimal, {"horizon"});
  CHECK(e.line() == 0);
  CHECK_THAT(e.message(), Catch::Matchers::Contains("expected PATH=VALUE"));
  CHECK_THAT(std::string(e.what()), Catch::Matchers::StartsWith("--set horizon: error:"));
}

TEST_CASE("a plan with an unresolvable path is an error at the plan's key", "[io]") {
  auto e = load_error(std::string(kMinimal) +
                      "plans:\n  more: {set: {nodes.dc.inventory.gadget.initial: 5}}\n");
  CHECK_ERROR_AT(e, 12, 16, "plan `more`: cannot apply `nodes.dc.inventory.gadget.initial`");
  CHECK_THAT(e.message(), Catch::Matchers::Contains("no key `gadget`"));
}

TEST_CASE("a plan whose value is invalid is an error at the value", "[io]") {
  auto e = load_error(std::string(kMinimal) +
                      "plans:\n  more: {set: {nodes.dc.inventory.widget.initial: -5}}\n");
  CHECK_ERROR_AT(e, 12, 51, "`initial` must be >= 0");
  CHECK_THAT(e.message(), Catch::Matchers::Contains("with plan `more` applied"));
}

TEST_CASE("a warmup as long as the horizon is an error", "[io]") {
  auto e = load_error(minimal_with("horizon: 10d\n", "horizon: 10d\nwarmup: 240h\n"));
  CHECK_ERROR_AT(e, 3, 9, "must be shorter than `horizon`");
}

TEST_CASE("backorder_with_patience requires a patience", "[io]") {
  std::string text =
      minimal_with("rate: 10/d}}", "rate: 10/d}, on_stockout: backorder_with_patience}");
  auto e = load_error(text);
  CHECK_ERROR_AT_TOKEN(e, text, "backorder_with_patience", "gives no `patience`");
}

TEST_CASE("a policy without a source is an error unless a line makes the product", "[io]") {
  std::string text =
      minimal_with("{initial: 100}", "{initial: 100, policy: {type: base_stock, level: 5}}");
  auto e = load_error(text);
  CHECK_ERROR_AT_TOKEN(e, text, "{type: base", "no `source` to order from");
}

TEST_CASE("a source supplier must list the product", "[io]") {
  std::string text =
      minimal_with("nodes:\n", "nodes:\n  - {id: s, type: supplier, products: {}}\n");
  text = text.replace(text.find("{initial: 100}"), 14, "{initial: 100, source: s}") +
         "lanes:\n  - {from: s, to: dc, lead_time: 1d}\n";
  auto e = load_error(text);
  CHECK_ERROR_AT_TOKEN(e, text, "s}}", "supplier `s` does not list `widget`");
}

TEST_CASE("an unknown target metric suggests the closest metric", "[io]") {
  auto e = load_error(std::string(kMinimal) +
                      "targets:\n  require: [{metric: fillrate, at_least: 0.9}]\n");
  CHECK_ERROR_AT(e, 12, 22, "unknown metric `fillrate`; did you mean `fill_rate`?");
}

TEST_CASE("a bill-of-materials cycle is an error", "[io]") {
  auto e = load_error(
      minimal_with("- {id: widget, price: 10}",
                   "- {id: widget, price: 10, bom: {gear: 1}}\n  - {id: gear, bom: {widget: 2}}"));
  CHECK(e.line() >= 4);
  CHECK_THAT(e.message(), Catch::Matchers::Contains("bill-of-materials cycle"));
}

TEST_CASE("a factory line's components need stock at the factory", "[io]") {
  const char* text = R"(name: t
horizon: 10d
products: [{id: w, bom: {c: 2}}, {id: c}]
nodes:
  - {id: f, type: factory, lines: [{product: w, rate: 10/d}]}
markets:
  - {id: m, served_by: f, demand: {product: w, rate: 1/d}}
)";
  auto e = load_error(text);
  CHECK_ERROR_AT(e, 5, 36, "consumes `c`; add `c` under the factory's `inventory`");
}

}  // namespace
}  // namespace surge

namespace surge {
namespace {

TEST_CASE("a plan value written as a string is read as YAML text, like --set", "[io]") {
  std::string text =
      std::string(test::kMinimal) +
      "plans:\n  p: {set: {nodes.dc.inventory.widget: \"{initial: 5, bogus: 1}\"}}\n";
  auto e = test::load_error(text);
  CHECK_ERROR_AT_TOKEN(e, text, "\"{initial", "unknown key `bogus`");
  std::string ok = std::string(test::kMinimal) +
                   "plans:\n  p: {set: {nodes.dc.inventory.widget: \"{initial: 5}\"}}\n";
  Scenario s = load_scenario_text(ok, "s.yaml");
  Scenario applied = apply_plan(s, s.plans[0]);
  CHECK(applied.nodes[0].inventory[0].initial == 5);
  CHECK(s.nodes[0].inventory[0].initial == 100);
}

}  // namespace
}  // namespace surge

namespace surge {
namespace {

// kMinimal lists its markets last; a service node must go under nodes, so build it whole.
std::string scoped(const std::string& target) {
  return R"(name: t
horizon: 10d
products:
  - {id: widget, price: 10}
nodes:
  - id: dc
    type: warehouse
    inventory: {widget: {initial: 100}}
  - {id: desk, type: service, agents: 2, handle_time: 5min}
markets:
  - {id: eu, served_by: dc, demand: {product: widget, rate: 10/d}}
targets:
  require:
    - )" +
         target + "\n";
}

TEST_CASE("a contact metric target must name its service node", "[io]") {
  std::string text = scoped("{metric: service_level, at_least: 0.8}");
  auto e = test::load_error(text);
  CHECK_ERROR_AT_TOKEN(e, text, "service_level", "is measured per node: add `node:`");
  std::string wrong = scoped("{metric: mean_wait, node: dc, at_most: 0.1}");
  auto e2 = test::load_error(wrong);
  CHECK_ERROR_AT_TOKEN(e2, wrong, "dc, at_most", "needs a service node; `dc` is a warehouse");
  load_scenario_text(scoped("{metric: service_level, node: desk, at_least: 0.8}"), "s.yaml");
}

TEST_CASE("an order metric target cannot be scoped to a node", "[io]") {
  std::string text = scoped("{metric: fill_rate, node: dc, at_least: 0.9}");
  auto e = test::load_error(text);
  CHECK_ERROR_AT_TOKEN(e, text, "dc, at_least", "is not measured per node; scope it with");
}

TEST_CASE("a network cost target takes no product or market", "[io]") {
  std::string text = scoped("{metric: total_cost, product: widget, at_most: 100}");
  auto e = test::load_error(text);
  CHECK_ERROR_AT_TOKEN(e, text, "widget, at_most", "is for the whole network");
}

TEST_CASE("answer_within belongs to service level targets only", "[io]") {
  std::string text =
      scoped("{metric: abandonment_rate, node: desk, answer_within: 30s, at_most: 0.1}");
  auto e = test::load_error(text);
  CHECK_ERROR_AT_TOKEN(e, text, "30s", "applies only to `service_level`");
}

}  // namespace
}  // namespace surge
