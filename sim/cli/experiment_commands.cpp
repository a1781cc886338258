// mc, sweep, compare and search: load and check everything first, then run, then write the
// file (atomically) and print.
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <utility>
#include <vector>

#include "surge/cli/commands.hpp"
#include "surge/cli/output_paths.hpp"
#include "surge/cli/progress.hpp"
#include "surge/cli/study_report.hpp"
#include "surge/cli/text_format.hpp"
#include "surge/cli/verdict_report.hpp"
#include "surge/experiment/monte_carlo/mc_output.hpp"
#include "surge/experiment/monte_carlo/sequential_verdict.hpp"
#include "surge/experiment/studies/comparison.hpp"
#include "surge/experiment/studies/search.hpp"
#include "surge/experiment/studies/study_output.hpp"
#include "surge/experiment/studies/sweep.hpp"
#include "surge/io/hdf5_writer.hpp"
#include "surge/io/scenario_loader.hpp"
#include "surge/model/units.hpp"

namespace surge {
namespace {

// A count too small for DELIVERABLE to be reachable still runs (NOT DELIVERABLE and AT RISK
// are informative), but the planner is told at once rather than left to wonder why nothing is
// ever deliverable. `sequential`: the plans or probes are judged by the looks.
void warn_if_deliverable_unreachable(const ExperimentArgs& args, const McOptions& options,
                                     const Scenario& scenario, bool sequential, const char* what) {
  // No verdict to reach: a precision run, or a scenario without targets.
  if (args.quiet || options.precision > 0 || scenario.targets.empty()) return;
  const std::uint64_t n = options.replications;
  // In the default mode (no --reps) the count is the cap, set by --max-reps.
  const std::string option = args.reps > 0 ? "--reps" : "--max-reps";
  std::string method;
  Interval best = best_case_interval(n, sequential, &method);
  if (best.low >= scenario.confidence) return;
  std::uint64_t enough =
      fewest_replications_to_deliver(scenario.confidence, sequential, n + 1, 1'000'000);
  std::cerr << "warning: with " << option << " " << n << " no " << what
            << " can be judged DELIVERABLE at the required confidence "
            << fmt("%.4g", scenario.confidence) << ": even " << n << " of " << n
            << " meeting every target give a lower bound of " << fmt("%.3f", best.low) << " ("
            << method << ")";
  if (enough > 0) std::cerr << "; " << option << " " << enough << " would reach it";
  // --all-reps judges the full count with the (narrower) Wilson interval instead of the looks.
  if (sequential && args.reps > 0 && best_case_interval(n, false).low >= scenario.confidence)
    std::cerr << (enough > 0 ? ", as would --all-reps" : "; --all-reps would reach it");
  std::cerr << "\n";
}

// Without --reps or --precision every Monte Carlo run stops once its verdict is settled, at
// most kDefaultSettleCap replications (docs/cli.md, "Defaults"): said before the work starts.
void print_defaults(const ExperimentArgs& args, const McOptions& options, const char* rule) {
  if (args.quiet || !options.until_settled || args.reps > 0 || args.precision > 0) return;
  LookSchedule looks = look_schedule(options.replications, options.first_look);
  std::string counts;
  for (std::uint64_t n : looks.looks) counts += (counts.empty() ? "" : ", ") + std::to_string(n);
  std::cout << "No --reps or --precision: " << rule << ", at most " << options.replications
            << " replications (looks at " << counts << "; " << look_method(looks)
            << ", 95% for the whole sequence). Give --reps N for a fixed count.\n\n"
            << std::flush;
}

// --precision that stopped at the cap before every interval was narrow enough says so, with the
// widest interval it got. `runs` names each result (a point, a plan, a probe); `what` is their
// kind ("grid points"), empty for the one run of `surge mc`.
using PrecisionOf = std::vector<std::pair<std::string, const McResult::Precision*>>;

void warn_if_precision_missed(const ExperimentArgs& args, const PrecisionOf& runs,
                              const char* what) {
  if (args.quiet || args.precision <= 0) return;
  std::vector<const PrecisionOf::value_type*> missed;
  for (const auto& run : runs)
    if (run.second->used && !run.second->reached) missed.push_back(&run);
  if (missed.empty()) return;
  const McResult::Precision& p = *missed.front()->second;
  std::cerr << "warning: --precision " << fmt("%g", args.precision) << " was not reached";
  const bool study = *what != '\0';
  if (study) {
    std::cerr << " by " << missed.size() << " of " << runs.size() << " " << what << " (";
    for (std::size_t i = 0; i < missed.size() && i < 5; ++i)
      std::cerr << (i ? ", " : "") << missed[i]->first;
    if (missed.size() > 5) std::cerr << ", ...";
    std::cerr << ")";
  }
  std::cerr << ": stopped at the cap of " << p.cap << " replications (--max-reps) with ";
  if (study) std::cerr << "the first one's ";
  std::cerr << "widest interval ±"
            << (p.widest_relative ? fmt("%.3g%% of the mean", p.widest * 100)
                                  : fmt("%.3g", p.widest))
            << " (" << p.widest_what << "); raise --max-reps or ask for less precision\n";
}

// A study resumes point by point (a point without a journal had not started yet), but one with
// no journal at all has nothing to resume: refused like `surge mc --resume`, not run afresh.
void require_a_study_journal(const McOptions& options, std::size_t points) {
  if (!options.resume) return;
  for (std::size_t i = 0; i < points; ++i)
    if (std::filesystem::exists(point_journal(options.journal, i))) return;
  throw UsageError("nothing to resume: no journal " + point_journal(options.journal, 0) +
                   (points > 1 ? " to ." + std::to_string(points - 1) : std::string()) +
                   " (the run finished, or was never started with this output file)");
}

// A damaged journal was repaired by running its replications again (journal.hpp): the result
// is right, but the disk that damaged it deserves a look, so this is said even with -q.
void warn_of_journal_damage(const McResult& result) {
  if (!result.journal_damage.empty()) std::cerr << "warning: " << result.journal_damage << "\n";
}

// The journals an experiment will write next to its result (FILE.journal, or FILE.journal.K
// for the K points or plans of a study), checked before the first replication: a study creates
// point K's journal only when it gets there.
void check_journals(const ExperimentArgs& args, const McOptions& options, std::size_t points) {
  std::vector<NamedPath> journals;
  if (points == 0) journals.push_back({"the journal", options.journal});
  for (std::size_t k = 0; k < points; ++k)
    journals.push_back({"the journal", point_journal(options.journal, k)});
  check_outputs(journals, {{"the scenario", args.scenario}});
}

McOptions prepare(const ExperimentArgs& args, Scenario& scenario, bool allow_resume = true) {
  // One stop rule per run: with both, one of them would be silently ignored.
  if (args.reps > 0 && args.precision > 0)
    throw UsageError(
        "give either --reps N (a fixed count) or --precision P (until the intervals "
        "are that narrow, at most --max-reps), not both");
  if (args.max_reps > 0 && args.reps > 0)
    throw UsageError(
        "--max-reps caps --precision or the default run; with --reps N the count is N");
  if (args.all_reps && args.reps == 0)
    throw UsageError("--all-reps runs every plan or probe to --reps N: give --reps too");
  if (args.resume && args.output.empty())
    throw UsageError("--resume needs -o FILE: the journal lives next to the result file");
  if (args.resume && !allow_resume)
    throw UsageError("surge search does not resume (a search restarts): run it without --resume");
  scenario = load_scenario_file(args.scenario, args.sets, args.plans);
  check_outputs({{"-o", args.output}}, {{"the scenario", args.scenario}});
  McOptions options;
  if (args.precision > 0) {
    options.replications = args.max_reps ? args.max_reps : kDefaultPrecisionCap;
  } else if (args.reps > 0) {
    options.replications = args.reps;
  } else {  // the default: until the verdict is settled (docs/cli.md, "Defaults")
    options.until_settled = true;
    options.replications = args.max_reps ? args.max_reps : kDefaultSettleCap;
  }
  options.precision = args.precision;
  options.threads = args.threads;
  if (!args.output.empty() && allow_resume) options.journal = args.output + ".journal";
  options.resume = args.resume;
  return options;
}

}  // namespace

int mc_command(const ExperimentArgs& args) {
  Scenario scenario;
  McOptions options = prepare(args, scenario);
  check_journals(args, options, 0);
  warn_if_deliverable_unreachable(args, options, scenario, options.until_settled, "verdict");
  print_defaults(args, options, "the run stops once its verdict is settled");
  Progress progress("replications");
  options.progress = [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); };
  McResult result = run_monte_carlo(scenario, options);
  progress.finish();
  warn_of_journal_damage(result);
  warn_if_precision_missed(args, {{"", &result.precision}}, "");
  Verdict verdict = make_verdict(scenario, result);
  if (!args.output.empty()) {
    write_mc_result(args.output, scenario, result, verdict);
    remove_journal(options.journal);
  }
  if (!args.quiet) {
    print_verdict(std::cout, scenario, result, verdict);
    if (!args.output.empty()) std::cout << "\nResults written to " << args.output << "\n";
  }
  return 0;
}

