#pragma once
// Per-echelon figures of one run, for the beer game's end-of-game table: each replenished
// stock point's cost, peak backlog, and the variance of its orders against the variance of
// the customers' demand (the bullwhip ratio). Read from the result alone (KPIs and the stock
// time series), so a run file's figures can be checked against the table.
#include <string>
#include <vector>

#include "surge/metrics/run_result.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

struct EchelonRow {
  std::string node, product;
  double cost = 0;                            // holding + backorder cost over the `run` window
  double max_backlog = 0;                     // at the samples of the time series
  double mean_order = 0, order_variance = 0;  // per sampling period, after t = 0
  double bullwhip = 0;  // order_variance / customer demand variance (NaN if that is 0)
};

struct EchelonTable {
  std::vector<EchelonRow> rows;  // customer-facing first, then upstream echelon by echelon
  double demand_mean = 0, demand_variance = 0;  // customers' demand per sampling period
  double total_cost = 0;                        // sum of the rows' cost
};

// Stock points whose policy orders (type other than none). The customers' demand of a period
// is the demand on the stock points of nodes that serve a market (in the beer game, exactly
// the customers' orders at the retailer). Variances are sample variances (n - 1).
EchelonTable echelon_table(const Scenario& scenario, const RunResult& result);

}  // namespace surge
