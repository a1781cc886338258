// The end-of-game table of `surge play` (experiment/echelon_table.hpp), checked against the
// run's own time series and KPIs.
#include "surge/experiment/teaching/echelon_table.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "../support/run_support.hpp"
#include "surge/experiment/replication/replication.hpp"
#include "surge/io/scenario_loader.hpp"

namespace surge {
namespace {

double sample_variance(const std::vector<double>& x) {
  double n = static_cast<double>(x.size()), mean = 0, ss = 0;
  for (double v : x) mean += v / n;
  for (double v : x) ss += (v - mean) * (v - mean);
  return ss / (n - 1);
}

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
  std::vector<double> retailer_demand;
  for (const StockSample& x : r.stock_series)
    if (r.node_of(x) == "retailer" && x.time > 0) retailer_demand.push_back(x.demand);
  CHECK(t.demand_variance == Approx(sample_variance(retailer_demand)));
  CHECK(t.rows[0].bullwhip == Approx(t.rows[0].order_variance / t.demand_variance));
  // ... so at the retailer the ratio is the KPI bullwhip_ratio, and the peak backlog the KPI's.
  CHECK(t.rows[0].bullwhip == Approx(r.kpi("run", "bullwhip_ratio", "retailer", "beer")));
  CHECK(t.rows[0].bullwhip_kpi == Approx(r.kpi("run", "bullwhip_ratio", "retailer", "beer")));
  CHECK(t.rows[1].max_backlog == r.kpi("run", "max_backlog", "wholesaler", "beer"));
  // The lesson's point: orders swing more the further upstream (seed 1).
  CHECK(t.rows[3].order_variance > t.rows[0].order_variance);
  CHECK(t.rows[3].bullwhip > 1);
}

// Two products of very different volume at one shop, each reordered every week, and a
// warm-up. The old table divided every product's order variance by the variance of both
// products' demand together, over every week including the warm-up.
const char* kTwoProducts = R"(name: two products
horizon: 60w
warmup: 10w
sample_every: 1w
seed: 7
products:
  - {id: keg}
  - {id: bottle}
nodes:
  - id: brewery
    type: supplier
    products: {keg: {lead_time: 0d}, bottle: {lead_time: 0d}}
  - id: depot
    type: warehouse
    inventory:
      keg:
        initial: 40
        source: brewery
        policy: {type: anchor_adjust, review: 1w, target_stock: 40, initial_demand: 10}
      bottle:
        initial: 600
        source: brewery
        policy: {type: anchor_adjust, review: 1w, target_stock: 600, initial_demand: 200}
  - id: pub
    type: warehouse
    inventory:
      keg:
        initial: 20
        source: depot
        policy: {type: anchor_adjust, review: 1w, target_stock: 20, alpha_sl: 0.1, initial_demand: 10}
      bottle:
        initial: 300
        source: depot
        policy: {type: anchor_adjust, review: 1w, target_stock: 300, alpha_sl: 0.1, initial_demand: 200}
lanes:
  - {from: brewery, to: depot, lead_time: 1w}
  - {from: depot, to: pub, lead_time: 1w}
markets:
  - id: drinkers
    served_by: pub
    on_stockout: backorder
    demand:
      - {product: keg, rate: 10/w}
      - {product: bottle, rate: 200/w, seasonal: [{from: 30w, to: 60w, factor: 1.5}]}
)";

TEST_CASE(
    "echelon table: each bullwhip ratio divides by the same product's customer demand "
    "over the same periods, the run window's",
    "[experiment][echelon]") {
  Scenario s = test::load(kTwoProducts);
  RunResult r = run_replication(s, 0);
  EchelonTable t = echelon_table(s, r);
  REQUIRE(t.rows.size() == 4);
  const Window& run = r.windows.front();
  REQUIRE(run.name == "run");
  REQUIRE(run.start == Approx(10 * kWeek));
  // By hand: the weeks (t - 1w, t] inside [10w, 60w], per product.
  auto weekly = [&](const std::string& node, const std::string& product, bool demand) {
    std::vector<double> out;
    for (const StockSample& x : r.stock_series)
      if (r.node_of(x) == node && r.product_of(x) == product &&
          x.time - kWeek >= run.start - 1e-9 && x.time <= run.end + 1e-9)
        out.push_back(demand ? x.demand : x.ordered);
    return out;
  };
  for (const EchelonRow& row : t.rows) {
    INFO(row.node << "/" << row.product);
    std::vector<double> orders = weekly(row.node, row.product, false);
    REQUIRE(orders.size() == 50);
    std::vector<double> customers = weekly("pub", row.product, true);
    CHECK(row.order_variance == Approx(sample_variance(orders)));
    CHECK(row.bullwhip == Approx(sample_variance(orders) / sample_variance(customers)));
    CHECK(row.bullwhip_kpi == Approx(r.kpi("run", "bullwhip_ratio", row.node, row.product)));
    // At the pub the demand it sees is the customers' own: the two ratios are one number.
    if (row.node == "pub") CHECK(row.bullwhip == Approx(row.bullwhip_kpi));
  }
  // The line under the table: every product's customer demand together, same weeks.
  std::vector<double> keg = weekly("pub", "keg", true), bottle = weekly("pub", "bottle", true);
  std::vector<double> both;
  for (std::size_t i = 0; i < keg.size(); ++i) both.push_back(keg[i] + bottle[i]);
  CHECK(t.demand_variance == Approx(sample_variance(both)));
}

}  // namespace
}  // namespace surge
