#pragma once
// What `surge optimise` found, as the terminal, the HDF5 file (/optimise, docs/output.md) and
// the report show it: the search's result with the lever values, decision deadlines and, with
// --frontier, the cheapest deliverable plan at each value of a swept path.
#include <optional>
#include <string>
#include <vector>

#include "surge/experiment/studies/optimiser.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

// A lever whose chosen value differs from the file's and that has a lead time must be committed
// by the first time its value differs (its window's start, the time of the one-off order it
// sizes, or time 0), less its lead time.
struct CommitBy {
  std::string lever;  // its path
  Time at = 0;        // hours from time 0; negative: before the start, too late as planned
  std::string when;   // "day 40 (2026-11-10)", or "day 40" without a start date
};
std::vector<CommitBy> commit_by(const Scenario& scenario, const std::vector<double>& values);

// One search: the result and what the family-wise guarantee is.
struct Optimisation {
  OptimiseResult result;
  OptimiserOptions options;
};

// The cheapest deliverable plan at one value of the --frontier path.
struct FrontierPoint {
  std::string value;  // as given on the command line
  Optimisation optimisation;
};

struct Frontier {
  std::string path;  // the swept dotted path; empty: no frontier
  std::vector<FrontierPoint> points;
};

// The guarantee of one search in words (stated in the terminal, the file and the report).
std::string guarantee_text(const OptimiserOptions& options);

// The lever values of a point, in the scenario's lever order.
std::vector<double> lever_values(const Scenario& scenario, const LeverPoint& point);

// Writes the result file of `surge optimise` atomically (io/hdf5_writer.hpp).
void write_optimise_result(const std::string& path, const Scenario& scenario,
                           const Optimisation& optimisation, const Frontier& frontier);

}  // namespace surge
