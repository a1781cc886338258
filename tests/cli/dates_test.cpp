// Dates and money in what the terminal prints (docs/cli.md, "Dates and money"): with a scenario
// `start_date`, every model time shows its calendar date and, in or after a campaign, the
// campaign day; with `currency`, every money figure its code. Without them, as before.
#include <catch2/catch.hpp>
#include <string>

#include "cli/cli_support.hpp"
#include "experiment/experiment_support.hpp"

namespace surge::cli_test {
namespace {

// The small campaign scenario, short of stock so that its campaign target breaks, and
// optionally dated: time 0 is 2026-10-01, the campaign starts on 2026-10-11 (day 10).
std::string scenario_text(bool dated) {
  std::string text = testing::small_campaign_scenario();
  auto replace = [&](const std::string& from, const std::string& to) {
    std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  };
  replace("initial: 400", "initial: 120");
  if (dated) {
    replace("    start: 10d\n", "    start: 2026-10-11\n");
    text = "start_date: 2026-10-01\ncurrency: EUR\n" + text;
  }
  return text;
}

bool has(const std::string& out, const std::string& what) {
  return out.find(what) != std::string::npos;
}

TEST_CASE("a dated scenario's run summary shows dates, the campaign day and the currency",
          "[cli][dates]") {
  ScratchDir dir("dates_run");
  write_text(dir / "dated.yaml", scenario_text(true));
  write_text(dir / "plain.yaml", scenario_text(false));

  CliResult dated = run_surge({"run", (dir / "dated.yaml").string()}, dir.path(), "dated");
  INFO("stdout: " << dated.out << "\nstderr: " << dated.err);
  REQUIRE(dated.exit_code == 0);
  CHECK(has(dated.out, "horizon 20 d: 2026-10-01 to 2026-10-21"));
  // The campaign target breaks inside the campaign: its day, date and campaign day.
  CHECK(has(dated.out, "; first broke on day 1"));
  CHECK(has(dated.out, " (2026-10-"));
  CHECK(has(dated.out, ", campaign day "));
  // Money rows carry the currency; other rows do not.
  std::size_t cost = dated.out.find("  total cost");
  REQUIRE(cost != std::string::npos);
  std::string cost_row = dated.out.substr(cost, dated.out.find('\n', cost) - cost);
  CHECK(has(cost_row, " EUR"));
  std::size_t fill = dated.out.find("  fill rate");
  REQUIRE(fill != std::string::npos);
  CHECK_FALSE(has(dated.out.substr(fill, dated.out.find('\n', fill) - fill), "EUR"));

  CliResult plain = run_surge({"run", (dir / "plain.yaml").string()}, dir.path(), "plain");
  REQUIRE(plain.exit_code == 0);
  CHECK(has(plain.out, "; first broke on day 1"));
  CHECK_FALSE(has(plain.out, "2026-"));
  CHECK_FALSE(has(plain.out, "campaign day"));
  CHECK_FALSE(has(plain.out, "EUR"));
}

TEST_CASE("a dated scenario's mc and compare show first-break dates and costs with the currency",
          "[cli][dates][experiment]") {
  ScratchDir dir("dates_mc");
  write_text(dir / "dated.yaml", scenario_text(true));
  write_text(dir / "plain.yaml", scenario_text(false));

  CliResult mc = run_surge({"mc", (dir / "dated.yaml").string(), "--reps", "20"}, dir.path(), "mc");
  INFO("stdout: " << mc.out << "\nstderr: " << mc.err);
  REQUIRE(mc.exit_code == 0);
  CHECK(has(mc.out, "median first break: day 1"));
  CHECK(has(mc.out, ", campaign day "));
  CHECK(has(mc.out, " EUR\n"));  // the money KPIs' means

  CliResult compare =
      run_surge({"compare", (dir / "dated.yaml").string(), "--reps", "20"}, dir.path(), "cmp");
  INFO("stdout: " << compare.out << "\nstderr: " << compare.err);
  REQUIRE(compare.exit_code == 0);
  CHECK(has(compare.out, "100 EUR"));  // more_stock's cost in the plans table
  CHECK(has(compare.out, "300 EUR"));  // more_agents'
  CHECK(has(compare.out, "median first break: day 1"));

  CliResult plain =
      run_surge({"compare", (dir / "plain.yaml").string(), "--reps", "20"}, dir.path(), "plain");
  REQUIRE(plain.exit_code == 0);
  CHECK_FALSE(has(plain.out, "EUR"));
  CHECK_FALSE(has(plain.out, "2026-"));
  CHECK_FALSE(has(plain.out, "median first break"));
}

}  // namespace
}  // namespace surge::cli_test
