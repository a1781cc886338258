// Journals through the real `surge` command: a damaged record is detected on --resume and run
// again (with a warning), a damaged header is refused, and an internal error (exit code 70)
// leaves neither a result nor a journal behind (docs/output.md, "Journals").
#include <catch2/catch.hpp>

#include "cli/cli_support.hpp"
#include "experiment/experiment_support.hpp"
#include "surge/experiment/monte_carlo/monte_carlo.hpp"
#include "surge/io/scenario_loader.hpp"

namespace surge::cli_test {
namespace {

// Writes the journal `surge mc FILE --reps N -o OUT` would leave, as if it had been stopped
// after every replication was journaled but before the result was written.
void write_mc_journal(const fs::path& scenario, std::uint64_t reps, const fs::path& output) {
  McOptions options;
  options.replications = reps;
  options.threads = 2;
  options.journal = output.string() + ".journal";
  run_monte_carlo(load_scenario_file(scenario.string()), options);
}

TEST_CASE("mc --resume reruns a journal's damaged records and writes the uninterrupted file",
          "[cli][resume]") {
  ScratchDir dir("journal-damage");
  write_text(dir / "small.yaml", testing::small_campaign_scenario());
  const std::string scenario = (dir / "small.yaml").string();
  auto full = run_surge({"mc", scenario, "--reps", "20", "-o", (dir / "full.h5").string(), "-q"},
                        dir.path(), "full");
  REQUIRE(full.exit_code == 0);

  const fs::path part = dir / "part.h5";
  const std::string journal = part.string() + ".journal";
  for (bool at_the_end : {false, true}) {
    INFO((at_the_end ? "the last byte of the journal" : "a byte of record 7"));
    write_mc_journal(dir / "small.yaml", 20, part);
    std::string bytes = read_text(journal);
    std::size_t flip =
        at_the_end ? bytes.size() - 1 : testing::journal_record_offset(bytes, 7) + 50;
    bytes[flip] = static_cast<char>(bytes[flip] ^ 0x04);
    testing::write_file(journal, bytes);

    auto resumed = run_surge({"mc", scenario, "--reps", "20", "-o", part.string(), "--resume"},
                             dir.path(), "resumed");
    INFO("stderr: " << resumed.err);
    REQUIRE(resumed.exit_code == 0);
    const std::string first = at_the_end ? "19" : "7";
    CHECK_THAT(resumed.err, Catch::StartsWith("warning: the journal " + journal +
                                              " is damaged at the record of replication " + first));
    CHECK_THAT(resumed.err, Catch::Contains("replications from " + first + " on run again"));
    CHECK_THAT(resumed.out, Catch::Contains("(" + first + " from the journal)"));
    CHECK(read_text(part) == read_text(dir / "full.h5"));
    CHECK_FALSE(fs::exists(journal));
    fs::remove(part);
  }

  // The warning is about the disk, not the result: -q does not hide it.
  write_mc_journal(dir / "small.yaml", 20, part);
  std::string bytes = read_text(journal);
  bytes[testing::journal_record_offset(bytes, 3) + 30] ^= 0x01;
  testing::write_file(journal, bytes);
  auto quiet = run_surge({"mc", scenario, "--reps", "20", "-o", part.string(), "--resume", "-q"},
                         dir.path(), "quiet");
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.out.empty());
  CHECK_THAT(quiet.err, Catch::Contains("is damaged at the record of replication 3"));
  CHECK(read_text(part) == read_text(dir / "full.h5"));
  fs::remove(part);

  // A damaged header: exit 2, a message saying so, the journal left for the user to inspect.
  write_mc_journal(dir / "small.yaml", 20, part);
  bytes = read_text(journal);
  bytes[12] ^= 0x01;
  testing::write_file(journal, bytes);
  auto header = run_surge({"mc", scenario, "--reps", "20", "-o", part.string(), "--resume"},
                          dir.path(), "header");
  CHECK(header.exit_code == 2);
  CHECK_THAT(header.err,
             Catch::StartsWith("error: the header of the journal " + journal + " is damaged"));
  CHECK_THAT(header.err, Catch::Contains("run without --resume"));
  CHECK_FALSE(fs::exists(part));
  CHECK(fs::exists(journal));
}

TEST_CASE("an internal error exits 70 and leaves neither a result nor a journal", "[cli][resume]") {
  ScratchDir dir("journal-internal");
  fs::create_directories(dir / "out");
  write_text(dir / "small.yaml", testing::small_campaign_scenario());
  const std::string scenario = (dir / "small.yaml").string();
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"mc", scenario, "--reps", "20", "--threads", "1", "-o",
                                 (dir / "out" / "mc.h5").string()},
        std::vector<std::string>{"compare", scenario, "--reps", "20", "--threads", "1", "-o",
                                 (dir / "out" / "compare.h5").string()}}) {
    INFO(args[0]);
    // Replication 12 fails in the baseline of compare: its journal holds 0-11 by then.
    auto r = run_surge_with_env("SURGE_TEST_INTERNAL_ERROR_AT=12", args, dir.path(), args[0]);
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 70);
    CHECK_THAT(r.err, Catch::StartsWith("internal error: "));
    CHECK_THAT(r.err, Catch::Contains("this is a bug in Surge"));
    CHECK(entries(dir / "out").empty());
  }
  // A resumed run that dies of an internal error loses its journal too: the bug may have
  // touched it, and a fixed Surge must not mix the faulty run's replications into its own.
  write_mc_journal(dir / "small.yaml", 20, dir / "out" / "r.h5");
  const std::string journal = (dir / "out" / "r.h5.journal").string();
  std::string bytes = read_text(journal);
  testing::write_file(journal, bytes.substr(0, testing::journal_record_offset(bytes, 10)));
  auto r = run_surge_with_env("SURGE_TEST_INTERNAL_ERROR_AT=15",
                              {"mc", scenario, "--reps", "20", "--threads", "1", "-o",
                               (dir / "out" / "r.h5").string(), "--resume"},
                              dir.path(), "resumed");
  CHECK(r.exit_code == 70);
  CHECK(entries(dir / "out").empty());
}

}  // namespace
}  // namespace surge::cli_test
