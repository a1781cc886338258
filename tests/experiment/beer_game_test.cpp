// The beer game (scenarios/teaching/beer_game.yaml) moves whole cases, as the board game does
// and as the person playing must (they type whole numbers): the simulated partners'
// anchor_adjust rule orders whole cases, so every order, shipment and stock level is whole.
#include <catch2/catch.hpp>
#include <cmath>

#include "surge/experiment/replication/replication.hpp"
#include "surge/experiment/teaching/game.hpp"
#include "surge/io/scenario_loader.hpp"

namespace surge {
namespace {

bool whole(double x) { return std::fabs(x - std::round(x)) < 1e-9; }

// Every sample of every stock point: orders placed, requests received, on hand, backlog and on
// order (which falls by each shipment received) are whole numbers of cases.
void check_whole_cases(const RunResult& r) {
  REQUIRE(!r.stock_series.empty());
  for (const StockSample& x : r.stock_series) {
    INFO(r.node_of(x) << " at " << x.time / kWeek << " weeks");
    CHECK(whole(x.ordered));
    CHECK(whole(x.demand));
    CHECK(whole(x.on_hand));
    CHECK(whole(x.backlog));
    CHECK(whole(x.on_order));
  }
}

// Sampled daily, so that shipments arriving within a week are seen one by one.
Scenario beer_game() {
  return load_scenario_file(std::string(SURGE_SOURCE_DIR) + "/scenarios/teaching/beer_game.yaml",
                            {"sample_every=1d"});
}

TEST_CASE("the beer game's simulated partners order and ship whole cases", "[experiment][game]") {
  Scenario s = beer_game();
  for (std::uint64_t rep = 0; rep < 3; ++rep) check_whole_cases(run_replication(s, rep));
}

TEST_CASE("a played beer game moves whole cases at every echelon", "[experiment][game]") {
  GameOutcome game =
      replay_game(beer_game(), "wholesaler", {4, 4, 8, 8, 8, 12, 12, 8, 8, 4, 4, 16, 0, 2});
  check_whole_cases(game.result);
}

}  // namespace
}  // namespace surge
