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
#include "surge/cli/money_text.hpp"
#include "surge/cli/output_paths.hpp"
#include "surge/cli/progress.hpp"
#include "surge/cli/text_format.hpp"
#include "surge/experiment/studies/lever_model.hpp"
#include "surge/experiment/studies/optimise_journal.hpp"
#include "surge/experiment/studies/optimise_output.hpp"
#include "surge/experiment/studies/optimiser.hpp"
#include "surge/experiment/studies/sweep.hpp"
#include "surge/io/scenario_loader.hpp"
#include "surge/metrics/kpi_units.hpp"
#include "surge/model/units.hpp"

namespace surge {
namespace {

std::string number_text(double v) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.15g", v);
  return buffer;
}

// A probability or a bound of its interval, to three decimals.
std::string share_text(double v) { return number_text(std::round(v * 1000) / 1000); }

// A time point as a planner writes it in a scenario: with a start date, the ISO date (and the
// time of day when it is not midnight, "2026-11-25T06:00"), else a duration from the start. A
// time between whole minutes keeps the duration, which is exact.
std::string time_point_text(const Scenario& s, Time t) {
  const double minutes = std::round(t * 60);
  if (!s.dates.has_dates() || std::abs(t * 60 - minutes) > 1e-6) return format_duration(t);
  const bool midnight = std::fmod(minutes, 24 * 60) == 0;
  std::string text = s.dates.date_text(minutes / 60, !midnight);
  if (!midnight) text[10] = 'T';  // "2026-11-25 06:00" -> "2026-11-25T06:00"
  return text;
}

std::string window_text(const Scenario& s, const TimeWindow& w) {
  return "{from: " + time_point_text(s, w.from) + ", to: " + time_point_text(s, w.to) + "}";
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
        << ", during: " << window_text(s, windowed[w].first) << "}\n";
    parts.push_back(name);
  }
  out << "  optimised: {include: [";
  for (std::size_t i = 0; i < parts.size(); ++i) out << (i ? ", " : "") << parts[i];
  out << "]}\n";
}

double share_met(const CandidateResult& c) {
  return c.replications ? static_cast<double>(c.met) / static_cast<double>(c.replications) : 0;
}

std::string candidate_line(const Scenario& scenario, const std::vector<SearchLever>& levers,
                           const CandidateResult& c) {
  std::ostringstream out;
  out << describe_point(levers, c.point) << ": P = " << share_text(share_met(c)) << " ["
      << share_text(c.ci.low) << ", " << share_text(c.ci.high) << "] over " << c.replications
      << " replications, cost " << money_text(scenario, c.total_cost());
  return out.str();
}

// The cheapest deliverable plan, or why there is none and the best combination seen.
void print_result(std::ostream& out, const Scenario& scenario,
                  const std::vector<SearchLever>& levers, const OptimiseResult& result) {
  if (!result.found) {
    out << "No plan found: " << result.why_not << "\n";
    if (!result.chosen.point.empty())
      out << "  best seen: " << candidate_line(scenario, levers, result.chosen) << "\n";
    return;
  }
  const CandidateResult& c = result.confirmation;
  out << "Cheapest deliverable plan: " << describe_point(levers, c.point) << "\n";
  out << "  P(every target met) = " << share_text(share_met(c)) << " [" << share_text(c.ci.low)
      << ", " << share_text(c.ci.high) << "] on " << c.replications << " fresh replications ("
      << result.confirmation_method << "), required " << number_text(scenario.confidence) << "\n";
  // Appended, not `a + " ± " + b`: that sidesteps a false -Wrestrict from GCC 12's inliner.
  std::string change = grouped_number(c.modelled_cost_change);
  change.append(" ± ").append(grouped_number(c.modelled_cost_half_width));
  out << "  cost " << money_text(scenario, c.total_cost()) << " = levers "
      << money_text(scenario, c.fixed_cost) << " + modelled cost change "
      << (c.modelled_cost_change >= 0 ? "+" : "") << with_currency(scenario, change)
      << " (paired with the scenario as written)\n";
  std::vector<double> values = lever_values(scenario, c.point);
  for (const CommitBy& d : commit_by(scenario, values))
    out << "  commit " << d.lever << " by " << d.when
        << (d.at < 0 ? " - before the start: too late as planned" : "") << "\n";
  out << "\n";
  print_plan_yaml(out, scenario, values);
}

