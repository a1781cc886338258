// `surge compare`: the baseline runs every replication, plans stop once their verdict is settled;
// --all-reps runs every plan to the end. Read from what the planner sees: the plans table.
#include <catch2/catch.hpp>
#include <sstream>

#include "cli/cli_support.hpp"
#include "experiment/experiment_support.hpp"

namespace surge::cli_test {
namespace {

// The plans table's "reps" column for one plan (the third word of its row).
std::string reps_of(const std::string& out, const std::string& plan) {
  std::istringstream lines(out);
  std::string line;
  bool in_table = false;
  while (std::getline(lines, line)) {
    if (line.rfind("Plans (", 0) == 0) in_table = true;
    if (!in_table || line.rfind(plan + " ", 0) != 0) continue;
    std::istringstream words(line);
    std::string name, cost, reps;
    words >> name >> cost >> reps;
    return reps;
  }
  return "";
}

TEST_CASE("compare stops a settled plan early and --all-reps runs every plan to the end",
          "[cli][experiment][sequential]") {
  ScratchDir dir("compare");
  write_text(dir / "small.yaml", testing::small_campaign_scenario());
  const std::string scenario = (dir / "small.yaml").string();

  // more_stock meets every target in every replication: settled DELIVERABLE at the first
  // look; more_agents fails in most: settled NOT DELIVERABLE there too. The baseline always
  // runs every replication asked for.
  auto early = run_surge({"compare", scenario, "--reps", "200", "-o", (dir / "a.h5").string()},
                         dir.path(), "early");
  REQUIRE(early.exit_code == 0);
  CHECK(reps_of(early.out, "baseline") == "200");
  for (const char* plan : {"more_stock", "more_agents"}) CHECK(reps_of(early.out, plan) == "30");
  CHECK_THAT(early.out, Catch::Contains("looks at 30, 60, 120, 200 replications"));
  CHECK_THAT(early.out, Catch::Contains("The baseline runs all 200 (95% Wilson)"));
  CHECK_THAT(early.out, Catch::Contains("260 replications in all"));
  CHECK_THAT(early.out, Catch::Contains("Cheapest deliverable plan: more_stock"));

  auto full =
      run_surge({"compare", scenario, "--reps", "200", "--all-reps", "-o", (dir / "b.h5").string()},
                dir.path(), "full");
  REQUIRE(full.exit_code == 0);
  for (const char* plan : {"baseline", "more_stock", "more_agents"})
    CHECK(reps_of(full.out, plan) == "200");
  CHECK_THAT(full.out, !Catch::Contains("looks at"));
  CHECK_THAT(full.out, Catch::Contains("Cheapest deliverable plan: more_stock"));
}

TEST_CASE("one replication is written in the singular", "[cli][experiment][sequential]") {
  ScratchDir dir("compare-one");
  write_text(dir / "small.yaml", testing::small_campaign_scenario());
  auto one =
      run_surge({"compare", (dir / "small.yaml").string(), "--reps", "1"}, dir.path(), "one");
  REQUIRE(one.exit_code == 0);
  CHECK_THAT(one.out, Catch::Contains("\n1 replication in "));
  CHECK_THAT(one.out, Catch::Contains("one look at 1 replication,"));
  CHECK_THAT(one.out, Catch::Contains("The baseline runs its 1 (95% Wilson)"));
  CHECK_THAT(one.out, !Catch::Contains("1 replications"));
}

TEST_CASE("too few replications for DELIVERABLE to be reachable draw a warning, and still run",
          "[cli][experiment][sequential]") {
  ScratchDir dir("reps-warning");
  write_text(dir / "small.yaml", testing::small_campaign_scenario());
  const std::string scenario = (dir / "small.yaml").string();
  // The scenario requires 0.8: 13 of 13 give a Wilson lower end of 0.772, 14 of 14 0.785,
  // 15 of 15 0.796, 16 of 16 0.806 (n / (n + 1.96^2)).
  auto mc =
      run_surge({"mc", scenario, "--reps", "15", "-o", (dir / "mc.h5").string()}, dir.path(), "mc");
  REQUIRE(mc.exit_code == 0);
  CHECK(fs::exists(dir / "mc.h5"));
  CHECK_THAT(mc.err, Catch::Contains("warning: with --reps 15 no verdict can be judged "
                                     "DELIVERABLE at the required confidence 0.8"));
  CHECK_THAT(mc.err,
             Catch::Contains("lower bound of 0.796 (95% Wilson); --reps 16 would reach it"));
  // Plans judged by the looks need more (0.025^(1/n) >= 0.8 from n = 17), --all-reps does not.
  auto compare = run_surge({"compare", scenario, "--reps", "16"}, dir.path(), "compare");
  REQUIRE(compare.exit_code == 0);
  CHECK_THAT(compare.err, Catch::Contains("no plan can be judged DELIVERABLE"));
  CHECK_THAT(compare.err, Catch::Contains("--reps 17 would reach it, as would --all-reps"));
  auto enough = run_surge({"compare", scenario, "--reps", "17"}, dir.path(), "enough");
  REQUIRE(enough.exit_code == 0);
  CHECK_THAT(enough.err, !Catch::Contains("warning"));
  auto quiet = run_surge({"mc", scenario, "--reps", "5", "-q"}, dir.path(), "quiet");
  CHECK(quiet.err.empty());
}

}  // namespace
}  // namespace surge::cli_test
