// `surge optimise` at the command line: -o, --resume after a real kill -9, --frontier, and the
// mistakes it refuses (exit 2, one line, no file).
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "cli/cli_support.hpp"

namespace surge::cli_test {
namespace {

// An M/M/c desk whose cheapest deliverable staffing is 7 agents (Erlang C); 20 days make each
// replication long enough for the kill below to land mid-search.
const char* kDesk = R"(name: desk staffing
horizon: 20d
warmup: 1d
seed: 7
products:
  - {id: widget}
nodes:
  - id: wh
    type: warehouse
    inventory: {widget: {initial: 1000}}
  - id: desk
    type: service
    agents: 5
    handle_time: {dist: exponential, mean: 6min}
    arrivals: {rate: 40/h}
markets:
  - {id: m, served_by: wh, demand: {product: widget, rate: 1/1000d}}
targets:
  confidence: 0.9
  require:
    - {metric: service_level, node: desk, answer_within: 20s, at_least: 0.8}
levers:
  - {path: nodes.desk.agents, values: 1..12, cost_per_unit: 100}
)";

TEST_CASE("an optimise run killed mid-way and resumed writes the same file as an uninterrupted run",
          "[cli][resume]") {
  ScratchDir dir("optimise-resume");
  write_text(dir / "desk.yaml", kDesk);
  const std::vector<std::string> common = {
      "optimise", (dir / "desk.yaml").string(), "--reps", "120", "--threads", "2"};
  auto with = [&](std::vector<std::string> more) {
    std::vector<std::string> args = common;
    args.insert(args.end(), more.begin(), more.end());
    return args;
  };
  auto full = run_surge(with({"-o", (dir / "full.h5").string()}), dir.path(), "full");
  REQUIRE(full.exit_code == 0);
  CHECK_THAT(full.out, Catch::Contains("Cheapest deliverable plan: nodes.desk.agents=7"));
  CHECK_THAT(full.out, Catch::Contains("Results written to"));
  CHECK_FALSE(fs::exists(dir / "full.h5.journal"));

  const auto part = dir / "part.h5", journal = dir / "part.h5.journal";
  std::string start = "cd " + shell_quote(SURGE_SOURCE_DIR) + " && (" + shell_quote(SURGE_BINARY);
  for (const std::string& a : with({"-o", part.string(), "-q"})) start += " " + shell_quote(a);
  start += " </dev/null >/dev/null 2>&1 & echo $! > " + shell_quote((dir / "pid").string()) + ")";
  REQUIRE(shell(start) == 0);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline &&
         (!fs::exists(journal) || fs::file_size(journal) < 4000))
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  REQUIRE(shell("kill -9 $(cat " + shell_quote((dir / "pid").string()) + ")") == 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  REQUIRE_FALSE(fs::exists(part));  // it really was stopped before the end
  REQUIRE(fs::exists(journal));

  auto resumed = run_surge(with({"-o", part.string(), "--resume"}), dir.path(), "resumed");
  REQUIRE(resumed.exit_code == 0);
  CHECK_THAT(resumed.out, Catch::Contains("from the journal"));
  CHECK_FALSE(fs::exists(journal));
  CHECK(read_text(part) == read_text(dir / "full.h5"));

  auto again = run_surge(with({"-o", part.string(), "--resume"}), dir.path(), "again");
  CHECK(again.exit_code == 2);
  CHECK_THAT(again.err, Catch::Contains("nothing to resume"));
}

TEST_CASE("optimise's progress on a terminal counts replications run, with no total or time left",
          "[cli][optimise]") {
  // A search does not know its size in advance: the line said "60/0" and a time left computed
  // from 0 - 60 in unsigned arithmetic (1.8e19 s). `script` gives the run a terminal.
  if (shell("script -qec true /dev/null >/dev/null 2>&1") != 0) {
    WARN("no pseudo-terminal for `script` on this machine: the progress line is not checked");
    return;
  }
  ScratchDir dir("optimise-progress");
  write_text(dir / "desk.yaml", kDesk);
  const fs::path screen = dir / "screen.txt";
  const std::string inner = shell_quote(SURGE_BINARY) + " optimise " +
                            shell_quote((dir / "desk.yaml").string()) + " --reps 60 --threads 1";
  const int code =
      shell("cd " + shell_quote(SURGE_SOURCE_DIR) + " && script -qec " + shell_quote(inner) +
            " /dev/null >" + shell_quote(screen.string()) + " 2>&1");
  REQUIRE(code == 0);
  const std::string text = read_text(screen);
  INFO(text);
  CHECK(text.find("replications run ") != std::string::npos);
  CHECK(text.find("/0 ") == std::string::npos);
  CHECK(text.find("left") == std::string::npos);
}

TEST_CASE("optimise --frontier prints the cheapest deliverable plan at each value",
          "[cli][optimise]") {
  ScratchDir dir("optimise-frontier");
  std::string text = kDesk;
  text.replace(text.find("horizon: 20d"), 12, "horizon: 4d");
  write_text(dir / "desk.yaml", text + "currency: EUR\n");
  auto r = run_surge({"optimise", (dir / "desk.yaml").string(), "--reps", "60", "--frontier",
                      "nodes.desk.arrivals.rate=40/h,160/h"},
                     dir.path(), "frontier");
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("Frontier: the cheapest deliverable plan at each "
                                    "nodes.desk.arrivals.rate"));
  CHECK_THAT(r.out, Catch::Contains("nodes.desk.arrivals.rate=40/h: nodes.desk.agents=7, P = "));
  CHECK_THAT(r.out, Catch::Contains("EUR"));
  CHECK_THAT(r.out, Catch::Contains("nodes.desk.arrivals.rate=160/h: none deliverable (best seen "
                                    "nodes.desk.agents=12"));
}