// The cheapest deliverable plan at each value of the frontier path, one line each.
void print_frontier(std::ostream& out, const Scenario& scenario,
                    const std::vector<SearchLever>& levers, const Frontier& frontier) {
  out << "\nFrontier: the cheapest deliverable plan at each " << frontier.path << "\n";
  for (const FrontierPoint& point : frontier.points) {
    const OptimiseResult& r = point.optimisation.result;
    out << "  " << frontier.path << "=" << point.value << ": ";
    if (!r.found) {
      out << "none deliverable (best seen " << describe_point(levers, r.chosen.point)
          << ", P = " << share_text(share_met(r.chosen)) << " [" << share_text(r.chosen.ci.low)
          << ", " << share_text(r.chosen.ci.high) << "])\n";
      continue;
    }
    const CandidateResult& c = r.confirmation;
    out << describe_point(levers, c.point) << ", P = " << share_text(share_met(c)) << " ["
        << share_text(c.ci.low) << ", " << share_text(c.ci.high) << "], cost "
        << money_text(scenario, c.total_cost()) << "\n";
  }
}

// The identity of a search in its journal: what decides its outcomes and its path.
std::uint64_t search_identity(const Scenario& s, const OptimiserOptions& o,
                              const SweepAxis* frontier) {
  std::string settings = number_text(o.required) + " " + std::to_string(o.screening_cap) + " " +
                         std::to_string(o.confirmation_cap) + " " + std::to_string(o.first_look) +
                         " " + (o.budget ? number_text(*o.budget) : std::string("-"));
  if (frontier) {
    settings += " " + frontier->path;
    for (const std::string& v : frontier->values) settings += " " + v;
  }
  return fnv1a(settings, fnv1a(s.source_text));
}

}  // namespace

