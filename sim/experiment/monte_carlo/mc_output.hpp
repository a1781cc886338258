#pragma once
// Writes a Monte Carlo result to HDF5 (layout in docs/output.md, "Monte Carlo files"):
// one row per replication, the KPI summary with confidence intervals, the verdict, and the
// time-series percentile bands. Atomic like every Surge file.
#include <string>

#include "surge/experiment/monte_carlo/monte_carlo.hpp"
#include "surge/experiment/monte_carlo/verdict.hpp"

namespace surge {

namespace h5 {
class Group;
}

void write_mc_result(const std::string& path, const Scenario& scenario, const McResult& result,
                     const Verdict& verdict);

// The tables of one Monte Carlo result under `group` (shared by sweeps and comparisons, which
// write one such group per point or plan). `scenario` names the targets and the scoped KPIs.
void write_mc_tables(const h5::Group& group, const Scenario& scenario, const McResult& result,
                     const Verdict& verdict);

}  // namespace surge
