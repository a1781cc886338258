#include "surge/experiment/studies/study_output.hpp"

#include "surge/experiment/monte_carlo/mc_output.hpp"
#include "surge/io/hdf5_file.hpp"
#include "surge/io/hdf5_writer.hpp"
#include "surge/io/scenario_loader.hpp"
#include "surge/metrics/kpi_units.hpp"
#include "surge/metrics/targets.hpp"

namespace surge {
namespace {

using h5::kSmall;

void header(const h5::Group& root, const Scenario& s, const char* kind, const char* command) {
  root.set_attribute("kind", kind);
  root.set_attribute("created_by", command);
  write_common_attributes(root, s);
  root.set_attribute("seed", s.seed);
  write_scenario_group(root, s);
}

// Verdict columns shared by the sweep and comparison summaries.
struct VerdictColumns {
  std::vector<double> p, low, high;
  std::vector<std::string> judgement, method;
  std::vector<std::uint64_t> reps;
  void add(const Verdict& v) {
    p.push_back(v.probability);
    low.push_back(v.ci.low);
    high.push_back(v.ci.high);
    judgement.push_back(to_string(v.judgement));
    method.push_back(v.ci_method);
    reps.push_back(v.replications);
  }
  void write(h5::Table& t) const {
    t.add_u64("replications", reps);
    t.add_f64("p_deliverable", p);
    t.add_f64("ci_low", low);
    t.add_f64("ci_high", high);
    t.add_str("ci_method", method);
    t.add_str("judgement", judgement);
  }
};

// KPI means of each point or plan as columns named after the headline KPIs.
void kpi_mean_columns(h5::Table& t, const std::vector<const McResult*>& results) {
  if (results.empty()) return;
  const auto& headline = results.front()->headline;
  for (std::size_t k = 0; k < headline.size(); ++k) {
    std::vector<double> means;
    for (const McResult* r : results)
      means.push_back(r->kpi_stats[k].count() ? r->kpi_stats[k].mean() : NAN);
    t.add_f64(headline[k].label + ".mean", means)
        .set_attribute("unit", unit_name(kpi_unit(headline[k].metric)));
  }
}

// The scenario a sweep point ran (its targets and scoped KPIs name its tables' columns).
Scenario point_scenario(const Scenario& s, const Sweep& sweep, std::size_t p) {
  std::map<std::string, std::string> set;
  for (std::size_t a = 0; a < sweep.axes.size(); ++a)
    set[sweep.axes[a].path] = sweep.points[p].values[a];
  return apply_overrides(s, set);
}

// The scenario a plan ran (the baseline: the scenario itself).
Scenario plan_scenario(const Scenario& s, const std::string& name) {
  for (const Plan& plan : s.plans)
    if (plan.id == name) return apply_plan(s, plan);
  return s;
}

}  // namespace

void write_sweep_result(const std::string& path, const Scenario& s, const Sweep& sweep) {
  write_hdf5_atomically(path, [&](const h5::Group& root) {
    header(root, s, "sweep", "surge sweep");
    std::vector<std::string> axes;
    for (const auto& a : sweep.axes) axes.push_back(a.path);
    root.set_attribute("axes", axes);
    h5::Table t(root.create_group("sweep"), sweep.points.size(), kSmall);
    std::vector<std::uint64_t> index;
    VerdictColumns verdict;
    std::vector<const McResult*> results;
    for (std::size_t p = 0; p < sweep.points.size(); ++p) {
      index.push_back(p);
      verdict.add(sweep.points[p].verdict);
      results.push_back(&sweep.points[p].mc);
    }
    t.add_u64("point", index);
    for (std::size_t a = 0; a < sweep.axes.size(); ++a) {
      std::vector<std::string> values;
      for (const auto& point : sweep.points) values.push_back(point.values[a]);
      t.add_str(sweep.axes[a].path, values);
    }
    verdict.write(t);
    kpi_mean_columns(t, results);
    t.finish();
    h5::Group points = root.create_group("points");
    for (std::size_t p = 0; p < sweep.points.size(); ++p)
      // Appending (not "p" + ...) sidesteps a false -Wrestrict from GCC 12's inliner.
      write_mc_tables(points.create_group(std::string("p").append(std::to_string(p))),
                      point_scenario(s, sweep, p), sweep.points[p].mc, sweep.points[p].verdict);
  });
}

void write_comparison_result(const std::string& path, const Scenario& s, const PlanComparison& c) {
  write_hdf5_atomically(path, [&](const h5::Group& root) {
    header(root, s, "compare", "surge compare");
    root.set_attribute("cheapest_deliverable", c.cheapest_deliverable);
    h5::Table t(root.create_group("compare"), c.outcomes.size(), kSmall);
    std::vector<std::string> names;
    std::vector<double> cost, plan_cost, modelled, modelled_hw, d_mean, d_low, d_high;
    VerdictColumns verdict;
    std::vector<const McResult*> results;
    for (const auto& o : c.outcomes) {
      names.push_back(o.name);
      cost.push_back(o.cost);
      plan_cost.push_back(o.plan_cost());
      const RunningStats& m = o.modelled_cost_change;
      modelled.push_back(m.count() ? m.mean() : NAN);
      modelled_hw.push_back(m.count() > 1 ? m.half_width() : NAN);
      verdict.add(o.verdict);
      results.push_back(&o.mc);
      double hw = o.deliverable_difference.half_width();
      d_mean.push_back(o.deliverable_difference.mean());
      d_low.push_back(o.deliverable_difference.mean() - hw);
      d_high.push_back(o.deliverable_difference.mean() + hw);
    }
    t.add_str("plan", names);
    t.add_f64("cost", cost);
    t.add_f64("modelled_cost_change", modelled);
    t.add_f64("modelled_cost_change_half_width", modelled_hw);
    t.add_f64("plan_cost", plan_cost);
    verdict.write(t);
    // 1 when the plan ran under the sequential rule and its last look did not settle it.
    std::vector<std::uint64_t> unsettled;
    for (const auto& o : c.outcomes)
      unsettled.push_back(o.mc.sequential.used && !o.mc.sequential.settled ? 1 : 0);
    t.add_u64("unsettled", unsettled);
    t.add_f64("p_deliverable_diff", d_mean);
    t.add_f64("p_deliverable_diff_ci_low", d_low);
    t.add_f64("p_deliverable_diff_ci_high", d_high);
    kpi_mean_columns(t, results);
    t.finish();

    // Paired differences against the baseline, long format: (plan, kpi, mean, ci).
    std::vector<std::string> plan, kpi, unit;
    std::vector<double> mean, low, high;
    for (const auto& o : c.outcomes) {
      if (o.name == "baseline") continue;
      for (std::size_t k = 0; k < o.difference.size(); ++k) {
        const RunningStats& d = o.difference[k];
        double hw = d.half_width();
        plan.push_back(o.name);
        kpi.push_back(o.mc.headline[k].label);
        unit.push_back(unit_name(kpi_unit(o.mc.headline[k].metric)));
        mean.push_back(d.count() ? d.mean() : NAN);
        low.push_back(d.mean() - hw);
        high.push_back(d.mean() + hw);
      }
    }
    h5::Table diffs(root.create_group("differences"), plan.size(), kSmall);
    diffs.add_str("plan", plan);
    diffs.add_str("kpi", kpi);
    diffs.add_f64("mean_difference", mean);
    diffs.add_f64("ci_low", low);
    diffs.add_f64("ci_high", high);
    diffs.add_str("unit", unit);
    diffs.finish();

    h5::Group plans = root.create_group("plans");
    for (const auto& o : c.outcomes)
      write_mc_tables(plans.create_group(o.name), plan_scenario(s, o.name), o.mc, o.verdict);
  });
}

void write_search_result(const std::string& path, const Scenario& s, const SearchResult& r) {
  write_hdf5_atomically(path, [&](const h5::Group& root) {
    header(root, s, "search", "surge search");
    root.set_attribute("parameter", r.path);
    root.set_attribute("found", static_cast<std::uint64_t>(r.found ? 1 : 0));
    root.set_attribute("deliverable_value", r.deliverable);
    root.set_attribute("not_deliverable_value", r.not_deliverable);
    h5::Table t(root.create_group("probes"), r.probes.size(), kSmall);
    std::vector<double> value, p, low, high;
    std::vector<std::uint64_t> replications, unsettled;
    std::vector<std::string> method, judgement, breaks;
    std::vector<double> breaks_share;
    for (const auto& probe : r.probes) {
      breaks.push_back(probe.breaks);
      breaks_share.push_back(probe.breaks_share);
      value.push_back(probe.value);
      replications.push_back(probe.replications);
      p.push_back(probe.probability);
      low.push_back(probe.ci.low);
      high.push_back(probe.ci.high);
      method.push_back(probe.ci_method);
      unsettled.push_back(probe.unsettled ? 1 : 0);
      judgement.push_back(to_string(probe.judgement));
    }
    t.add_f64("value", value);
    t.add_u64("replications", replications);
    t.add_f64("p_deliverable", p);
    t.add_f64("ci_low", low);
    t.add_f64("ci_high", high);
    t.add_str("ci_method", method);
    t.add_u64("unsettled", unsettled);
    t.add_str("judgement", judgement);
    t.add_str("breaks", breaks);
    t.add_f64("breaks_share", breaks_share);
    t.finish();
  });
}

void write_diagnosis_result(const std::string& path, const Scenario& s, const Diagnosis& d) {
  write_hdf5_atomically(path, [&](const h5::Group& root) {
    header(root, s, "diagnose", "surge diagnose");
    root.set_attribute("replications", static_cast<std::uint64_t>(d.baseline.replications()));
    // One row per relaxation: singles then pairs, each best first, then the growing sets.
    std::vector<const Relaxation*> rows;
    for (const Relaxation& r : d.singles) rows.push_back(&r);
    for (const Relaxation& r : d.pairs) rows.push_back(&r);
    for (const Relaxation& r : d.growing) rows.push_back(&r);
    const std::vector<std::string> keys = target_keys(s);
    std::vector<std::string> relaxed, kind, fixes;
    std::vector<std::uint64_t> size;
    std::vector<double> gain, gain_low, gain_high;
    VerdictColumns verdict;
    for (const Relaxation* r : rows) {
      relaxed.push_back(r->name);
      std::string kinds, fixed;
      for (const Candidate& c : r->relaxed) kinds.append(kinds.empty() ? "" : " + ").append(c.kind);
      for (std::size_t t : r->fixes)
        fixed.append(fixed.empty() ? "" : ",")
            .append(t < keys.size() ? keys[t] : std::to_string(t));
      kind.push_back(kinds);
      fixes.push_back(fixed);
      size.push_back(r->relaxed.size());
      gain.push_back(r->gain);
      gain_low.push_back(r->gain_low);
      gain_high.push_back(r->gain_high);
      verdict.add(r->verdict);
    }
    h5::Table t(root.create_group("relaxations"), rows.size(), kSmall);
    t.add_str("relaxed", relaxed);
    t.add_str("kind", kind);
    t.add_u64("constraints", size);
    verdict.write(t);
    t.add_f64("gain", gain);
    t.add_f64("gain_ci_low", gain_low);
    t.add_f64("gain_ci_high", gain_high);
    t.add_str("fixes", fixes);
    t.finish();
    h5::Group baseline = root.create_group("baseline");
    write_mc_tables(baseline, s, d.baseline, d.baseline_verdict);
  });
}

}  // namespace surge