TEST_CASE("optimise prints a windowed plan with the scenario's dates and it loads as pasted",
          "[cli][optimise]") {
  ScratchDir dir("optimise-dates");
  std::string text = kDesk;
  text.replace(text.find("horizon: 20d"), 12, "start_date: 2026-10-01\nhorizon: 2026-10-05T06:00");
  text.replace(text.find("values: 1..12, cost_per_unit: 100}"), 34,
               "values: 1..12, cost_per_unit: 100,\n"
               "     during: {from: 2026-10-01T12:00, to: 2026-10-05T06:00}}");
  write_text(dir / "desk.yaml", text);
  auto r = run_surge({"optimise", (dir / "desk.yaml").string(), "--reps", "60", "--confirm-reps",
                      "120", "--threads", "2"},
                     dir.path(), "dates");
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("up to 60 replications each"));
  const std::string window = "during: {from: 2026-10-01T12:00, to: 2026-10-05T06:00}}";
  CHECK_THAT(r.out, Catch::Contains(window));
  // The printed plans, pasted under the scenario, load and apply.
  auto begin = r.out.find("plans:\n");
  REQUIRE(begin != std::string::npos);
  auto end = r.out.find("\n\n", begin);
  write_text(dir / "pasted.yaml", text + r.out.substr(begin, end - begin) + "\n");
  auto check =
      run_surge({"mc", (dir / "pasted.yaml").string(), "--plan", "optimised", "--reps", "2", "-q"},
                dir.path(), "pasted");
  CHECK(check.exit_code == 0);
  CHECK(check.err.empty());
}

TEST_CASE("optimise without a deliverable plan says so and claims no guarantee",
          "[cli][optimise]") {
  ScratchDir dir("optimise-none");
  std::string text = kDesk;
  text.replace(text.find("horizon: 20d"), 12, "horizon: 3d");
  text.replace(text.find("rate: 40/h"), 10, "rate: 400/h");  // 40 Erlangs: 12 agents never do
  write_text(dir / "desk.yaml", text);
  auto r =
      run_surge({"optimise", (dir / "desk.yaml").string(), "--reps", "30"}, dir.path(), "none");
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("No plan found"));
  CHECK_THAT(r.out, !Catch::Contains("DELIVERABLE by its confirmation"));
}

TEST_CASE("optimise refuses a bad frontier or resume with exit 2 and writes nothing",
          "[cli][optimise]") {
  ScratchDir dir("optimise-errors");
  write_text(dir / "desk.yaml", kDesk);
  const std::string s = (dir / "desk.yaml").string(), out = (dir / "r.h5").string();
  struct Case {
    std::vector<std::string> args;
    std::string says;
  };
  for (const Case& c : std::vector<Case>{
           {{"--frontier", "nodes.desk.agents=3,4", "-o", out}, "is a lever"},
           {{"--frontier", "nodes.desk.arrivals.rate", "-o", out}, "--frontier"},
           {{"--frontier", "nodes.desk.arrivalz.rate=1/h", "-o", out}, "arrivalz"},
           {{"--resume"}, "--resume needs -o FILE"},
           {{"--resume", "-o", out}, "nothing to resume"},
           {{"--max-reps", "500", "-o", out}, "--confirm-reps N for the confirmation"},
           {{"--confirm-reps", "0", "-o", out}, "--confirm-reps"},
       }) {
    std::vector<std::string> args = {"optimise", s, "--reps", "30"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    auto r = run_surge(args, dir.path(), "error");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains(c.says));
    CHECK_FALSE(fs::exists(out));
  }
}

}  // namespace
}  // namespace surge::cli_test