int optimise_command(const ExperimentArgs& args, const OptimiseArgs& optimise_args) {
  if (args.precision > 0)
    throw UsageError(
        "surge optimise stops each candidate once its verdict is settled; give "
        "--reps N (the most replications of one screening) instead of --precision");
  if (args.max_reps > 0)
    throw UsageError(
        "surge optimise has two caps: --reps N for each candidate's screening (default 120) "
        "and --confirm-reps N for the confirmation on fresh seeds (default 1000); --max-reps "
        "is not one of them");
  if (args.resume && args.output.empty())
    throw UsageError("--resume needs -o FILE: the journal lives next to the result file");
  std::optional<SweepAxis> frontier_axis;
  if (!optimise_args.frontier.empty()) {
    try {
      frontier_axis = parse_grid(optimise_args.frontier);
      check_sweep_grid({*frontier_axis});
    } catch (const ScenarioError&) {
      throw;
    } catch (const Error& e) {
      throw UsageError(std::string("--frontier: ") + e.what());
    }
  }
  Scenario scenario = load_scenario_file(args.scenario, args.sets, args.plans);
  if (scenario.levers.empty())
    throw UsageError(args.scenario +
                     " has no `levers:` for surge optimise to change; add some "
                     "(docs/scenario-reference.md, \"levers\")");
  if (scenario.targets.empty())
    throw UsageError(args.scenario +
                     " has no `targets:`: surge optimise looks for the cheapest plan that meets "
                     "them; add some (docs/scenario-reference.md, \"targets\")");
  const std::string journal_path = args.output.empty() ? "" : args.output + ".journal";
  check_outputs({{"-o", args.output}, {"the journal", journal_path}},
                {{"the scenario", args.scenario}});
  // Every frontier value's scenario is loaded (and so checked) before anything runs.
  std::vector<Scenario> frontier_scenarios;
  if (frontier_axis) {
    for (const Lever& l : scenario.levers)
      if (l.path == frontier_axis->path)
        throw UsageError("--frontier " + frontier_axis->path +
                         " is a lever: the frontier sweeps something the search does not "
                         "change (e.g. a campaign's uplift)");
    for (const std::string& value : frontier_axis->values)
      frontier_scenarios.push_back(apply_overrides(scenario, {{frontier_axis->path, value}}));
  }

  OptimiserOptions options;
  options.required = scenario.confidence;
  if (args.reps > 0) options.screening_cap = args.reps;
  options.confirmation_cap =
      optimise_args.confirm_reps > 0 ? optimise_args.confirm_reps : kDefaultSettleCap;
  options.first_look =
      std::min<std::uint64_t>({30, options.screening_cap, options.confirmation_cap});
  options.budget = optimise_args.budget;

  OptimiseJournal journal;
  std::uint64_t from_journal = 0;
  if (!journal_path.empty()) {
    const std::uint64_t identity =
        search_identity(scenario, options, frontier_axis ? &*frontier_axis : nullptr);
    if (args.resume) {
      std::string damage;
      from_journal = journal.resume(journal_path, identity, &damage);
      if (!damage.empty()) std::cerr << "warning: " << damage << "\n";
    } else {
      journal.create(journal_path, identity);
    }
  }
  OptimiseJournal* journal_used = journal_path.empty() ? nullptr : &journal;

  std::vector<SearchLever> levers = search_levers(scenario);
  Optimisation main_search{{}, options};
  Frontier frontier;
  try {
    // Every replication run, those a batch ran past a candidate already settled included;
    // the closing line counts the replications the search kept.
    Progress progress("replications run");
    std::uint64_t before = 0;
    auto report = [&](std::uint64_t done) { progress.update(before + done, 0); };
    LeverModel model(scenario, args.threads, report, journal_used, "");
    main_search.result = optimise(levers, model, options);
    before += main_search.result.replications;
    if (frontier_axis) {
      frontier.path = frontier_axis->path;
      for (std::size_t k = 0; k < frontier_scenarios.size(); ++k) {
        OptimiserOptions point_options = options;
        point_options.required = frontier_scenarios[k].confidence;
        // Appended, not `"f" + std::to_string(k) + "/"`: GCC 12 warns falsely (-Wrestrict) on
        // a string literal plus a temporary.
        std::string journal_prefix = "f";
        journal_prefix.append(std::to_string(k)).append("/");
        LeverModel point_model(frontier_scenarios[k], args.threads, report, journal_used,
                               journal_prefix);
        FrontierPoint point{frontier_axis->values[k], {{}, point_options}};
        point.optimisation.result =
            optimise(search_levers(frontier_scenarios[k]), point_model, point_options);
        before += point.optimisation.result.replications;
        frontier.points.push_back(std::move(point));
      }
    }
    progress.finish();
  } catch (const InternalError&) {
    journal.finish();  // a bug may have touched what it holds: a fixed Surge starts afresh
    throw;
  }
  if (!args.output.empty()) {
    write_optimise_result(args.output, scenario, main_search, frontier);
    journal.finish();
  }
  if (args.quiet) return 0;

  const OptimiseResult& result = main_search.result;
  std::ostream& out = std::cout;
  out << "Levers: ";
  for (std::size_t i = 0; i < levers.size(); ++i)
    out << (i ? ", " : "") << levers[i].name << " (" << levers[i].values.size() << " values, now "
        << number_text(levers[i].base) << ")";
  out << "\n\n";
  print_result(out, scenario, levers, result);
  if (!result.runners_up.empty()) {
    out << "\nRunners-up (DELIVERABLE in screening, cheapest first):\n";
    for (std::size_t i = 0; i < result.runners_up.size() && i < 5; ++i)
      out << "  " << candidate_line(scenario, levers, result.runners_up[i]) << "\n";
  }
  if (!result.confirmations_failed.empty()) {
    out << "\nNot confirmed (DELIVERABLE in screening, not on fresh replications):\n";
    for (const CandidateResult& c : result.confirmations_failed)
      out << "  " << candidate_line(scenario, levers, c) << "\n";
  }
  for (const std::string& r : result.monotonicity_reversals)
    out << "warning: more of a lever made delivery less likely: " << r << "\n";
  if (frontier_axis) print_frontier(out, scenario, levers, frontier);
  std::uint64_t replications = result.replications;
  for (const FrontierPoint& p : frontier.points) replications += p.optimisation.result.replications;
  out << "\n"
      << count_text(result.evaluated.size(), "combination") << " screened (up to "
      << count_text(options.screening_cap, "replication") << " each, " << result.screening_method
      << "), " << count_text(replications, "replication") << " in all"
      << (from_journal ? " (" + std::to_string(from_journal) + " from the journal)" : "") << ".";
  // The guarantee is about a plan returned: without one there is nothing it could be about.
  bool any_found = result.found;
  for (const FrontierPoint& p : frontier.points)
    any_found = any_found || p.optimisation.result.found;
  if (any_found)
    out << " A plan returned is DELIVERABLE by its confirmation alone: the chance the search "
           "returns a plan that is not deliverable is at most "
        << number_text(std::round((1 - options.family_confidence) * 1000) / 10) << "%"
        << (frontier_axis ? " (for each search: the scenario as written and each frontier value)"
                          : "")
        << ".";
  out << "\n";
  if (!args.output.empty()) out << "\nResults written to " << args.output << "\n";
  return 0;
}

}  // namespace surge
