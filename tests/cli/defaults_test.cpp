// The experiment commands without options (docs/cli.md, "Defaults"): `surge mc FILE` and
// `surge compare FILE` replicate until the verdict is settled, at most 1000, and say so;
// `surge search` without --range takes 1 to twice a campaign's uplift or says what to pass;
// --precision that stops at its cap says so.
#include <catch2/catch.hpp>
#include <regex>

#include "cli/cli_support.hpp"
#include "experiment/experiment_support.hpp"
#include "surge/experiment/monte_carlo/monte_carlo.hpp"
#include "surge/io/scenario_loader.hpp"

namespace surge::cli_test {
namespace {

const std::string kDefaultsLine =
    "No --reps or --precision: the run stops once its verdict is settled, at most 1000 "
    "replications (looks at 30, 60, 120, 240, 480, 1000; 99.17% Clopper-Pearson per look, 6 "
    "looks, 95% for the whole sequence). Give --reps N for a fixed count.\n";

// The replication count `surge mc` printed ("N replications in ...").
std::uint64_t replications_printed(const std::string& out) {
  std::smatch m;
  REQUIRE(std::regex_search(out, m, std::regex("\n([0-9]+) replications in ")));
  return std::stoull(m[1]);
}

TEST_CASE("surge mc FILE runs until the verdict is settled and prints the defaults it used",
          "[cli][defaults]") {
  ScratchDir dir("defaults-mc");
  write_text(dir / "small.yaml", testing::small_campaign_scenario());
  const std::string s = (dir / "small.yaml").string();
  CliResult r = run_surge({"mc", s, "-o", (dir / "a.h5").string()}, dir.path(), "mc");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind(kDefaultsLine, 0) == 0);
  CHECK_THAT(r.out, Catch::Contains("(99.17% Clopper-Pearson per look, 6 looks)"));
  const std::uint64_t n = replications_printed(r.out);
  const std::vector<std::uint64_t> looks{30, 60, 120, 240, 480, 1000};
  CHECK(std::find(looks.begin(), looks.end(), n) != looks.end());

  // The same as the library's sequential rule with a cap of 1000, for any thread count.
  McOptions options;
  options.until_settled = true;
  options.replications = 1000;
  options.threads = 1;
  McResult lib = run_monte_carlo(load_scenario_file(s), options);
  CHECK(lib.replications() == n);
  CliResult two = run_surge({"mc", s, "--threads", "2", "-q", "-o", (dir / "b.h5").string()},
                            dir.path(), "two");
  CHECK(two.exit_code == 0);
  CHECK(two.out.empty());  // -q: not even the defaults
  CHECK(read_text(dir / "a.h5") == read_text(dir / "b.h5"));

  // --max-reps caps the default run.
  CliResult capped = run_surge({"mc", s, "--max-reps", "20"}, dir.path(), "capped");
  CHECK(capped.exit_code == 0);
  CHECK_THAT(capped.out, Catch::StartsWith("No --reps or --precision: the run stops once its "
                                           "verdict is settled, at most 20 replications (looks "
                                           "at 20; 95% Clopper-Pearson, one look"));
}

TEST_CASE("a default run resumes from its journal like any other", "[cli][defaults][resume]") {
  ScratchDir dir("defaults-resume");
  write_text(dir / "small.yaml", testing::small_campaign_scenario());
  const std::string s = (dir / "small.yaml").string();
  REQUIRE(
      run_surge({"mc", s, "-q", "-o", (dir / "full.h5").string()}, dir.path(), "full").exit_code ==
      0);
  // The journal the default run writes, cut after 10 replications.
  McOptions options;
  options.until_settled = true;
  options.replications = 1000;
  options.journal = (dir / "part.h5.journal").string();
  run_monte_carlo(load_scenario_file(s), options);
  std::string bytes = read_text(options.journal);
  testing::write_file(options.journal, bytes.substr(0, testing::journal_record_offset(bytes, 10)));
  CliResult resumed =
      run_surge({"mc", s, "--resume", "-o", (dir / "part.h5").string()}, dir.path(), "resumed");
  INFO("stderr: " << resumed.err);
  CHECK(resumed.exit_code == 0);
  CHECK_THAT(resumed.out, Catch::Contains("(10 from the journal)"));
  CHECK(read_text(dir / "part.h5") == read_text(dir / "full.h5"));
}

TEST_CASE("surge compare FILE settles the baseline and every plan, and says so",
          "[cli][defaults]") {
  ScratchDir dir("defaults-compare");
  write_text(dir / "small.yaml", testing::small_campaign_scenario());
  CliResult r = run_surge({"compare", (dir / "small.yaml").string()}, dir.path(), "compare");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("No --reps or --precision: the baseline and each plan stop "
                                      "once their verdict is settled, at most 1000 replications"));
  CHECK_THAT(r.out, Catch::Contains(
                        "The baseline stops the same way, as `surge mc` without --reps does."));
  CHECK_FALSE(Catch::Contains("The baseline runs all").match(r.out));
  // --all-reps means "every plan to --reps N": without N it is refused, not guessed.
  CliResult all =
      run_surge({"compare", (dir / "small.yaml").string(), "--all-reps"}, dir.path(), "all");
  CHECK(all.exit_code == 2);
  CHECK(all.err == "error: --all-reps runs every plan or probe to --reps N: give --reps too\n");
}

