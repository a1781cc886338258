// Output paths that cannot destroy anything (docs/cli.md, "Output paths"): `-o` naming an input
// (the scenario, the result file of `report`), a file Surge writes next to the output, a
// device, a named pipe or a symbolic link is refused before any work, and the file stays as it
// was.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "cli/cli_support.hpp"
#include "experiment/experiment_support.hpp"

namespace surge::cli_test {
namespace {

struct Case {
  const char* what;
  std::vector<std::string> args;
  int exit_code;
  std::string message;  // part of the one-line error
};

TEST_CASE("an output that is an input, or not a regular file, is refused and left as it was",
          "[cli][output]") {
  ScratchDir dir("output-paths");
  const std::string scenario = testing::small_campaign_scenario();
  write_text(dir / "s.yaml", scenario);
  write_text(dir / "r.h5.journal", scenario);  // a scenario with a journal's name
  fs::create_hard_link(dir / "s.yaml", dir / "hard.yaml");
  write_text(dir / "kept.h5", "a file the link points to");
  fs::create_symlink(dir / "kept.h5", dir / "link.h5");
  fs::create_symlink(dir / "s.yaml", dir / "scenario_link.h5");
  REQUIRE(::mkfifo((dir / "pipe.h5").c_str(), 0600) == 0);
  const std::string s = (dir / "s.yaml").string();
  const std::string relative = fs::relative(dir / "s.yaml", SURGE_SOURCE_DIR).string();
  const std::string dotted = (dir / "." / "s.yaml").string();
  const std::vector<Case> cases = {
      {"run -o the scenario", {"run", s, "-o", s}, 2, "is the scenario"},
      {"the scenario spelt another way", {"run", relative, "-o", dotted}, 2, "is the scenario"},
      {"a hard link to the scenario",
       {"run", s, "-o", (dir / "hard.yaml").string()},
       2,
       "is the scenario"},
      {"mc -o the scenario", {"mc", s, "--reps", "2", "-o", s}, 2, "is the scenario"},
      {"sweep -o the scenario",
       {"sweep", s, "--reps", "2", "--grid", "nodes.desk.agents=1,2", "-o", s},
       2,
       "is the scenario"},
      {"compare -o the scenario", {"compare", s, "--reps", "2", "-o", s}, 2, "is the scenario"},
      {"search -o the scenario",
       {"search", s, "--reps", "2", "--param", "campaigns.promo.uplift", "--range", "1:2", "-o", s},
       2,
       "is the scenario"},
      {"a scenario where the journal would go",
       {"mc", (dir / "r.h5.journal").string(), "--reps", "2", "-o", (dir / "r.h5").string()},
       2,
       "writes next to it (its journal or temporary file)"},
      {"a device", {"run", s, "-o", "/dev/null"}, 3, "is a character device"},
      {"a named pipe",
       {"mc", s, "--reps", "2", "-o", (dir / "pipe.h5").string()},
       3,
       "is a named pipe"},
      {"a symbolic link", {"run", s, "-o", (dir / "link.h5").string()}, 3, "is a symbolic link"},
      {"a symbolic link to the scenario",
       {"run", s, "-o", (dir / "scenario_link.h5").string()},
       2,
       "is the scenario"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    CliResult r = run_surge(c.args, dir.path(), "paths");
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == c.exit_code);
    CHECK_THAT(r.err, Catch::StartsWith("error: ") && Catch::Contains(c.message));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.out.empty());
  }
  CHECK(read_text(dir / "s.yaml") == scenario);
  CHECK(read_text(dir / "r.h5.journal") == scenario);
  CHECK(fs::is_symlink(dir / "link.h5"));
  CHECK(fs::is_fifo(dir / "pipe.h5"));
  CHECK(fs::is_character_file("/dev/null"));
  CHECK(read_text(dir / "kept.h5") == "a file the link points to");
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(dir.path()))
    left.push_back(e.path().filename().string());
  std::sort(left.begin(), left.end());
  CHECK(left == std::vector<std::string>{"hard.yaml", "kept.h5", "link.h5", "pipe.h5",
                                         "r.h5.journal", "s.yaml", "scenario_link.h5"});
}

TEST_CASE("a journal path that is not a regular file is refused before the first replication",
          "[cli][output]") {
  ScratchDir dir("output-journal-link");
  write_text(dir / "s.yaml", testing::small_campaign_scenario());
  write_text(dir / "precious", "do not overwrite");
  fs::create_symlink(dir / "precious", dir / "r.h5.journal");
  fs::create_symlink(dir / "precious", dir / "c.h5.journal.2");  // the second plan's
  CliResult mc =
      run_surge({"mc", (dir / "s.yaml").string(), "--reps", "2", "-o", (dir / "r.h5").string()},
                dir.path(), "mc");
  CHECK(mc.exit_code == 3);
  CHECK_THAT(mc.err, Catch::Contains("r.h5.journal") && Catch::Contains("symbolic link"));
  CliResult compare = run_surge(
      {"compare", (dir / "s.yaml").string(), "--reps", "2", "-o", (dir / "c.h5").string()},
      dir.path(), "compare");
  CHECK(compare.exit_code == 3);
  CHECK_THAT(compare.err, Catch::Contains("c.h5.journal.2") && Catch::Contains("symbolic link"));
  CHECK_FALSE(fs::exists(dir / "c.h5.journal.0"));  // refused before the baseline ran
  CHECK(read_text(dir / "precious") == "do not overwrite");
}

TEST_CASE("report, plot and play never write over their input or one output over another",
          "[cli][output]") {
  ScratchDir dir("output-report");
  write_text(dir / "s.yaml", testing::small_campaign_scenario());
  const std::string result = (dir / "r.h5").string();
  REQUIRE(run_surge({"run", (dir / "s.yaml").string(), "-o", result, "-q"}, dir.path(), "run")
              .exit_code == 0);
  fs::copy_file(dir / "r.h5", dir / "r.html");  // a result file whose report would be itself
  fs::copy_file(fs::path(SURGE_SOURCE_DIR) / "scenarios/teaching/beer_game.yaml", dir / "bg.yaml");
  const std::string game = read_text(dir / "bg.yaml");
  const std::string before = read_text(dir / "r.h5");
  const std::vector<Case> cases = {
      {"report -o the result", {"report", result, "-o", result}, 2, "is the result file"},
      {"plot -o the result", {"plot", result, "stock", "-o", result}, 2, "is the result file"},
      {"the default report name is the result",
       {"report", (dir / "r.html").string()},
       2,
       "the report (FILE.html)"},
      {"report to a device", {"report", result, "-o", "/dev/null"}, 3, "is a character device"},
      {"play writing its game file where its report goes",
       {"play", "beer-game", "--orders", "4", "--report", (dir / "g.h5").string()},
       2,
       "both name"},
      {"play -o the scenario",
       {"play", "beer-game", "--orders", "4", "--scenario", (dir / "bg.yaml").string(), "-o",
        (dir / "bg.yaml").string()},
       2,
       "is the scenario"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    CliResult r = run_surge(c.args, dir.path(), "report");
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == c.exit_code);
    CHECK_THAT(r.err, Catch::StartsWith("error: ") && Catch::Contains(c.message));
  }
  CHECK(read_text(dir / "r.h5") == before);
  CHECK(read_text(dir / "r.html") == before);
  CHECK(read_text(dir / "bg.yaml") == game);
  CHECK_FALSE(fs::exists(dir / "g.h5"));
}

}  // namespace
}  // namespace surge::cli_test
