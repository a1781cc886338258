// What a study refuses before its first replication: plans whose names cannot name their
// results, grids that repeat a path or hold more points than the limit.
#include <catch2/catch.hpp>
#include <filesystem>

#include "experiment_support.hpp"
#include "surge/experiment/studies/comparison.hpp"
#include "surge/experiment/studies/sweep.hpp"
#include "surge/io/scenario_loader.hpp"

using namespace surge;

namespace {

SweepAxis axis(const std::string& path, std::size_t values) {
  SweepAxis a;
  a.path = path;
  for (std::size_t i = 0; i < values; ++i) a.values.push_back(std::to_string(i));
  return a;
}

}  // namespace

TEST_CASE("a grid's size is the product of its axes, refused beyond the limit without overflow",
          "[experiment][limits]") {
  CHECK(check_sweep_grid({axis("a", 100), axis("b", 100)}) == 10'000);
  CHECK_THROWS_WITH(check_sweep_grid({axis("a", 100), axis("b", 101)}),
                    "the grid has 10100 points (100 x 101 values); the limit is 10000 points: "
                    "give fewer values per path, or split the sweep");
  // Each axis within its own limit, the product beyond 2^64: still a clear refusal.
  std::vector<SweepAxis> huge;
  for (const char* path : {"a", "b", "c", "d", "e"}) huge.push_back(axis(path, 100'000));
  CHECK_THROWS_WITH(check_sweep_grid(huge),
                    Catch::StartsWith("the grid has more than 18446744073709551615 points "
                                      "(100000 x 100000 x 100000 x 100000 x 100000 values)"));
  CHECK_THROWS_WITH(check_sweep_grid({axis("a", 2), axis("a", 3)}),
                    Catch::Contains("--grid a is given twice"));
  CHECK_THROWS_WITH(check_sweep_grid({}), Catch::Contains("at least one --grid"));
  // A zero-length axis cannot come from parse_grid, but the count stays exact.
  CHECK(check_sweep_grid({axis("a", 0), axis("b", 5)}) == 0);
}

TEST_CASE("a comparison refuses a plan named baseline before any replication runs",
          "[experiment][crn]") {
  std::string text = testing::small_campaign_scenario();
  text.replace(text.find("  more_stock:"), 13, "  baseline:");
  Scenario s = load_scenario_text(text, "plans.yaml");
  auto dir = std::filesystem::temp_directory_path() / "surge_plan_names_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  McOptions options;
  options.replications = 5;
  options.journal = (dir / "c.h5.journal").string();
  CHECK_THROWS_AS(run_comparison(s, options, false), ScenarioError);
  CHECK_THROWS_WITH(run_comparison(s, options, false),
                    Catch::StartsWith("plans.yaml: error: plan `baseline` in `plans`"));
  CHECK(std::filesystem::is_empty(dir));  // not even the baseline's journal was started
  std::filesystem::remove_all(dir);
}