int sweep_command(const ExperimentArgs& args, const SweepArgs& sweep_args) {
  if (sweep_args.grid.empty()) throw UsageError("a sweep needs at least one --grid path=values");
  std::vector<SweepAxis> axes;
  for (const auto& g : sweep_args.grid) {
    try {
      axes.push_back(parse_grid(g));
    } catch (const ScenarioError&) {
      throw;
    } catch (const Error& e) {
      throw UsageError(e.what());
    }
  }
  std::size_t points = 0;
  try {
    points = check_sweep_grid(axes);
  } catch (const Error& e) {
    throw UsageError(e.what());
  }
  Scenario scenario;
  McOptions options = prepare(args, scenario);
  check_journals(args, options, points);
  require_a_study_journal(options, points);
  warn_if_deliverable_unreachable(args, options, scenario, options.until_settled, "grid point");
  print_defaults(args, options, "each grid point stops once its verdict is settled");
  Progress progress("sweep point");
  Sweep sweep = run_sweep(scenario, axes, options,
                          [&](std::size_t p, std::size_t n) { progress.update(p, n); });
  progress.finish();
  PrecisionOf runs;
  for (std::size_t p = 0; p < sweep.points.size(); ++p) {
    warn_of_journal_damage(sweep.points[p].mc);
    // Appending (not "p" + ...) sidesteps a false -Wrestrict from GCC 12's inliner.
    runs.emplace_back(std::string("p").append(std::to_string(p)), &sweep.points[p].mc.precision);
  }
  warn_if_precision_missed(args, runs, "grid points");
  if (!args.output.empty()) {
    write_sweep_result(args.output, scenario, sweep);
    for (std::size_t p = 0; p < sweep.points.size(); ++p)
      remove_journal(point_journal(options.journal, p));
  }
  if (!args.quiet) {
    print_sweep(std::cout, scenario, sweep);
    if (!args.output.empty()) std::cout << "\nResults written to " << args.output << "\n";
  }
  return 0;
}

