#pragma once
// What an experiment keeps of one replication: the inputs drawn, the headline KPIs, each
// target met or not (and when it first broke), where each missed target breaks, and the
// binding-constraint census (docs/kpis.md). Small and fixed-size for a
// given scenario, so a thousand replications cost little memory; the time series go to the
// streaming percentile bands instead (see monte_carlo.hpp).
#include <cstdint>
#include <string>
#include <vector>

#include "surge/metrics/run_result.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

// One headline KPI column: a KPI row of every replication, identified by its scope.
struct HeadlineKpi {
  std::string label;  // column name, e.g. "black_friday.fill_rate" or "run.support.service_level"
  std::string window, metric, node;
};

// The headline KPIs of a scenario: per window the order KPIs of all products and markets, the
// total cost, and each service node's service level and abandonment.
std::vector<HeadlineKpi> headline_kpis(const Scenario& scenario);
// The column of the whole run's total_cost among `headline` (every scenario has one), which
// `compare` and `optimise` pair with the baseline's; headline.size() if absent.
std::size_t run_total_cost_column(const std::vector<HeadlineKpi>& headline);

struct ReplicationRow {
  std::uint64_t replication = 0;
  std::vector<double> inputs;  // in the order of the scenario's campaigns
  std::vector<double> kpis;    // in the order of headline_kpis()
  std::vector<double> scoped;  // in the order of scoped_kpis() (metrics/scoped_kpis.hpp)
  std::vector<double> target_values;
  std::vector<std::uint8_t> target_met;
  std::vector<double> first_break;  // hours; -1 when the target did not break
  bool deliverable = false;         // every target met
  // Per target: where it breaks (TargetBreak::chain; "" when met or when no constraint held
  // its failing work up).
  std::vector<std::string> target_breaks;
  // Per row of RunResult::census (constraint by window, in that order): hours bound, work held.
  std::vector<double> census_bound, census_held;
  std::uint64_t events = 0, fingerprint = 0;
};

// The census rows' (window, constraint, kind) of a run, in the order of the row's census
// columns: the same for every replication of a scenario.
struct CensusKey {
  std::string window, constraint, kind;
};
std::vector<CensusKey> census_keys(const RunResult& result);

// Where a replication breaks: the chain of its first missed target ("" if none or none known).
std::string where_it_breaks(const ReplicationRow& row);
// The constraint at the head of a chain ("fc/earbuds" of "fc/earbuds out of stock ← ...").
std::string chain_head(const std::string& chain);

ReplicationRow make_row(const std::vector<HeadlineKpi>& headline, const RunResult& result);

}  // namespace surge
