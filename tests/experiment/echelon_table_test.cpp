// The end-of-game table of `surge play` (experiment/echelon_table.hpp), checked against the
// run's own time series and KPIs.
#include "surge/experiment/teaching/echelon_table.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "surge/experiment/replication/replication.hpp"
#include "surge/io/scenario_loader.hpp"

namespace surge {
namespace {

TEST_CASE("echelon table: customer-facing first, costs add up, bullwhip from the weekly series",
          "[experiment][echelon]") {
  Scenario s =
      load_scenario_file(std::string(SURGE_SOURCE_DIR) + "/scenarios/teaching/beer_game.yaml");
  RunResult r = run_replication(s, 0);
  EchelonTable t = echelon_table(s, r);
  REQUIRE(t.rows.size() == 4);
  CHECK(t.rows[0].node == "retailer");
  CHECK(t.rows[1].node == "wholesaler");
  CHECK(t.rows[2].node == "distributor");
  CHECK(t.rows[3].node == "factory");
  // Every cost of the beer game is holding or backlog: the rows add up to the network total.
  CHECK(t.total_cost == Approx(r.kpi("run", "total_cost")).epsilon(1e-9));
  // The retailer's demand is the customers' demand: its own ratio uses the same series.
  std::vector<double> retailer_demand, retailer_orders;
  for (const StockSample& x : r.stock_series)
    if (x.node == "retailer" && x.time > 0) {
      retailer_demand.push_back(x.demand);
      retailer_orders.push_back(x.ordered);
    }
  double n = static_cast<double>(retailer_demand.size()), mean = 0, ss = 0;
  for (double d : retailer_demand) mean += d / n;
  for (double d : retailer_demand) ss += (d - mean) * (d - mean);
  CHECK(t.demand_variance == Approx(ss / (n - 1)));
  CHECK(t.rows[0].bullwhip == Approx(t.rows[0].order_variance / t.demand_variance));
  // The lesson's point: orders swing more the further upstream (seed 1).
  CHECK(t.rows[3].order_variance > t.rows[0].order_variance);
  CHECK(t.rows[3].bullwhip > 1);
}

}  // namespace
}  // namespace surge
