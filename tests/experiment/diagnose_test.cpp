// `surge diagnose` (docs/experiments.md, "Diagnose"): each relaxation changes exactly what it
// names, in a copy of the scenario's text, and the diagnosis of a known case ranks its cause
// first; a cause hidden behind another is found in a pair.
#include "surge/experiment/studies/diagnose.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "surge/io/scenario_loader.hpp"
#include "surge/kernel/error.hpp"

using namespace surge;

namespace {

Scenario known(const std::string& file) {
  return load_scenario_file(std::string(SURGE_SOURCE_DIR) + "/tests/diagnosis/" + file + ".yaml");
}

}  // namespace

TEST_CASE("each relaxation changes what it names and nothing else", "[experiment][diagnose]") {
  const Scenario line = known("line_too_slow");
  Scenario s = relax(line, {Candidate{"dc/widget", "stock"}});
  CHECK(s.find_node("dc")->inventory[0].initial == 1e12);
  CHECK(line.find_node("dc")->inventory[0].initial == 300);  // the original is untouched
  CHECK(s.find_node("fc")->inventory[0].initial == 200);
  s = relax(line, {Candidate{"fc/pick", "station"}});
  CHECK(s.find_node("fc")->stations[0].servers.max_value() == kUnlimited);
  s = relax(line, {Candidate{"plant/widget", "line"}});
  // A line that takes no time per unit: a batch takes no time, as with no rate limit.
  REQUIRE(s.find_node("plant")->lines[0].time);
  CHECK(s.find_node("plant")->lines[0].time->is_constant());
  CHECK(s.find_node("plant")->lines[0].time->mean() == 0);
  s = relax(known("agents_too_small"), {Candidate{"support/agents", "agents"}});
  CHECK(s.find_node("support")->agents.max_value() == kUnlimited);

  const Scenario lane =
      load_scenario_file(std::string(SURGE_SOURCE_DIR) + "/tests/diagnosis/lane_at_capacity.yaml",
                         {"lanes.dc:fc.lead_time={dist: uniform, min: 1d, max: 3d}"});
  s = relax(lane, {Candidate{"dc->fc", "lane"}});
  CHECK(s.lanes[0].capacity.max_value() == kUnlimited);
  CHECK(s.lanes[0].lead_time.is_constant());
  CHECK(s.lanes[0].lead_time.mean() == 24);  // its shortest

  s = relax(known("supplier_outage"), {Candidate{"acme/widget", "supplier"}});
  const Node& acme = *s.find_node("acme");
  CHECK(acme.disruptions.empty());
  CHECK(acme.supplies.at("widget").capacity.max_value() == kUnlimited);
  CHECK(acme.supplies.at("widget").lead_time.mean() == 24);  // a constant 1 d stays 1 d

  CHECK_THROWS_AS(relax(line, {Candidate{"nowhere/widget", "stock"}}), InternalError);
}

TEST_CASE("a relaxation is made in the scenario's text, which loads as the relaxed scenario",
          "[experiment][diagnose]") {
  // What an MPI worker does with each run: load the text it receives. Staff paid by the hour,
  // a line given a time per unit, plans and levers whose paths the relaxations change, and a
  // stock point written with nothing under it.
  const std::string text = R"(name: relaxed as text
horizon: 10d
seed: 3
products:
  - {id: widget, price: 10, unit_cost: 4}
  - {id: part, price: 1, unit_cost: 1}
nodes:
  - id: acme
    type: supplier
    products: {part: {lead_time: {dist: uniform, min: 2d, max: 4d}, capacity: 50/d}}
    disruptions: [{start: 3d, duration: 1d}]
  - id: plant
    type: factory
    inventory: {part: {initial: 10, source: acme, policy: {type: sS, s: 5, S: 20}}, widget:}
    lines: [{product: widget, time: {dist: exponential, mean: 1h}, cost_per_hour: 5}]
  - id: fc
    type: fulfilment
    inventory: {widget: {initial: 5, source: plant, policy: {type: sS, s: 2, S: 8}}}
    stations:
      - {name: pick, servers: {base: 2, changes: [{from: 2d, to: 3d, value: 0}]}, time: 20min, cost_per_server_hour: 20}
  - id: desk
    type: service
    agents: 2
    cost_per_agent_hour: 30
    handle_time: 5min
    arrivals: {rate: 4/h}
lanes:
  - {from: plant, to: fc, lead_time: {dist: uniform, min: 6h, max: 1d}, capacity: 30/d, cost: 1}
  - {from: acme, to: plant, lead_time: 1d}
markets:
  - {id: town, served_by: fc, demand: {product: widget, rate: 10/d}, delivery: {lead_time: 1d, promise: 3d}}
targets:
  require: [{metric: fill_rate, window: run, at_least: 0.9}]
plans:
  more_pickers: {set: {nodes.fc.stations.pick.servers: 4, nodes.plant.lines.widget.time: 30min}}
levers:
  - {path: nodes.desk.agents, values: [2, 3], cost_per_unit: 100}
)";
  const Scenario base = load_scenario_text(text, "relaxed.yaml");
  const std::vector<Candidate> all = constraints_that_can_bind(base);
  std::vector<std::string> names;
  for (const Candidate& c : all) names.push_back(c.kind + " " + c.name);
  CHECK(names == std::vector<std::string>{"supplier acme/part", "stock plant/part",
                                          "stock plant/widget", "line plant/widget",
                                          "stock fc/widget", "station fc/pick",
                                          "agents desk/agents", "lane plant->fc"});
  const Scenario s = relax(base, all);
  CHECK(s.plans.empty());
  CHECK(s.levers.empty());
  const Node& acme = *s.find_node("acme");
  CHECK(acme.disruptions.empty());
  CHECK(acme.supplies.at("part").capacity.max_value() == kUnlimited);
  CHECK(acme.supplies.at("part").lead_time.mean() == 48);
  const Node& plant = *s.find_node("plant");
  CHECK(plant.inventory[0].initial == 1e12);
  CHECK(plant.inventory[0].sources.size() == 1);  // its source and policy stay
  CHECK(plant.inventory[0].policy.type == "sS");
  CHECK(plant.inventory[1].initial == 1e12);
  CHECK(plant.lines[0].time->mean() == 0);
  CHECK(plant.lines[0].cost_per_hour == 5);
  const Node& fc = *s.find_node("fc");
  CHECK(fc.stations[0].servers.is_constant());
  CHECK(fc.stations[0].servers.max_value() == kUnlimited);
  CHECK(fc.stations[0].cost_per_server_hour == 0);  // unlimited servers are not paid by the hour
  CHECK(fc.stations[0].time.mean() == Approx(1.0 / 3));
  const Node& desk = *s.find_node("desk");
  CHECK(desk.agents.max_value() == kUnlimited);
  CHECK(desk.cost_per_agent_hour == 0);
  CHECK(s.lanes[0].capacity.max_value() == kUnlimited);
  CHECK(s.lanes[0].lead_time.mean() == 6);
  CHECK(s.lanes[0].cost == 1);
  // The text is the relaxed scenario: loaded again, it relaxes nothing more.
  const Scenario again = load_scenario_text(s.source_text, "relaxed.yaml");
  CHECK(again.source_text == s.source_text);
  CHECK(again.find_node("fc")->stations[0].servers.max_value() == kUnlimited);
  CHECK(again.lanes[0].lead_time.mean() == 6);
  CHECK(again.find_node("plant")->inventory[1].initial == 1e12);
}

