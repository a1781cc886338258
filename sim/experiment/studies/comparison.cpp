#include "surge/experiment/studies/comparison.hpp"

#include <algorithm>
#include <cmath>

#include "surge/io/scenario_error.hpp"
#include "surge/io/scenario_loader.hpp"

namespace surge {

void check_plan_names(const Scenario& scenario) {
  for (const Plan& plan : scenario.plans) {
    std::string problem;
    if (plan.id == "baseline")
      problem = "is the name of the scenario as written in a comparison";
    else if (plan.id.empty())
      problem = "is empty";
    else if (plan.id.find('/') != std::string::npos)
      problem = "holds a `/`, which would split its group in the result file";
    else if (plan.id == "." || plan.id == "..")
      problem = "is not a name a result file can hold";
    if (!problem.empty())
      throw ScenarioError(scenario.source_path, 0, 0,
                          (plan.id.empty() ? std::string("a plan in `plans`")
                                           : "plan `" + plan.id + "` in `plans`") +
                              ": its name " + problem +
                              "; rename the plan (letters, digits, `_` and `-` are safe)");
  }
}

PlanComparison run_comparison(const Scenario& base, const McOptions& options, bool settle,
                              const std::function<void(const std::string&)>& per_plan) {
  check_plan_names(base);
  PlanComparison c;
  auto evaluate = [&](const std::string& name, double cost, const Scenario& scenario,
                      std::size_t index, bool until_settled) {
    if (per_plan) per_plan(name);
    McOptions o = point_options(options, index);
    // Options that settle everything (the default without --reps) settle the baseline too.
    o.until_settled = until_settled || options.until_settled;
    PlanOutcome out;
    out.name = name;
    out.cost = cost;
    out.mc = run_monte_carlo(scenario, o);
    out.verdict = make_verdict(scenario, out.mc);
    return out;
  };
  // The baseline is the answer to "can we deliver it as planned?": it always runs every
  // replication asked for, exactly as `surge mc` would. A plan is a what-if whose verdict is
  // all the comparison needs, so it may stop early; its replications are then the baseline's
  // first ones, which keeps every difference paired.
  c.outcomes.push_back(evaluate("baseline", 0, base, 0, false));
  for (std::size_t i = 0; i < base.plans.size(); ++i)
    c.outcomes.push_back(evaluate(base.plans[i].id, base.plans[i].cost,
                                  apply_plan(base, base.plans[i]), i + 1, settle));

  // Paired differences: replication r of a plan against replication r of the baseline.
  const McResult& baseline = c.outcomes.front().mc;
  const std::size_t total_cost = run_total_cost_column(baseline.headline);
  for (PlanOutcome& plan : c.outcomes) {
    plan.difference.assign(baseline.headline.size(), RunningStats{});
    std::size_t n = std::min(plan.mc.rows.size(), baseline.rows.size());
    for (std::size_t r = 0; r < n; ++r) {
      const auto& a = plan.mc.rows[r];
      const auto& b = baseline.rows[r];
      for (std::size_t k = 0; k < plan.difference.size(); ++k)
        if (!std::isnan(a.kpis[k]) && !std::isnan(b.kpis[k]))
          plan.difference[k].add(a.kpis[k] - b.kpis[k]);
      plan.deliverable_difference.add((a.deliverable ? 1.0 : 0.0) - (b.deliverable ? 1.0 : 0.0));
      if (total_cost < a.kpis.size() && total_cost < b.kpis.size() &&
          !std::isnan(a.kpis[total_cost]) && !std::isnan(b.kpis[total_cost]))
        plan.modelled_cost_change.add(a.kpis[total_cost] - b.kpis[total_cost]);
    }
  }
  double best = INFINITY;
  for (const PlanOutcome& plan : c.outcomes)
    if (plan.verdict.judgement == Deliverability::deliverable && plan.plan_cost() < best) {
      best = plan.plan_cost();
      c.cheapest_deliverable = plan.name;
    }
  return c;
}

}  // namespace surge
