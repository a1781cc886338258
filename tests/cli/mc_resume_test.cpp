// `surge mc --resume` after a real kill -9 of the running binary ends with the same file as an
// uninterrupted run.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "cli/cli_support.hpp"
#include "experiment/experiment_support.hpp"

namespace surge::cli_test {
namespace {

TEST_CASE("an mc run killed mid-way and resumed writes the same file as an uninterrupted run",
          "[cli][resume]") {
  ScratchDir dir("mc-resume");
  write_text(dir / "small.yaml", testing::small_campaign_scenario());
  const std::string reps = "2000";
  auto full = run_surge({"mc", (dir / "small.yaml").string(), "--reps", reps, "--threads", "2",
                         "-o", (dir / "full.h5").string(), "-q"},
                        dir.path(), "full");
  REQUIRE(full.exit_code == 0);

  // Start the same run in the background and kill it once the journal holds some records.
  const auto part = dir / "part.h5", journal = dir / "part.h5.journal";
  std::string start = "cd " + shell_quote(SURGE_SOURCE_DIR) + " && (" + shell_quote(SURGE_BINARY) +
                      " mc " + shell_quote((dir / "small.yaml").string()) + " --reps " + reps +
                      " --threads 2 -o " + shell_quote(part.string()) +
                      " -q </dev/null >/dev/null 2>&1 & echo $! > " +
                      shell_quote((dir / "pid").string()) + ")";
  REQUIRE(shell(start) == 0);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline &&
         (!fs::exists(journal) || fs::file_size(journal) < 20000))
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  REQUIRE(shell("kill -9 $(cat " + shell_quote((dir / "pid").string()) + ")") == 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  REQUIRE_FALSE(fs::exists(part));  // it really was stopped before the end
  REQUIRE(fs::exists(journal));

  auto resumed = run_surge({"mc", (dir / "small.yaml").string(), "--reps", reps, "--threads", "2",
                            "-o", part.string(), "--resume"},
                           dir.path(), "resumed");
  REQUIRE(resumed.exit_code == 0);
  CHECK_THAT(resumed.out, Catch::Contains("from the journal"));
  CHECK_FALSE(fs::exists(journal));  // removed once the result is written
  CHECK(read_text(part) == read_text(dir / "full.h5"));

  // Nothing left to resume now.
  auto again = run_surge(
      {"mc", (dir / "small.yaml").string(), "--reps", reps, "-o", part.string(), "--resume"},
      dir.path(), "again");
  CHECK(again.exit_code == 2);
  CHECK_THAT(again.err, Catch::Contains("nothing to resume"));
}

}  // namespace
}  // namespace surge::cli_test
