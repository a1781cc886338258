// `surge diagnose` (docs/experiments.md, "Diagnose"): each relaxation changes exactly what it
// names, on a copy of the scenario, and the diagnosis of a known case ranks its cause first.
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
  Scenario s = relax(line, {"dc/widget", "stock"});
  CHECK(s.find_node("dc")->inventory[0].initial == 1e12);
  CHECK(line.find_node("dc")->inventory[0].initial == 300);  // the original is untouched
  CHECK(s.find_node("fc")->inventory[0].initial == 200);
  s = relax(line, {"fc/pick", "station"});
  CHECK(s.find_node("fc")->stations[0].servers.max_value() == kUnlimited);
  s = relax(line, {"plant/widget", "line"});
  CHECK(s.find_node("plant")->lines[0].rate.max_value() == kUnlimited);
  CHECK_FALSE(s.find_node("plant")->lines[0].time);
  s = relax(known("agents_too_small"), {"support/agents", "agents"});
  CHECK(s.find_node("support")->agents.max_value() == kUnlimited);

  Scenario lane = known("lane_at_capacity");
  lane.lanes[0].lead_time = Distribution::uniform(24, 72);
  s = relax(lane, {"dc->fc", "lane"});
  CHECK(s.lanes[0].capacity.max_value() == kUnlimited);
  CHECK(s.lanes[0].lead_time.is_constant());
  CHECK(s.lanes[0].lead_time.mean() == 24);  // its shortest

  s = relax(known("supplier_outage"), {"acme/widget", "supplier"});
  const Node& acme = *s.find_node("acme");
  CHECK(acme.disruptions.empty());
  CHECK(acme.supplies.at("widget").capacity.max_value() == kUnlimited);
  CHECK(acme.supplies.at("widget").lead_time.mean() == 24);  // a constant 1 d stays 1 d

  CHECK_THROWS_AS(relax(line, {"nowhere/widget", "stock"}), InternalError);
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