TEST_CASE("surge search without --range takes 1 to twice an uplift, or says what to pass",
          "[cli][defaults]") {
  ScratchDir dir("defaults-search");
  write_text(dir / "small.yaml", testing::small_campaign_scenario());
  const std::string s = (dir / "small.yaml").string();
  // The promo's uplift is uniform on [1.5, 3.5]: mean 2.5, so 1 to 5.
  CliResult r = run_surge({"search", s, "--param", "campaigns.promo.uplift", "--steps", "1",
                           "--reps", "10", "-o", (dir / "s.h5").string()},
                          dir.path(), "uplift");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("No --range: searching campaigns.promo.uplift from 1 to 5 "
                                      "(1 to twice the mean uplift 2.5, rounded up; at least 2)."));
  CHECK_THAT(r.out, Catch::Contains("\n1               10 "));  // the first probe: LOW
  CliResult other = run_surge({"search", s, "--param", "nodes.desk.agents"}, dir.path(), "other");
  CHECK(other.exit_code == 2);
  CHECK(other.err ==
        "error: give --range LOW:HIGH for nodes.desk.agents: only a campaign's uplift "
        "(campaigns.ID.uplift) has a default range; give the lowest and highest value to try in "
        "the unit the path takes, e.g. --range 1:20 for a count, 400/d:1200/d for a rate, 1d:5d "
        "for a duration\n");
  CliResult bad = run_surge({"search", s, "--param", "campaigns.promo.uplift", "--range", "1:inf"},
                            dir.path(), "inf");
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::StartsWith("error: --range takes LOW:HIGH"));
}

TEST_CASE("a precision run that stops at --max-reps says it was not reached", "[cli][defaults]") {
  ScratchDir dir("defaults-precision");
  write_text(dir / "small.yaml", testing::small_campaign_scenario());
  const std::string s = (dir / "small.yaml").string();
  CliResult missed =
      run_surge({"mc", s, "--precision", "0.01", "--max-reps", "40"}, dir.path(), "missed");
  CHECK(missed.exit_code == 0);
  CHECK_THAT(missed.err, Catch::StartsWith("warning: --precision 0.01 was not reached: stopped at "
                                           "the cap of 40 replications (--max-reps) with widest "
                                           "interval ±"));
  CHECK_THAT(missed.err, Catch::Contains("raise --max-reps or ask for less precision"));
  CHECK_THAT(missed.out, Catch::Contains("40 replications in"));
  CliResult reached =
      run_surge({"mc", s, "--precision", "0.3", "--max-reps", "400"}, dir.path(), "reached");
  CHECK(reached.exit_code == 0);
  CHECK(reached.err.empty());
  CliResult sweep = run_surge(
      {"sweep", s, "--precision", "0.05", "--max-reps", "40", "--grid", "nodes.desk.agents=1,2"},
      dir.path(), "sweep");
  CHECK(sweep.exit_code == 0);
  CHECK_THAT(sweep.err,
             Catch::StartsWith("warning: --precision 0.05 was not reached by 2 of 2 grid points "
                               "(p0, p1): stopped at the cap of 40 replications"));
  CliResult quiet =
      run_surge({"mc", s, "--precision", "0.01", "--max-reps", "40", "-q"}, dir.path(), "quiet");
  CHECK(quiet.err.empty());
}

}  // namespace
}  // namespace surge::cli_test
