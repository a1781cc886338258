#pragma once
// HDF5 files of sweeps, plan comparisons and searches (layout in docs/output.md). Each keeps
// one summary table a reader can load in one call, plus the full Monte Carlo tables of every
// point or plan in its own group.
#include <string>

#include "surge/experiment/studies/comparison.hpp"
#include "surge/experiment/studies/diagnose.hpp"
#include "surge/experiment/studies/search.hpp"
#include "surge/experiment/studies/sweep.hpp"

namespace surge {

void write_sweep_result(const std::string& path, const Scenario& scenario, const Sweep& sweep);
void write_comparison_result(const std::string& path, const Scenario& scenario,
                             const PlanComparison& comparison);
void write_search_result(const std::string& path, const Scenario& scenario,
                         const SearchResult& search);
void write_diagnosis_result(const std::string& path, const Scenario& scenario,
                            const Diagnosis& diagnosis);

}  // namespace surge
