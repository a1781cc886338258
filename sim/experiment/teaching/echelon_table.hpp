#pragma once
// Per-echelon figures of one run, for the beer game's end-of-game table: each replenished
// stock point's cost, peak backlog, and the variance of its orders against the variance of
// the customers' demand of the same product (the bullwhip ratio). Read from the result alone
// (KPIs and the stock time series), so a run file's figures can be checked against the table,
// and they are the figures of the report's "Your game" table (analysis/surge_analysis/
// echelons.py, echelon_table).
#include <string>
#include <vector>

#include "surge/metrics/run_result.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

struct EchelonRow {
  std::string node, product;
  double cost = 0;         // holding + backorder cost over the `run` window
  double max_backlog = 0;  // the KPI max_backlog: the largest backlog at any moment of `run`
  double mean_order = 0, order_variance = 0;  // per sampling period of the run window
  // Var(orders) / Var(the customers' demand of this product), over the same periods; NaN when
  // no customer orders the product or that demand never varied.
  double bullwhip = 0;
  double bullwhip_kpi = 0;  // the KPI bullwhip_ratio: against the demand the stock point saw
};

struct EchelonTable {
  std::vector<EchelonRow> rows;  // customer-facing first, then upstream echelon by echelon
  // The customers' demand per sampling period of the run window, summed over every product
  // (for the line under the table; each row's ratio uses its own product's).
  double demand_mean = 0, demand_variance = 0;
  double total_cost = 0;  // sum of the rows' cost
};

// Stock points whose policy orders (type other than none). The customers' demand of a product
// in a period is the demand of that product on the stock points of nodes that serve a market
// (in the beer game, exactly the customers' orders at the retailer). The periods are those of
// the KPI bullwhip_ratio (docs/kpis.md): sampling periods lying wholly inside the run window;
// a stock point without a sample at one of them ordered nothing in it. Variances are sample
// variances (n - 1).
EchelonTable echelon_table(const Scenario& scenario, const RunResult& result);

}  // namespace surge
