// The record of what was run (io/provenance.hpp): built from the command line, written by every
// result file (tests/io/hdf5_writer_test.cpp checks the writing).
#include "surge/io/provenance.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace surge {
namespace {

Provenance of(std::vector<const char*> argv, const std::string& scenario = "") {
  return provenance_of(static_cast<int>(argv.size()), argv.data(), scenario);
}

TEST_CASE("the command line keeps what decides the result and drops how it was run",
          "[io][provenance]") {
  auto p = of({"/usr/local/bin/surge", "mc", "scenarios/x.yaml", "--reps", "200", "--set",
               "nodes.fc.stations.pick.servers=16", "--set=horizon=30d", "--threads", "2", "-o",
               "out.h5", "-q", "--resume"});
  CHECK(p.command_line ==
        "surge mc scenarios/x.yaml --reps 200 --set nodes.fc.stations.pick.servers=16 "
        "--set=horizon=30d");
  CHECK(p.overrides ==
        std::vector<std::string>{"nodes.fc.stations.pick.servers=16", "horizon=30d"});
  CHECK(p.plans.empty());

  // Both forms of every dropped option, and -oFILE.
  auto q = of({"surge", "run", "a.yaml", "--output=x.h5", "-oy.h5", "--kpi-table", "--quiet",
               "--threads=4", "--records"});
  CHECK(q.command_line == "surge run a.yaml --records");
  auto play = of({"surge", "play", "beer-game", "--orders", "4,4,8", "--report", "r.html"});
  CHECK(play.command_line == "surge play beer-game");
}

TEST_CASE("plans are recorded like overrides, and odd arguments are quoted for a shell",
          "[io][provenance]") {
  auto p =
      of({"surge", "run", "my scenario.yaml", "--plan", "prebuild", "--plan=temp_crew", "--set",
          "nodes.dc.inventory.x.policy={type: sS, s: 1, S: 5}", "--set", "name=it's"});
  CHECK(p.plans == std::vector<std::string>{"prebuild", "temp_crew"});
  CHECK(p.overrides.size() == 2);
  CHECK(p.command_line ==
        "surge run 'my scenario.yaml' --plan prebuild --plan=temp_crew --set "
        "'nodes.dc.inventory.x.policy={type: sS, s: 1, S: 5}' --set 'name=it'\\''s'");
}

TEST_CASE("the scenario file is read as written, comments kept", "[io][provenance]") {
  const auto path = std::filesystem::temp_directory_path() / "surge_provenance_test.yaml";
  const std::string text = "# a comment the loader drops\nname: x  # and another\n";
  std::ofstream(path) << text;
  auto p = of({"surge", "run", path.c_str(), "--set", "name=y"}, path.string());
  CHECK(p.original_text == text);
  CHECK(p.scenario_file == path.string());
  std::filesystem::remove(path);
  // A missing file leaves the text empty (loading it fails with its own message).
  CHECK(of({"surge", "run", "nope.yaml"}, "nope.yaml").original_text.empty());
}

TEST_CASE("the original text of a scenario is known only for the recorded file",
          "[io][provenance]") {
  record_provenance({});
  CHECK(original_scenario_text("a.yaml", "effective") == "effective");  // nothing overridden
  Provenance p;
  p.scenario_file = "a.yaml";
  p.original_text = "# as written\n";
  p.overrides = {"seed=3"};
  record_provenance(p);
  CHECK(original_scenario_text("a.yaml", "effective") == "# as written\n");
  CHECK(original_scenario_text("b.yaml", "effective").empty());
  record_provenance({});
}

}  // namespace
}  // namespace surge
