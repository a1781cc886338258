#pragma once
// The per-product, per-market, per-stock-point and per-resource KPIs that an experiment keeps
// of every replication, beside the network-wide headline KPIs (docs/output.md, "Monte Carlo
// tables"). The list is fixed by the scenario, so every replication fills the same slots.
// Chosen to be cheap (each is a row of the run's KPI table) and to answer "where?": which
// product or market missed, which stock point ran short, which resource was busy.
#include <string>
#include <vector>

#include "surge/metrics/run_result.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

struct ScopedKpi {
  std::string window, metric, node, product, market, resource;  // a /kpi row's scope
  // "<window>.<metric>[node=..,product=..,market=..,resource=..]" (the parts set; ids escaped
  // as in metrics/kpi_names.hpp, so the label is one HDF5 column name).
  std::string label() const;
};

// Per window (run, then each campaign):
// - each product customers order, when there are several: fill_rate, otif, lost_sales,
//   mean_lead_time;
// - each market, when there are several: the same four;
// - each stock point (node, product): on_hand, max_backlog, and bullwhip_ratio when it orders;
// - each station, production line and agent pool: utilisation and mean_wait;
// - each service node: wait_probability and mean_wait_all.
std::vector<ScopedKpi> scoped_kpis(const Scenario& scenario);

// The values of `layout` in a run's KPI table (NaN where the run has no such row).
std::vector<double> scoped_values(const std::vector<ScopedKpi>& layout, const RunResult& result);

}  // namespace surge
