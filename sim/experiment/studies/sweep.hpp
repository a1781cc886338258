#pragma once
// `surge sweep`: a grid over dotted paths; every point runs the same replications (common
// random numbers) and reports P(deliverable) and KPI summaries.
#include <cstddef>
#include <string>
#include <vector>

#include "surge/experiment/monte_carlo/monte_carlo.hpp"
#include "surge/experiment/monte_carlo/verdict.hpp"

namespace surge {

struct SweepAxis {
  std::string path;
  std::vector<std::string> values;  // YAML value texts
};

// Parses "path=v1,v2,..." or "path=lo:hi:step" (inclusive of hi within rounding). Throws
// Error with a clear message for an empty list, a zero or wrong-signed step, or a missing '='.
SweepAxis parse_grid(const std::string& spec);

// Most points a grid may have (a sanity limit, docs/reliability.md): every point keeps its
// scenario and its Monte Carlo summaries in memory and runs at least one replication.
inline constexpr std::size_t kMaxSweepPoints = 10'000;

// Checks a grid before anything runs: every path once and without `/` (each names a column of
// the result file), and the number of points (the product of the axes' lengths, computed
// without overflow) at most kMaxSweepPoints. Returns the number of points; throws Error.
std::size_t check_sweep_grid(const std::vector<SweepAxis>& axes);

struct SweepPoint {
  std::vector<std::string> values;  // one per axis
  McResult mc;
  Verdict verdict;
};

struct Sweep {
  std::vector<SweepAxis> axes;
  std::vector<SweepPoint> points;  // the grid in row-major order (last axis fastest)
};

// Every point's scenario is validated before any replication runs.
Sweep run_sweep(const Scenario& scenario, const std::vector<SweepAxis>& axes,
                const McOptions& options,
                const std::function<void(std::size_t point, std::size_t points)>& per_point = {});

}  // namespace surge