int compare_command(const ExperimentArgs& args) {
  Scenario scenario;
  McOptions options = prepare(args, scenario);
  if (scenario.plans.empty())
    throw UsageError(
        args.scenario +
        " has no `plans:` to compare with the baseline; add some "
        "(docs/scenario-reference.md, \"plans\"), or use surge mc for the baseline alone");
  check_plan_names(scenario);
  check_journals(args, options, scenario.plans.size() + 1);
  require_a_study_journal(options, scenario.plans.size() + 1);
  warn_if_deliverable_unreachable(args, options, scenario, !args.all_reps, "plan");
  print_defaults(args, options, "the baseline and each plan stop once their verdict is settled");
  Progress progress("plans");
  std::size_t done = 0;
  PlanComparison comparison = run_comparison(
      scenario, options, !args.all_reps,
      [&](const std::string&) { progress.update(done++, scenario.plans.size() + 1); });
  progress.finish();
  PrecisionOf runs;
  for (const PlanOutcome& outcome : comparison.outcomes) {
    warn_of_journal_damage(outcome.mc);
    runs.emplace_back(outcome.name, &outcome.mc.precision);
  }
  warn_if_precision_missed(args, runs, "plans");
  if (!args.output.empty()) {
    write_comparison_result(args.output, scenario, comparison);
    for (std::size_t i = 0; i <= scenario.plans.size(); ++i)
      remove_journal(point_journal(options.journal, i));
  }
  if (!args.quiet) {
    print_comparison(std::cout, scenario, comparison);
    if (!args.output.empty()) std::cout << "\nResults written to " << args.output << "\n";
  }
  return 0;
}

