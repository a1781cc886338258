// Numbers and file names on the command line (docs/cli.md, "Numbers and names"): every refusal
// exits 2 before any work, in one line that quotes what was typed and says what is valid;
// nothing wraps (-1 is not 2^64 - 1), `nan` is no precision, no bound is printed with 309
// digits, and the full 64-bit range of seeds and replication indices is accepted.
#include <catch2/catch.hpp>

#include "cli/cli_support.hpp"
#include "experiment/experiment_support.hpp"

namespace surge::cli_test {
namespace {

struct Refusal {
  std::vector<std::string> args;  // after `surge`; "SCENARIO" is replaced by the scenario
  std::string message;            // the whole line after "error: "
};

TEST_CASE("a number option out of its range is refused in one line quoting what was typed",
          "[cli][options]") {
  ScratchDir dir("options");
  write_text(dir / "small.yaml", testing::small_campaign_scenario());
  const std::string s = (dir / "small.yaml").string();
  const std::string u64 = "a whole number from 0 to 18446744073709551615";
  const std::vector<Refusal> refusals = {
      {{"run", s, "--seed", "-4"}, "--seed takes " + u64 + ", got `-4`: it cannot be negative"},
      {{"run", s, "--seed", "18446744073709551616"},
       "--seed takes " + u64 + ", got `18446744073709551616`"},
      {{"run", s, "--seed", "1e3"}, "--seed takes " + u64 + ", got `1e3`"},
      {{"run", s, "--replication", "-1"},
       "--replication takes " + u64 + ", got `-1`: it cannot be negative"},
      {{"run", s, "--replication", "99999999999999999999"},
       "--replication takes " + u64 + ", got `99999999999999999999`"},
      {{"mc", s, "--precision", "nan"},
       "--precision takes a number greater than 0 and less than 1 (e.g. 0.02), got `nan`"},
      {{"mc", s, "--precision", "inf"},
       "--precision takes a number greater than 0 and less than 1 (e.g. 0.02), got `inf`"},
      {{"mc", s, "--precision", "0"},
       "--precision takes a number greater than 0 and less than 1 (e.g. 0.02), got `0`"},
      {{"mc", s, "--precision", "-0.1"},
       "--precision takes a number greater than 0 and less than 1 (e.g. 0.02), got `-0.1`"},
      {{"mc", s, "--precision", "1"},
       "--precision takes a number greater than 0 and less than 1 (e.g. 0.02), got `1`"},
      {{"mc", s, "--precision", "0.1x"},
       "--precision takes a number greater than 0 and less than 1 (e.g. 0.02), got `0.1x`"},
      {{"mc", s, "--reps", "0"}, "--reps takes a whole number from 1 to 10000000, got `0`"},
      {{"mc", s, "--reps", "-3"},
       "--reps takes a whole number from 1 to 10000000, got `-3`: it cannot be negative"},
      {{"sweep", s, "--reps", "2.5", "--grid", "nodes.desk.agents=1,2"},
       "--reps takes a whole number from 1 to 10000000, got `2.5`"},
      {{"compare", s, "--reps", "99999999999999999999999"},
       "--reps 99999999999999999999999 is beyond the limit of 10000000 replications; is it a "
       "typo?"},
      {{"mc", s, "--precision", "0.1", "--max-reps", "0"},
       "--max-reps takes a whole number from 1 to 10000000, got `0`"},
      {{"mc", s, "--reps", "5", "--threads", "0"},
       "--threads takes a whole number from 1 to 1024, got `0`"},
      {{"mc", s, "--reps", "5", "--threads", "-2"},
       "--threads takes a whole number from 1 to 1024, got `-2`: it cannot be negative"},
      {{"search", s, "--reps", "5", "--param", "campaigns.promo.uplift", "--range", "1:3",
        "--steps", "99"},
       "--steps takes a whole number from 1 to 30, got `99`"},
      {{"play", "beer-game", "--weeks", "1000", "--orders", "4"},
       "--weeks takes a whole number from 2 to 520, got `1000`"},
      {{"play", "beer-game", "--seed", "-1", "--orders", "4"},
       "--seed takes " + u64 + ", got `-1`: it cannot be negative"},
      {{"mc", s, "--reps", "5", "--precision", "0.1"},
       "give either --reps N (a fixed count) or --precision P (until the intervals are that "
       "narrow, at most --max-reps), not both"},
      {{"mc", s, "--reps", "5", "--max-reps", "50"},
       "--max-reps caps --precision or the default run; with --reps N the count is N"},
      {{"mc", s, "--reps", std::string(400, '9')},
       "--reps 9999999999999999999999999999999999999... (400 characters) is beyond the limit of "
       "10000000 replications; is it a typo?"},
  };
  for (const Refusal& r : refusals) {
    std::string line;
    for (const auto& a : r.args) line += a + " ";
    INFO("surge " << line);
    CliResult result = run_surge(r.args, dir.path(), "refusal");
    CHECK(result.exit_code == 2);
    CHECK(result.err == "error: " + r.message + "\n");
    CHECK(result.out.empty());
  }
  CHECK(entries(dir.path()) == std::vector<std::string>{"small.yaml"});
}

TEST_CASE("a seed or replication index anywhere in the 64-bit range is accepted",
          "[cli][options]") {
  ScratchDir dir("options-u64");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--seed", "18446744073709551615"},
        std::vector<std::string>{"--replication", "18446744073709551615"},
        std::vector<std::string>{"--seed", "0", "--replication", "0"}}) {
    INFO(args[0] << " " << args[1]);
    std::vector<std::string> all{"run", "tests/mpi/small_campaign.yaml", "--kpi-table"};
    all.insert(all.end(), args.begin(), args.end());
    CliResult r = run_surge(all, dir.path(), "u64");
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK_THAT(r.out, Catch::StartsWith("# fingerprint"));
  }
  // The seed reaches the scenario whole: the largest seed, rounded through a double, would be
  // 2^64 and differ from 2^64 - 1's streams; here two neighbours give different runs.
  CliResult a = run_surge(
      {"run", "tests/mpi/small_campaign.yaml", "--kpi-table", "--seed", "18446744073709551615"},
      dir.path(), "a");
  CliResult b = run_surge(
      {"run", "tests/mpi/small_campaign.yaml", "--kpi-table", "--seed", "18446744073709551614"},
      dir.path(), "b");
  CHECK(a.out != b.out);
  CliResult too_big =
      run_surge({"validate", "tests/mpi/small_campaign.yaml", "--set", "seed=18446744073709551616"},
                dir.path(), "big");
  CHECK(too_big.exit_code == 2);
  CHECK(too_big.err ==
        "--set seed: error: `seed` must be a whole number from 0 to 18446744073709551615, got "
        "`18446744073709551616`\n");
}

