// Bad arguments to the experiment commands are refused before any replication runs: exit code
// 2, a message naming the problem, and no output file.
#include <catch2/catch.hpp>

#include "cli/cli_support.hpp"
#include "experiment/experiment_support.hpp"

namespace surge::cli_test {
namespace {

struct Case {
  const char* what;
  std::vector<std::string> args;  // after the scenario; "-o OUT" is appended
  const char* message;
};

TEST_CASE("bad experiment arguments are refused before any work starts", "[cli][experiment]") {
  ScratchDir dir("experiment-args");
  write_text(dir / "small.yaml", testing::small_campaign_scenario());
  std::string no_plans = testing::small_campaign_scenario();
  no_plans = no_plans.substr(0, no_plans.find("plans:"));
  write_text(dir / "no_plans.yaml", no_plans);
  const std::string scenario = (dir / "small.yaml").string();
  // Plans whose names cannot name their results (comparison.hpp, check_plan_names).
  auto renamed = [&](const std::string& name, const std::string& file) {
    std::string text = testing::small_campaign_scenario();
    text.replace(text.find("  more_stock:"), 13, "  " + name + ":");
    write_text(dir / file, text);
    return (dir / file).string();
  };
  const std::string baseline_plan = renamed("baseline", "baseline_plan.yaml");
  const std::string empty_plan = renamed("\"\"", "empty_plan.yaml");
  const std::string slash_plan = renamed("\"more/stock\"", "slash_plan.yaml");
  const std::vector<Case> cases = {
      {"zero replications", {"mc", scenario, "--reps", "0"}, "--reps"},
      {"precision out of range", {"mc", scenario, "--precision", "2"}, "--precision"},
      {"resume without an output file", {"mc", scenario, "--reps", "5", "--resume"}, ""},
      {"a sweep without a grid", {"sweep", scenario, "--reps", "5"}, "needs at least one --grid"},
      {"an empty grid",
       {"sweep", scenario, "--reps", "5", "--grid", "nodes.desk.agents="},
       "the list of values is empty"},
      {"a grid over an unknown path",
       {"sweep", scenario, "--reps", "5", "--grid", "nodes.dsk.agents=1,2"},
       "did you mean `desk`"},
      {"a grid value the format rejects",
       {"sweep", scenario, "--reps", "5", "--grid", "nodes.desk.agents=-1,2"},
       "error"},
      {"a range whose step leads nowhere",
       {"sweep", scenario, "--reps", "5", "--grid", "nodes.desk.agents=4:1:1"},
       "step must be non-zero and lead from lo to hi"},
      {"compare without plans",
       {"compare", (dir / "no_plans.yaml").string(), "--reps", "5"},
       "has no `plans:`"},
      {"a search range with low >= high",
       {"search", scenario, "--reps", "5", "--param", "campaigns.promo.uplift", "--range", "3:1"},
       "--range takes LOW:HIGH"},
      {"a search resumed",
       {"search", scenario, "--reps", "5", "--param", "campaigns.promo.uplift", "--range", "1:3",
        "--resume"},
       "error: The following argument was not expected: --resume (surge search --help lists the "
       "options)"},
      {"a search over an unknown path",
       {"search", scenario, "--reps", "5", "--param", "campaigns.prom.uplift", "--range", "1:3"},
       "did you mean `promo`"},
      {"a sweep resumed without any journal",
       {"sweep", scenario, "--reps", "5", "--grid", "nodes.desk.agents=1,2", "--resume"},
       "nothing to resume: no journal"},
      {"a comparison resumed without any journal",
       {"compare", scenario, "--reps", "5", "--resume"},
       "nothing to resume: no journal"},
      {"a plan named baseline",
       {"compare", baseline_plan, "--reps", "5"},
       "baseline_plan.yaml: error: plan `baseline` in `plans`: its name is the name of the "
       "scenario as written in a comparison; rename the plan"},
      {"a plan with an empty name",
       {"compare", empty_plan, "--reps", "5"},
       "empty_plan.yaml: error: a plan in `plans`: its name is empty"},
      {"a plan with a slash in its name",
       {"compare", slash_plan, "--reps", "5"},
       "slash_plan.yaml: error: plan `more/stock` in `plans`: its name holds a `/`"},
      {"the same grid path twice",
       {"sweep", scenario, "--reps", "5", "--grid", "nodes.desk.agents=1,2", "--grid",
        "nodes.desk.agents=3"},
       "error: --grid nodes.desk.agents is given twice; give all its values in one --grid"},
      {"a grid path with a slash",
       {"sweep", scenario, "--reps", "5", "--grid", "nodes.a/b.agents=1,2"},
       "a path cannot hold `/`"},
      {"a grid of more points than the limit",
       {"sweep", scenario, "--reps", "5", "--grid", "nodes.desk.agents=1:200:1", "--grid",
        "nodes.wh.inventory.widget.initial=100:1000:10"},
       "error: the grid has 18200 points (200 x 91 values); the limit is 10000 points"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    std::vector<std::string> args = c.args;
    if (std::string(c.what) != "resume without an output file") {
      args.push_back("-o");
      args.push_back((dir / "out.h5").string());
    }
    auto r = run_surge(args, dir.path(), "args");
    CHECK(r.exit_code == 2);
    INFO("stderr: " << r.err);
    CHECK_THAT(r.err, Catch::Contains(c.message));
    CHECK_FALSE(fs::exists(dir / "out.h5"));
    CHECK_FALSE(fs::exists(dir / "out.h5.journal"));
  }
}

TEST_CASE("validate refuses a plan name that compare would refuse", "[cli][experiment]") {
  ScratchDir dir("validate-plan-names");
  std::string text = testing::small_campaign_scenario();
  text.replace(text.find("  more_agents:"), 14, "  baseline:");
  write_text(dir / "plans.yaml", text);
  auto r = run_surge({"validate", (dir / "plans.yaml").string()}, dir.path(), "validate");
  CHECK(r.exit_code == 2);
  CHECK(r.err == (dir / "plans.yaml").string() +
                     ": error: plan `baseline` in `plans`: its name is the name of the scenario "
                     "as written in a comparison; rename the plan (letters, digits, `_` and `-` "
                     "are safe)\n");
}

}  // namespace
}  // namespace surge::cli_test
