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
  const std::vector<Case> cases = {
      {"mc without --reps or --precision", {"mc", scenario}, "give --reps N"},
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
      {"a search over an unknown path",
       {"search", scenario, "--reps", "5", "--param", "campaigns.prom.uplift", "--range", "1:3"},
       "did you mean `promo`"},
      {"a sweep resumed without any journal",
       {"sweep", scenario, "--reps", "5", "--grid", "nodes.desk.agents=1,2", "--resume"},
       "nothing to resume: no journal"},
      {"a comparison resumed without any journal",
       {"compare", scenario, "--reps", "5", "--resume"},
       "nothing to resume: no journal"},
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

}  // namespace
}  // namespace surge::cli_test
