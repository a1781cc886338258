#include "surge/experiment/studies/optimise_output.hpp"

#include <cmath>
#include <cstdio>

#include "surge/io/hdf5_file.hpp"
#include "surge/io/hdf5_writer.hpp"

namespace surge {
namespace {

using h5::kSmall;

double share_met(const CandidateResult& c) {
  return c.replications ? static_cast<double>(c.met) / static_cast<double>(c.replications) : NAN;
}

// One row per candidate: its lever values (a column per lever, named by its path), its
// screening or confirmation figures and its cost parts.
void candidate_table(const h5::Group& parent, const std::string& name, const Scenario& s,
                     const std::vector<CandidateResult>& rows,
                     const std::vector<std::string>& role = {}) {
  h5::Table t(parent.create_group(name), rows.size(), kSmall);
  for (std::size_t i = 0; i < s.levers.size(); ++i) {
    std::vector<double> values;
    for (const CandidateResult& c : rows) values.push_back(s.levers[i].values[c.point[i]]);
    t.add_f64(s.levers[i].path, values);
  }
  std::vector<std::string> plan, judgement;
  std::vector<std::uint64_t> reps, met;
  std::vector<double> p, low, high, fixed, change, half, total;
  std::vector<SearchLever> levers;
  for (const Lever& l : s.levers) levers.push_back({l.path, l.values, l.base, l.cost_per_unit});
  for (const CandidateResult& c : rows) {
    plan.push_back(describe_point(levers, c.point));
    reps.push_back(c.replications);
    met.push_back(c.met);
    p.push_back(share_met(c));
    low.push_back(c.ci.low);
    high.push_back(c.ci.high);
    judgement.push_back(to_string(c.judgement));
    fixed.push_back(c.fixed_cost);
    change.push_back(c.modelled_cost_change);
    half.push_back(c.modelled_cost_half_width);
    total.push_back(c.total_cost());
  }
  t.add_str("plan", plan);
  t.add_u64("replications", reps);
  t.add_u64("met", met);
  t.add_f64("p_deliverable", p);
  t.add_f64("ci_low", low);
  t.add_f64("ci_high", high);
  t.add_str("judgement", judgement);
  t.add_f64("fixed_cost", fixed).set_attribute("unit", "money");
  t.add_f64("modelled_cost_change", change).set_attribute("unit", "money");
  t.add_f64("modelled_cost_half_width", half).set_attribute("unit", "money");
  t.add_f64("cost", total).set_attribute("unit", "money");
  if (!role.empty()) t.add_str("role", role);
  t.finish();
}

// The search's figures as attributes of its group: the verdict of the plan on fresh
// replications, its cost parts, how the intervals were made and the guarantee.
void result_attributes(const h5::Group& g, const Optimisation& o) {
  const OptimiseResult& r = o.result;
  g.set_attribute("found", static_cast<std::uint64_t>(r.found ? 1 : 0));
  g.set_attribute("why_not", r.why_not);
  g.set_attribute("required_confidence", o.options.required);
  g.set_attribute("family_confidence", o.options.family_confidence);
  g.set_attribute("guarantee", guarantee_text(o.options));
  g.set_attribute("screening_method", r.screening_method);
  g.set_attribute("confirmation_method", r.confirmation_method);
  g.set_attribute("replications", static_cast<std::uint64_t>(r.replications));
  g.set_attribute("combinations_screened", static_cast<std::uint64_t>(r.evaluated.size()));
  g.set_attribute("most_replications_per_screening",
                  static_cast<std::uint64_t>(o.options.screening_cap));
  g.set_attribute("most_replications_per_confirmation",
                  static_cast<std::uint64_t>(o.options.confirmation_cap));
  g.set_attribute("budget", o.options.budget ? *o.options.budget : NAN);
  // The plan's figures on fresh replications when found; NaN otherwise.
  const CandidateResult& c = r.confirmation;
  g.set_attribute("p_deliverable", r.found ? share_met(c) : NAN);
  g.set_attribute("ci_low", r.found ? c.ci.low : NAN);
  g.set_attribute("ci_high", r.found ? c.ci.high : NAN);
  g.set_attribute("confirmation_replications",
                  static_cast<std::uint64_t>(r.found ? c.replications : 0));
  g.set_attribute("cost", r.found ? c.total_cost() : NAN);
  g.set_attribute("fixed_cost", r.found ? c.fixed_cost : NAN);
  g.set_attribute("modelled_cost_change", r.found ? c.modelled_cost_change : NAN);
  g.set_attribute("modelled_cost_half_width", r.found ? c.modelled_cost_half_width : NAN);
  g.set_attribute("monotonicity_warnings", r.monotonicity_reversals);
}

// One row per lever: the value chosen (or, when nothing was found, of the best combination
// seen), the file's value, the lever's terms and its commit-by time.
void lever_table(const h5::Group& g, const Scenario& s, const OptimiseResult& r) {
  const std::vector<double> chosen =
      lever_values(s, r.found ? r.confirmation.point : r.chosen.point);
  const std::vector<CommitBy> deadlines = commit_by(s, chosen);
  h5::Table t(g.create_group("plan"), s.levers.size(), kSmall);
  std::vector<std::string> path, commit_date;
  std::vector<double> value, base, per_unit, from, to, lead, commit_hours;
  std::vector<std::uint64_t> candidates;
  for (std::size_t i = 0; i < s.levers.size(); ++i) {
    const Lever& l = s.levers[i];
    path.push_back(l.path);
    value.push_back(chosen[i]);
    base.push_back(l.base);
    per_unit.push_back(l.cost_per_unit);
    candidates.push_back(l.values.size());
    from.push_back(l.during ? l.during->from : NAN);
    to.push_back(l.during ? l.during->to : NAN);
    lead.push_back(l.lead_time);
    double hours = NAN;
    std::string date;
    for (const CommitBy& d : deadlines)
      if (d.lever == l.path) {
        hours = d.at;
        if (s.dates.has_dates() && d.at >= 0) date = s.dates.date_text(d.at);
      }
    commit_hours.push_back(hours);
    commit_date.push_back(date);
  }
  t.add_str("lever", path);
  t.add_f64("value", value);
  t.add_f64("base", base);
  t.add_f64("cost_per_unit", per_unit).set_attribute("unit", "money");
  t.add_u64("candidates", candidates);
  t.add_f64("during_from", from).set_attribute("unit", "hours");
  t.add_f64("during_to", to).set_attribute("unit", "hours");
  t.add_f64("lead_time", lead).set_attribute("unit", "hours");
  t.add_f64("commit_by", commit_hours).set_attribute("unit", "hours");
  t.add_str("commit_by_date", commit_date);
  t.finish();
}

void frontier_table(const h5::Group& g, const Scenario& s, const Frontier& f) {
  h5::Table t(g.create_group("frontier"), f.points.size(), kSmall);
  t.group().set_attribute("path", f.path);
  std::vector<std::string> value, plan, why_not;
  std::vector<double> numeric, p, low, high, cost, fixed, change, half;
  std::vector<std::uint64_t> found, reps, conf_reps;
  std::vector<SearchLever> levers;
  for (const Lever& l : s.levers) levers.push_back({l.path, l.values, l.base, l.cost_per_unit});
  std::vector<std::vector<double>> lever_columns(s.levers.size());
  for (const FrontierPoint& point : f.points) {
    const OptimiseResult& r = point.optimisation.result;
    const CandidateResult& c = r.found ? r.confirmation : r.chosen;
    value.push_back(point.value);
    char* end = nullptr;
    double v = std::strtod(point.value.c_str(), &end);
    numeric.push_back(end && *end == '\0' && end != point.value.c_str() ? v : NAN);
    found.push_back(r.found ? 1 : 0);
    plan.push_back(describe_point(levers, c.point));
    why_not.push_back(r.why_not);
    p.push_back(share_met(c));
    low.push_back(c.ci.low);
    high.push_back(c.ci.high);
    conf_reps.push_back(c.replications);
    cost.push_back(c.total_cost());
    fixed.push_back(c.fixed_cost);
    change.push_back(c.modelled_cost_change);
    half.push_back(c.modelled_cost_half_width);
    reps.push_back(r.replications);
    for (std::size_t i = 0; i < s.levers.size(); ++i)
      lever_columns[i].push_back(s.levers[i].values[c.point[i]]);
  }
  t.add_str("value", value);
  t.add_f64("value_number", numeric);
  t.add_u64("found", found);
  t.add_str("plan", plan);
  for (std::size_t i = 0; i < s.levers.size(); ++i) t.add_f64(s.levers[i].path, lever_columns[i]);
  t.add_f64("p_deliverable", p);
  t.add_f64("ci_low", low);
  t.add_f64("ci_high", high);
  t.add_u64("p_replications", conf_reps);
  t.add_f64("cost", cost).set_attribute("unit", "money");
  t.add_f64("fixed_cost", fixed).set_attribute("unit", "money");
  t.add_f64("modelled_cost_change", change).set_attribute("unit", "money");
  t.add_f64("modelled_cost_half_width", half).set_attribute("unit", "money");
  t.add_u64("replications", reps);
  t.add_str("why_not", why_not);
  t.finish();
}

// A commit-by day: "day 43 (2026-11-13)"; unlike the terminal's day texts (cli/date_text.hpp)
// it keeps a day before the start ("day -3"), which says how late a deadline already is.
std::string commit_day_text(const Scenario& s, Time t) {
  long day = static_cast<long>(std::floor(t / kDay));
  std::string text = "day " + std::to_string(day);
  if (s.dates.has_dates() && day >= 0)
    text += " (" + s.dates.date_text(static_cast<Time>(day) * kDay) + ")";
  return text;
}

// When a lever's change first matters: the start of its window, the time of the one-off order it
// sizes (`orders.ID.quantity`: nothing is ordered before then), else the start of the run.
Time lever_takes_effect(const Scenario& s, const Lever& l) {
  if (l.during) return l.during->from;
  const std::string prefix = "orders.";
  if (l.path.rfind(prefix, 0) == 0) {
    std::string id = l.path.substr(prefix.size(), l.path.find('.', prefix.size()) - prefix.size());
    for (const PlannedOrder& order : s.orders)
      if (order.id == id) return order.at;
  }
  return 0;
}

}  // namespace

std::vector<CommitBy> commit_by(const Scenario& s, const std::vector<double>& values) {
  std::vector<CommitBy> out;
  for (std::size_t i = 0; i < s.levers.size() && i < values.size(); ++i) {
    const Lever& l = s.levers[i];
    if (values[i] == l.base || l.lead_time <= 0) continue;
    Time at = lever_takes_effect(s, l) - l.lead_time;
    out.push_back({l.path, at, commit_day_text(s, at)});
  }
  return out;
}

std::string guarantee_text(const OptimiserOptions& o) {
  char text[320];
  std::snprintf(text, sizeof text,
                "the plan is DELIVERABLE at confidence %g by its confirmation on fresh "
                "replications alone (at most %d attempts, each at level %g): the chance that the "
                "search returns a plan that is not deliverable is at most %g%%",
                o.required, std::max(1, o.max_confirmations),
                1 - (1 - o.family_confidence) / std::max(1, o.max_confirmations),
                std::round((1 - o.family_confidence) * 1000) / 10);
  return text;
}

std::vector<double> lever_values(const Scenario& s, const LeverPoint& point) {
  std::vector<double> values;
  for (std::size_t i = 0; i < point.size() && i < s.levers.size(); ++i)
    values.push_back(s.levers[i].values[point[i]]);
  return values;
}

void write_optimise_result(const std::string& path, const Scenario& s, const Optimisation& o,
                           const Frontier& frontier) {
  write_hdf5_atomically(path, [&](const h5::Group& root) {
    root.set_attribute("kind", "optimise");
    root.set_attribute("created_by", "surge optimise");
    write_common_attributes(root, s);
    root.set_attribute("seed", s.seed);
    root.set_attribute("currency", s.currency);
    write_scenario_group(root, s);
    h5::Group g = root.create_group("optimise");
    result_attributes(g, o);
    lever_table(g, s, o.result);
    std::vector<CandidateResult> chosen;
    if (o.result.found) chosen.push_back(o.result.confirmation);
    candidate_table(g, "confirmation", s, chosen);
    candidate_table(g, "confirmations_failed", s, o.result.confirmations_failed);
    candidate_table(g, "runners_up", s, o.result.runners_up);
    std::vector<std::string> role;
    for (const CandidateResult& c : o.result.evaluated) {
      std::string r;
      if (c.point == o.result.chosen.point) r = o.result.found ? "chosen" : "best_seen";
      for (const CandidateResult& u : o.result.runners_up)
        if (u.point == c.point) r = "runner_up";
      role.push_back(r);
    }
    candidate_table(g, "evaluated", s, o.result.evaluated, role);
    if (!frontier.path.empty()) frontier_table(g, s, frontier);
  });
}

}  // namespace surge
