#pragma once
// Printed reports of `surge sweep`, `surge compare` and `surge search`.
#include <iosfwd>

#include "surge/experiment/studies/comparison.hpp"
#include "surge/experiment/studies/search.hpp"
#include "surge/experiment/studies/sweep.hpp"

namespace surge {

void print_sweep(std::ostream& out, const Scenario& scenario, const Sweep& sweep);
void print_comparison(std::ostream& out, const Scenario& scenario,
                      const PlanComparison& comparison);
void print_search(std::ostream& out, const Scenario& scenario, const SearchResult& search);

}  // namespace surge
