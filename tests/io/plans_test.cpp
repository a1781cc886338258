// Plans (docs/scenario-reference.md, "plans"): windows (`during`) that become dated changes of a
// capacity's schedule, plans built from others (`include`), --plan, and their located errors.
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <string>

#include "surge/io/scenario/sections.hpp"
#include "surge/io/scenario_loader.hpp"
#include "test_support.hpp"

namespace surge {
namespace {

using test::load_error;

// A warehouse with a fulfilment centre (a pick station), a campaign, and `plans` appended.
std::string with_plans(const std::string& plans) {
  return std::string(R"(name: t
horizon: 30d
products:
  - {id: widget, price: 10}
nodes:
  - id: dc
    type: warehouse
    inventory: {widget: {initial: 100}}
  - id: fc
    type: fulfilment
    inventory: {widget: {initial: 50, source: dc, policy: {type: sS, s: 20, S: 80}}}
    stations:
      - {name: pick, servers: 4, time: 10min}
lanes:
  - {from: dc, to: fc, lead_time: 1d}
markets:
  - {id: eu, served_by: fc, demand: {product: widget, rate: 10/d}}
campaigns:
  - {id: promo, product: widget, markets: [eu], start: 10d, duration: 4d, uplift: 2}
plans:
)") + plans;
}

// The plans as read, without applying them (the section alone).
Scenario read_only(const std::string& text) {
  YamlReader reader("s.yaml");
  return loader::read_scenario(reader, YAML::Load(text));
}

const Plan& plan_named(const Scenario& s, const std::string& id) {
  for (const Plan& p : s.plans)
    if (p.id == id) return p;
  FAIL("no plan " << id);
  return s.plans.front();
}

TEST_CASE("a plan's window is from/to, a campaign's, or a campaign's widened", "[io]") {
  Scenario s = read_only(
      with_plans(R"(  a: {set: {nodes.fc.stations.pick.servers: 6}, during: {from: 2d, to: 5d}}
  b: {set: {nodes.fc.stations.pick.servers: 6}, during: promo}
  c: {set: {nodes.fc.stations.pick.servers: 6}, during: {campaign: promo, before: 2d, after: 12h}}
  d: {set: {nodes.fc.stations.pick.servers: 6}, during: {campaign: promo, before: 30d}}
  e: {set: {nodes.fc.stations.pick.servers: 6}}
)"));
  auto window = [&](const char* id) { return *plan_named(s, id).settings.at(0).during; };
  CHECK(window("a").from == Approx(48));
  CHECK(window("a").to == Approx(120));
  CHECK(window("b").from == Approx(240));
  CHECK(window("b").to == Approx(336));
  CHECK(window("c").from == Approx(192));
  CHECK(window("c").to == Approx(348));
  CHECK(window("d").from == Approx(0));  // clipped at time 0
  CHECK_FALSE(plan_named(s, "e").settings.at(0).during.has_value());
}

TEST_CASE("a window becomes a dated change of the capacity's schedule", "[io]") {
  YamlReader reader("s.yaml");
  auto placed = [&](const std::string& tree_text, const std::string& path) {
    YAML::Node root = YAML::Load(tree_text);
    loader::place(root, path, YAML::Load("9"), TimeWindow{24, 48}, reader,
                  YAML::Node(YAML::NodeType::Undefined), "plan `p`");
    return root;
  };
  SECTION("a plain value becomes the base") {
    YAML::Node root = placed("{a: {servers: 4}}", "a.servers");
    CHECK(root["a"]["servers"]["base"].as<int>() == 4);
    REQUIRE(root["a"]["servers"]["changes"].size() == 1);
    CHECK(root["a"]["servers"]["changes"][0]["from"].as<std::string>() == "24h");
    CHECK(root["a"]["servers"]["changes"][0]["to"].as<std::string>() == "48h");
    CHECK(root["a"]["servers"]["changes"][0]["value"].as<int>() == 9);
  }
  SECTION("a schedule keeps its base, slots and changes; the window comes last") {
    YAML::Node root = placed(
        "{a: {servers: {base: 2, weekly: {mon: {\"08:00-12:00\": 3}}, changes: [{from: 1h, to: "
        "2h, value: 5}]}}}",
        "a.servers");
    CHECK(root["a"]["servers"]["base"].as<int>() == 2);
    CHECK(root["a"]["servers"]["weekly"]["mon"]["08:00-12:00"].as<int>() == 3);
    REQUIRE(root["a"]["servers"]["changes"].size() == 2);
    CHECK(root["a"]["servers"]["changes"][1]["value"].as<int>() == 9);
  }
  SECTION("an absent value leaves the key's default as the base") {
    YAML::Node root = placed("{a: {name: x}}", "a.servers");
    CHECK_FALSE(root["a"]["servers"]["base"].IsDefined());
    CHECK(root["a"]["servers"]["changes"].size() == 1);
  }
}

TEST_CASE("a plan's window on a capacity runs as a dated change of its schedule", "[io]") {
  std::string text = with_plans(
      "  crew: {set: {nodes.fc.stations.pick.servers: 9}, during: {campaign: promo, before: "
      "1d}}\n");
  Scenario s = load_scenario_text(text, "s.yaml", {}, {"crew"});
  const CapacitySchedule& servers = s.find_node("fc")->stations.at(0).servers;
  CHECK(servers.at(0) == 4);
  CHECK(servers.at(9 * 24 - 0.5) == 4);
  CHECK(servers.at(9 * 24) == 9);  // a day before the campaign's start (10d)
  CHECK(servers.at(14 * 24 - 0.5) == 9);
  CHECK(servers.at(14 * 24) == 4);  // the campaign ends at 14d
  // And the same through apply_plan on the scenario as written.
  Scenario base = load_scenario_text(text, "s.yaml");
  CHECK(apply_plan(base, base.plans.at(0)).find_node("fc")->stations.at(0).servers.at(10 * 24) ==
        9);
}

TEST_CASE("only capacities may change during a window", "[io]") {
  std::string text = with_plans(
      "  early: {set: {nodes.dc.inventory.widget.initial: 500}, during: {from: 1d, to: 2d}}\n");
  ScenarioError e = load_error(text);
  CHECK_ERROR_AT_TOKEN(e, text, "nodes.dc.inventory.widget.initial",
                       "cannot change during a window (`during`): only capacities can");
  CHECK_THAT(e.message(), Catch::Contains("plan `early`"));
  // A whole map under a window is refused the same way.
  text = with_plans(
      "  s: {set: {nodes.fc.stations.pick: \"{name: pick, servers: 8, time: 5min}\"}, during: "
      "promo}\n");
  CHECK_ERROR_AT_TOKEN(load_error(text), text, "nodes.fc.stations.pick:", "cannot change");
}

TEST_CASE("window mistakes are located errors that say what is valid", "[io]") {
  struct Case {
    const char* plans;
    const char* token;
    const char* message;
  };
  const Case cases[] = {
      {"  p: {set: {nodes.fc.stations.pick.servers: 6}, during: promx}\n", "promx",
       "no campaign `promx`; did you mean `promo`?"},
      {"  p: {set: {nodes.fc.stations.pick.servers: 6}, during: {from: 5d, to: 2d}}\n", "2d}",
       "`to` (2d) must be after `from` (5d)"},
      {"  p: {set: {nodes.fc.stations.pick.servers: 6}, during: {from: 5d}}\n", "{from: 5d}",
       "needs both `from` and `to`"},
      {"  p: {set: {nodes.fc.stations.pick.servers: 6}, during: {campaign: promo, from: 1d}}\n",
       "{campaign", "both `campaign` and `from`/`to`"},
      {"  p: {set: {nodes.fc.stations.pick.servers: 6}, during: {from: 1d, to: 3d, after: 1d}}\n",
       "{from: 1d", "add `campaign`"},
      {"  p: {set: {nodes.fc.stations.pick.servers: 6}, during: [1d, 2d]}\n", "[1d",
       "must be a campaign id, {from, to} or {campaign, before, after}"},
      {"  p: {cost: 5}\n", "{cost", "changes nothing"},
      {"  p: {include: [q], during: promo}\n  q: {set: {horizon: 20d}}\n", "promo}",
       "has none; give the window to the included plans"},
  };
  for (const Case& c : cases) {
    std::string text = with_plans(c.plans);
    INFO(c.plans);
    CHECK_ERROR_AT_TOKEN(load_error(text), text, c.token, c.message);
  }
}

TEST_CASE("a plan that includes others is their union, costed once each", "[io]") {
  Scenario s = load_scenario_text(
      with_plans(R"(  stock: {set: {nodes.dc.inventory.widget.initial: 500}, cost: 100}
  pickers: {set: {nodes.fc.stations.pick.servers: 6}, cost: 40}
  both: {include: [stock, pickers], cost: 1}
  again: {include: [both, stock], set: {horizon: 20d}}
)"),
      "s.yaml");
  const Plan& both = plan_named(s, "both");
  REQUIRE(both.settings.size() == 2);
  CHECK(both.settings[0].path == "nodes.dc.inventory.widget.initial");
  CHECK(both.settings[1].path == "nodes.fc.stations.pick.servers");
  CHECK(both.cost == Approx(141));
  const Plan& again = plan_named(s, "again");
  REQUIRE(again.settings.size() == 3);  // stock counted once although named twice
  CHECK(again.settings[2].path == "horizon");
  CHECK(again.cost == Approx(141));
  CHECK(again.includes == std::vector<std::string>{"both", "stock"});
  Scenario applied = apply_plan(s, again);
  CHECK(applied.find_node("dc")->inventory.at(0).initial == 500);
  CHECK(applied.find_node("fc")->stations.at(0).servers.base() == 6);
  CHECK(applied.horizon == Approx(20 * 24));
}

TEST_CASE("include mistakes are located errors", "[io]") {
  std::string text = with_plans("  a: {include: [b]}\n  b: {include: a}\n");
  CHECK_ERROR_AT_TOKEN(load_error(text), text, "a}",
                       "plans include each other in a cycle: `a` -> `b` -> `a`");
  text = with_plans("  a: {include: [stok]}\n  stock: {set: {horizon: 20d}}\n");
  CHECK_ERROR_AT_TOKEN(load_error(text), text, "stok",
                       "includes `stok`, which is not a plan; did you mean `stock`?");
  text = with_plans(
      "  a: {set: {horizon: 20d}}\n  b: {set: {horizon: 25d}}\n  c: {include: [a, b]}\n");
  CHECK_ERROR_AT_TOKEN(load_error(text), text, "horizon: 25d",
                       "plan `c`: `horizon` is set to `20d` by plan `a` and to `25d` by plan `b`");
  // The same setting from two plans is one setting.
  text = with_plans(
      "  a: {set: {horizon: 20d}}\n  b: {set: {horizon: 20d}}\n  c: {include: [a, b]}\n");
  CHECK(plan_named(load_scenario_text(text, "s.yaml"), "c").settings.size() == 1);
}

TEST_CASE("plans named on the command line apply to the file, together", "[io]") {
  std::string text = with_plans(R"(  stock: {set: {nodes.dc.inventory.widget.initial: 500}}
  pickers: {set: {nodes.fc.stations.pick.servers: 6}}
  other_pickers: {set: {nodes.fc.stations.pick.servers: 8}}
)");
  Scenario s = load_scenario_text(text, "s.yaml", {}, {"stock", "pickers"});
  CHECK(s.find_node("dc")->inventory.at(0).initial == 500);
  CHECK(s.find_node("fc")->stations.at(0).servers.base() == 6);
  CHECK(s.plans.size() == 3);  // the file's plans stay, for compare on top of them
  // --set first, then the plans on top of it.
  Scenario both = load_scenario_text(text, "s.yaml", {"horizon=20d"}, {"stock"});
  CHECK(both.horizon == Approx(20 * 24));
  CHECK(both.find_node("dc")->inventory.at(0).initial == 500);

  try {
    load_scenario_text(text, "s.yaml", {}, {"stok"});
    FAIL("an unknown plan must be refused");
  } catch (const ScenarioError& e) {
    CHECK(e.file() == "--plan stok");
    CHECK_THAT(e.message(), Catch::Contains("no plan `stok`") &&
                                Catch::Contains("did you mean `stock`?") &&
                                Catch::Contains("valid plans: stock, pickers, other_pickers"));
  }
  try {
    load_scenario_text(text, "s.yaml", {}, {"pickers", "other_pickers"});
    FAIL("two plans setting one path differently must be refused");
  } catch (const ScenarioError& e) {
    CHECK(e.file() == "--plan other_pickers");
    CHECK_THAT(e.message(), Catch::Contains("is set to `6` by plan `pickers` and to `8`"));
  }
}

// Plans and levers are first checked on copies of a tree parsed once, which know no positions
// in the file; a failing one is checked again on the text, so its error still points where the
// file says it, whichever way the trial was read: on a copy (with or without a --set), or on
// the text when a --plan with a window is applied (the reader knows a window by its node).
TEST_CASE("a plan that breaks the file is reported where the file says it", "[io]") {
  const std::string text = with_plans(R"(  short: {set: {horizon: 5d}}
  crew: {set: {nodes.fc.stations.pick.servers: 6}, during: promo}
)");
  const std::string broken = "starts at or after the end of the run (`horizon`: 5d)";
  for (const std::vector<std::string>& sets :
       {std::vector<std::string>{},
        std::vector<std::string>{"nodes.dc.inventory.widget.initial=90"}}) {
    ScenarioError e = load_error(text, sets);
    CHECK_ERROR_AT_TOKEN(e, text, "10d, duration", broken);
    CHECK_THAT(e.message(), Catch::EndsWith("(with plan `short` applied)"));
  }
  try {
    load_scenario_text(text, "s.yaml", {}, {"crew"});
    FAIL("plan `short` must be refused on top of --plan crew");
  } catch (const ScenarioError& e) {
    CHECK_ERROR_AT_TOKEN(e, text, "10d, duration", broken);
  }
  // A text over 1 MB is parsed again per trial instead of copied (a copy is a third tree in
  // memory): the same error, at the same place. A comment line pads it.
  const std::string long_text = text + "# " + std::string(std::size_t{1} << 20, 'x') + "\n";
  CHECK_ERROR_AT_TOKEN(load_error(long_text), long_text, "10d, duration", broken);
  // A lever at its smallest value, located at the lever's values.
  const std::string levers = with_plans("  crew: {set: {nodes.fc.stations.pick.servers: 6}}\n") +
                             "levers:\n  - {path: nodes.dc.inventory.widget.initial, "
                             "values: [-5, 10]}\n";
  ScenarioError lever = load_error(levers);
  CHECK_ERROR_AT_TOKEN(lever, levers, "[-5, 10]", "`initial` must be >= 0");
  CHECK_THAT(lever.message(),
             Catch::EndsWith("(with lever `nodes.dc.inventory.widget.initial` at -5)"));
}

}  // namespace
}  // namespace surge

namespace surge {
namespace {

// Each plan is checked on the file as written when it loads; applying one for a study reads
// the result as a whole but does not check the other plans again on top of it, so two plans
// that conflict only together do not stop either being run alone. --plan does check the other
// plans on top (they are applied to it by `compare --plan`).
TEST_CASE("applying a plan reads its result, not every other plan on top of it", "[io]") {
  std::string text = with_plans(R"(  low_top: {set: {nodes.fc.inventory.widget.policy.S: 30}}
  high_floor: {set: {nodes.fc.inventory.widget.policy.s: 60}}
)");
  Scenario s = load_scenario_text(text, "s.yaml");
  CHECK_NOTHROW(apply_plan(s, plan_named(s, "low_top")));
  CHECK_NOTHROW(apply_plan(s, plan_named(s, "high_floor")));
  // Together they are refused: s 60 above S 30; and so is --plan low_top, on which
  // `compare --plan low_top` would apply high_floor, naming the plan that breaks it.
  CHECK_THROWS_AS(load_scenario_text(text, "s.yaml", {}, {"low_top", "high_floor"}), ScenarioError);
  try {
    load_scenario_text(text, "s.yaml", {}, {"low_top"});
    FAIL("--plan low_top loaded");
  } catch (const ScenarioError& e) {
    CHECK_THAT(e.message(), Catch::Contains("(with plan `high_floor` applied)"));
  }
  // And the applied result itself is still checked whole.
  Plan broken{"broken", {{"nodes.fc.inventory.widget.policy.s", "90", std::nullopt}}};
  CHECK_THROWS_AS(apply_plan(s, broken), ScenarioError);
}

}  // namespace
}  // namespace surge