int search_command(const ExperimentArgs& args, const SearchArgs& search) {
  // LOW:HIGH, each a number with the same unit: "1.5:4", "400/d:1200/d", "2d:6d".
  auto split_unit = [](const std::string& text, std::string& unit) -> std::optional<double> {
    std::size_t end = 0;
    while (end < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.' ||
            text[end] == '-' || text[end] == '+' || text[end] == 'e'))
      ++end;
    unit = text.substr(end);
    return parse_number(text.substr(0, end));
  };
  std::optional<double> low, high;
  std::string low_unit, high_unit;
  if (search.range_given) {
    auto colon = search.range.find(':');
    if (colon != std::string::npos) {
      low = split_unit(search.range.substr(0, colon), low_unit);
      high = split_unit(search.range.substr(colon + 1), high_unit);
    }
    if (!low || !high || !std::isfinite(*low) || !std::isfinite(*high) || !(*low < *high) ||
        low_unit != high_unit)
      throw UsageError(
          "--range takes LOW:HIGH with LOW < HIGH and the same unit on both, e.g. "
          "1.5:4 or 400/d:1200/d (got `" +
          search.range + "`)");
  }
  if (search.steps < 1 || search.steps > 30)
    throw UsageError("--steps takes a whole number from 1 to 30");
  Scenario scenario;
  McOptions options = prepare(args, scenario, /*allow_resume=*/false);
  if (!search.range_given) {
    std::optional<SearchRange> range = default_search_range(scenario, search.param);
    if (!range)
      throw UsageError("give --range LOW:HIGH for " + search.param +
                       ": only a campaign's uplift (campaigns.ID.uplift) has a default range; "
                       "give the lowest and highest value to try in the unit the path takes, "
                       "e.g. --range 1:20 for a count, 400/d:1200/d for a rate, 1d:5d for a "
                       "duration");
    low = range->low;
    high = range->high;
    low_unit = range->unit;
    if (!args.quiet)
      std::cout << "No --range: searching " << search.param << " from " << fmt("%.6g", range->low)
                << " to " << fmt("%.6g", range->high) << " (" << range->why << ").\n"
                << (options.until_settled ? "" : "\n");
  }
  warn_if_deliverable_unreachable(args, options, scenario, !args.all_reps, "probe");
  print_defaults(args, options, "each probe stops once its verdict is settled");
  Progress progress("probe");
  SearchResult result =
      run_search(scenario, search.param, *low, *high, low_unit, search.steps, options,
                 !args.all_reps, [&](int p, int n) { progress.update(p, n); });
  progress.finish();
  PrecisionOf runs;
  for (const SearchProbe& probe : result.probes)
    runs.emplace_back(fmt("%.6g", probe.value) + result.unit, &probe.precision);
  warn_if_precision_missed(args, runs, "probes");
  if (!args.output.empty()) write_search_result(args.output, scenario, result);
  if (!args.quiet) {
    print_search(std::cout, scenario, result);
    if (!args.output.empty()) std::cout << "\nResults written to " << args.output << "\n";
  }
  return 0;
}

}  // namespace surge