TEST_CASE("the diagnosis of a known case ranks its cause first and stops at one relaxation",
          "[experiment][diagnose]") {
  McOptions o;
  o.replications = 4;
  o.threads = 2;
  Diagnosis d = run_diagnosis(known("lane_at_capacity"), o);
  CHECK(d.baseline.replications() == 4);
  CHECK(d.baseline_verdict.probability == 0);
  REQUIRE(d.singles.size() == d.candidates.size());
  REQUIRE_FALSE(d.singles.empty());
  // Relaxing the lane buys as much as never letting fc run short; the lane is the cause.
  CHECK(d.singles[0].name == "dc->fc");
  CHECK(d.singles[0].verdict.probability == 1);
  CHECK(d.singles[0].gain == 1);
  REQUIRE(d.singles[0].fixes.size() == 1);
  CHECK(d.singles[0].fixes[0] == 0);
  CHECK(d.pairs.empty());  // P = 1 at the required confidence: one suffices
}

TEST_CASE("when neither one relaxation nor a pair suffices, the best pair grows until one does",
          "[experiment][diagnose]") {
  McOptions o;
  o.replications = 4;
  o.threads = 2;
  Diagnosis d = run_diagnosis(known("three_causes"), o);
  REQUIRE(d.candidates.size() >= 3);
  for (const Relaxation& r : d.singles) CHECK(r.verdict.probability == 0);
  REQUIRE_FALSE(d.pairs.empty());
  for (const Relaxation& r : d.pairs) CHECK(r.verdict.probability == 0);
  REQUIRE_FALSE(d.growing.empty());
  const Relaxation& last = d.growing.back();
  CHECK(last.verdict.probability == 1);
  CHECK(last.fixes.size() == 3);
  std::vector<std::string> names;
  for (const Candidate& c : last.relaxed) names.push_back(c.name);
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"fc/gadget", "fc/pick", "support/agents"});
}

TEST_CASE("a station hidden behind a stock-out is found in a pair with it",
          "[experiment][diagnose]") {
  McOptions o;
  o.replications = 6;
  o.threads = 2;
  Diagnosis d = run_diagnosis(known("stock_hides_station"), o);
  CHECK(d.baseline_verdict.probability == 0);
  // Only the stock point bound in the baseline: the station behind it never did.
  REQUIRE(d.candidates.size() == 1);
  CHECK(d.candidates[0].name == "fc/widget");
  REQUIRE(d.singles.size() == 1);
  CHECK(d.singles[0].verdict.probability == 0);
  REQUIRE(d.singles[0].fixes.size() == 1);  // the fill rate, not on-time-in-full
  CHECK(d.singles[0].fixes[0] == 0);
  // Never short, fc/widget sends the pick station the whole demand: it binds.
  REQUIRE(d.singles[0].revealed.size() == 1);
  CHECK(d.singles[0].revealed[0].name == "fc/pick");
  CHECK(d.singles[0].revealed[0].kind == "station");
  REQUIRE(d.pairs.size() == 1);
  CHECK(d.pairs[0].name == "fc/widget + fc/pick");
  CHECK(d.pairs[0].verdict.probability == 1);
  CHECK(d.pairs[0].gain == 1);
  CHECK(d.pairs[0].fixes.size() == 2);
  CHECK(d.growing.empty());
}
