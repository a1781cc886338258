// `surge optimise`: the cheapest combination of the scenario's levers whose verdict is
// DELIVERABLE, confirmed on fresh replications (docs/cli.md, docs/experiments.md).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "surge/cli/commands.hpp"
#include "surge/cli/progress.hpp"
#include "surge/experiment/studies/lever_model.hpp"
#include "surge/experiment/studies/optimiser.hpp"
#include "surge/io/scenario_loader.hpp"
#include "surge/model/units.hpp"

namespace surge {
namespace {

std::string number_text(double v) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.15g", v);
  return buffer;
}

std::string money(double v) { return readable_number(std::round(v)); }

// A probability or a bound of its interval, to three decimals.
std::string share_text(double v) { return number_text(std::round(v * 1000) / 1000); }

// "day 40 (2026-11-10)" with a start date, "day 40" without; days from time 0, floored.
std::string day_text(const Scenario& s, Time t) {
  long day = static_cast<long>(std::floor(t / kDay));
  std::string text = "day " + std::to_string(day);
  if (s.dates.has_dates() && day >= 0) text += " (" + s.dates.date_text(day) + ")";
  return text;
}

std::string window_text(const TimeWindow& w) {
  return "{from: " + format_duration(w.from) + ", to: " + format_duration(w.to) + "}";
}

// The chosen values as plans ready to paste under `plans:`: one plan for the levers that hold
// for the whole run, one per window, and `optimised` including them all.
void print_plan_yaml(std::ostream& out, const Scenario& s, const std::vector<double>& values) {
  std::vector<std::string> whole;
  std::vector<std::pair<TimeWindow, std::vector<std::string>>> windowed;
  for (std::size_t i = 0; i < s.levers.size(); ++i) {
    const Lever& l = s.levers[i];
    if (values[i] == l.base) continue;  // unchanged: nothing to write
    std::string setting = l.path + ": " + number_text(values[i]);
    if (!l.during) {
      whole.push_back(setting);
      continue;
    }
    auto same = std::find_if(windowed.begin(), windowed.end(), [&](const auto& w) {
      return w.first.from == l.during->from && w.first.to == l.during->to;
    });
    if (same == windowed.end())
      windowed.push_back({*l.during, {setting}});
    else
      same->second.push_back(setting);
  }
  auto set_text = [](const std::vector<std::string>& settings) {
    std::string text = "{";
    for (std::size_t i = 0; i < settings.size(); ++i) text += (i ? ", " : "") + settings[i];
    return text + "}";
  };
  out << "plans:\n";
  if (whole.empty() && windowed.empty()) {
    out << "  # the scenario as written: no lever needs to change\n";
    return;
  }
  if (windowed.empty()) {
    out << "  optimised: {set: " << set_text(whole) << "}\n";
    return;
  }
  std::vector<std::string> parts;
  if (!whole.empty()) {
    out << "  optimised_whole_run: {set: " << set_text(whole) << "}\n";
    parts.push_back("optimised_whole_run");
  }
  for (std::size_t w = 0; w < windowed.size(); ++w) {
    std::string name = "optimised_window_" + std::to_string(w + 1);
    out << "  " << name << ": {set: " << set_text(windowed[w].second)
        << ", during: " << window_text(windowed[w].first) << "}\n";
    parts.push_back(name);
  }
  out << "  optimised: {include: [";
  for (std::size_t i = 0; i < parts.size(); ++i) out << (i ? ", " : "") << parts[i];
  out << "]}\n";
}

double share_met(const CandidateResult& c) {
  return c.replications ? static_cast<double>(c.met) / static_cast<double>(c.replications) : 0;
}

std::string candidate_line(const std::vector<SearchLever>& levers, const CandidateResult& c) {
  std::ostringstream out;
  out << describe_point(levers, c.point) << ": P = " << share_text(share_met(c)) << " ["
      << share_text(c.ci.low) << ", " << share_text(c.ci.high) << "] over " << c.replications
      << " replications, cost " << money(c.total_cost());
  return out.str();
}

}  // namespace