TEST_CASE("an empty file name or one that looks like an option is refused", "[cli][options]") {
  ScratchDir dir("options-names");
  const std::string s = "tests/mpi/small_campaign.yaml";
  const std::vector<Refusal> refusals = {
      {{"run", s, "-o", ""},
       "-o needs a file name, got an empty one; leave the option out to write no file"},
      {{"mc", s, "--reps", "2", "-o", ""},
       "-o needs a file name, got an empty one; leave the option out to write no file"},
      {{"run", s, "-o", "-q"},
       "-o needs a file name, got `-q`, which looks like an option; if it really is the name, "
       "write ./-q"},
      {{"play", "beer-game", "--orders", "4", "--report", ""},
       "--report needs a file name, got an empty one; leave the option out to write no file"},
      {{"report", "missing.h5", "-o", ""},
       "-o needs a file name, got an empty one; leave the option out to write no file"},
      {{"plot", "missing.h5", "targets", "-o", ""},
       "-o needs a file name, got an empty one; leave the option out to write no file"},
  };
  for (const Refusal& r : refusals) {
    std::string line;
    for (const auto& a : r.args) line += a + " ";
    INFO("surge " << line);
    CliResult result = run_surge(r.args, dir.path(), "name");
    CHECK(result.exit_code == 2);
    CHECK(result.err == "error: " + r.message + "\n");
  }
  CHECK_FALSE(fs::exists(fs::path(SURGE_SOURCE_DIR) / "-q"));
}

TEST_CASE("a command-line mistake CLI11 finds is one line naming the help to read",
          "[cli][options]") {
  ScratchDir dir("options-parse");
  CliResult r = run_surge({"run", "tests/mpi/small_campaign.yaml", "--sed", "3"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "error: The following arguments were not expected: 3 --sed (surge run --help lists the "
        "options)\n");
  CliResult missing = run_surge({"mc"}, dir.path(), "missing");
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::StartsWith("error: scenario is required"));
  CHECK(std::count(missing.err.begin(), missing.err.end(), '\n') == 1);
}

}  // namespace
}  // namespace surge::cli_test
