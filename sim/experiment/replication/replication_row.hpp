#pragma once
// What an experiment keeps of one replication: the inputs drawn, the headline KPIs, each
// target met or not (and when it first broke), and the bottleneck. Small and fixed-size for a
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

struct ReplicationRow {
  std::uint64_t replication = 0;
  std::vector<double> inputs;  // in the order of the scenario's campaigns
  std::vector<double> kpis;    // in the order of headline_kpis()
  std::vector<double> scoped;  // in the order of scoped_kpis() (metrics/scoped_kpis.hpp)
  std::vector<double> target_values;
  std::vector<std::uint8_t> target_met;
  std::vector<double> first_break;  // hours; -1 when the target did not break
  bool deliverable = false;         // every target met
  std::string bottleneck;           // node/resource busiest in the first missed target's window
  std::uint64_t events = 0, fingerprint = 0;
};

ReplicationRow make_row(const std::vector<HeadlineKpi>& headline, const RunResult& result);

}  // namespace surge