int optimise_command(const ExperimentArgs& args, const OptimiseArgs& optimise_args) {
  if (args.precision > 0)
    throw UsageError(
        "surge optimise stops each candidate once its verdict is settled; give "
        "--reps N (the most replications of one candidate) instead of --precision");
  if (args.resume) throw UsageError("surge optimise does not resume yet: run it without --resume");
  if (!args.output.empty())
    throw UsageError(
        "surge optimise does not write a result file yet: run it without -o (the "
        "plan it prints is the result)");
  Scenario scenario = load_scenario_file(args.scenario, args.sets, args.plans);
  if (scenario.levers.empty())
    throw UsageError(args.scenario +
                     " has no `levers:` for surge optimise to change; add some "
                     "(docs/scenario-reference.md, \"levers\")");
  if (scenario.targets.empty())
    throw UsageError(args.scenario +
                     " has no `targets:`: surge optimise looks for the cheapest plan that meets "
                     "them; add some (docs/scenario-reference.md, \"targets\")");

  OptimiserOptions options;
  options.required = scenario.confidence;
  options.cap = args.reps > 0 ? args.reps : (args.max_reps > 0 ? args.max_reps : kDefaultSettleCap);
  options.first_look = std::min<std::uint64_t>(30, options.cap);
  options.budget = optimise_args.budget;
  const unsigned threads = args.threads ? args.threads : std::thread::hardware_concurrency();

  std::vector<SearchLever> levers = search_levers(scenario);
  Progress progress("replications");
  LeverModel model(scenario, threads, [&](std::uint64_t done) { progress.update(done, 0); });
  OptimiseResult result = optimise(levers, model, options);
  progress.finish();
  if (args.quiet) return 0;

  std::ostream& out = std::cout;
  out << "Levers: ";
  for (std::size_t i = 0; i < levers.size(); ++i)
    out << (i ? ", " : "") << levers[i].name << " (" << levers[i].values.size() << " values, now "
        << number_text(levers[i].base) << ")";
  out << "\n\n";
  if (!result.found) {
    out << "No plan found: " << result.why_not << "\n";
  } else {
    const CandidateResult& c = result.confirmation;
    out << "Cheapest deliverable plan: " << describe_point(levers, c.point) << "\n";
    out << "  P(every target met) = " << share_text(share_met(c)) << " [" << share_text(c.ci.low)
        << ", " << share_text(c.ci.high) << "] on " << c.replications << " fresh replications ("
        << result.confirmation_method << "), required " << number_text(scenario.confidence) << "\n";
    out << "  cost " << money(c.total_cost()) << " = levers " << money(c.fixed_cost)
        << " + modelled cost change " << (c.modelled_cost_change >= 0 ? "+" : "")
        << money(c.modelled_cost_change) << " ± " << money(c.modelled_cost_half_width)
        << " (paired with the scenario as written)\n";
    std::vector<double> values = model.values_of(c.point);
    for (std::size_t i = 0; i < scenario.levers.size(); ++i) {
      const Lever& l = scenario.levers[i];
      if (values[i] == l.base || l.lead_time <= 0) continue;
      Time effect = l.during ? l.during->from : 0;
      out << "  commit " << l.path << " by " << day_text(scenario, effect - l.lead_time)
          << (effect - l.lead_time < 0 ? " - before the start: too late as planned" : "") << "\n";
    }
    out << "\n";
    print_plan_yaml(out, scenario, values);
  }
  if (!result.runners_up.empty()) {
    out << "\nRunners-up (screened DELIVERABLE, dearer):\n";
    for (std::size_t i = 0; i < result.runners_up.size() && i < 5; ++i)
      out << "  " << candidate_line(levers, result.runners_up[i]) << "\n";
  }
  for (const std::string& r : result.monotonicity_reversals)
    out << "warning: more of a lever made delivery less likely: " << r << "\n";
  out << "\n"
      << result.evaluated.size() << " combinations screened (" << result.screening_method << "), "
      << result.replications << " replications in all. The plan is DELIVERABLE by its "
      << "confirmation alone: the chance the search returns a plan that is not deliverable is at "
         "most "
      << number_text(std::round((1 - options.family_confidence) * 1000) / 10) << "%.\n";
  return 0;
}

}  // namespace surge
