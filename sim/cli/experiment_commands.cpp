// mc, sweep, compare and search: load and check everything first, then run, then write the
// file (atomically) and print.
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

#include "surge/cli/commands.hpp"
#include "surge/cli/output_paths.hpp"
#include "surge/cli/progress.hpp"
#include "surge/cli/study_report.hpp"
#include "surge/cli/text_format.hpp"
#include "surge/cli/verdict_report.hpp"
#include "surge/experiment/monte_carlo/mc_output.hpp"
#include "surge/experiment/studies/comparison.hpp"
#include "surge/experiment/studies/search.hpp"
#include "surge/experiment/studies/study_output.hpp"
#include "surge/experiment/studies/sweep.hpp"
#include "surge/io/hdf5_writer.hpp"
#include "surge/io/scenario_loader.hpp"
#include "surge/model/units.hpp"

namespace surge {
namespace {

// Checks the arguments every experiment shares and turns them into options.
// A count too small for DELIVERABLE to be reachable still runs (NOT DELIVERABLE and AT RISK
// are informative), but the planner is told at once rather than left to wonder why nothing is
// ever deliverable. `sequential`: the plans or probes are judged by the looks.
void warn_if_deliverable_unreachable(const ExperimentArgs& args, const Scenario& scenario,
                                     bool sequential, const char* what) {
  if (args.quiet || args.precision > 0) return;
  std::string method;
  Interval best = best_case_interval(args.reps, sequential, &method);
  if (best.low >= scenario.confidence) return;
  std::uint64_t enough =
      fewest_replications_to_deliver(scenario.confidence, sequential, args.reps + 1, 1'000'000);
  std::cerr << "warning: with --reps " << args.reps << " no " << what
            << " can be judged DELIVERABLE at the required confidence "
            << fmt("%.4g", scenario.confidence) << ": even " << args.reps << " of " << args.reps
            << " meeting every target give a lower bound of " << fmt("%.3f", best.low) << " ("
            << method << ")";
  if (enough > 0) std::cerr << "; --reps " << enough << " would reach it";
  // --all-reps judges the full count with the (narrower) Wilson interval instead of the looks.
  if (sequential && best_case_interval(args.reps, false).low >= scenario.confidence)
    std::cerr << (enough > 0 ? ", as would --all-reps" : "; --all-reps would reach it");
  std::cerr << "\n";
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
  if (args.reps == 0 && args.precision <= 0)
    throw UsageError("give --reps N (N >= 1) or --precision P (0 < P < 1)");
  // One stop rule per run: with both, one of them would be silently ignored.
  if (args.reps > 0 && args.precision > 0)
    throw UsageError(
        "give either --reps N (a fixed count) or --precision P (until the intervals "
        "are that narrow, at most --max-reps), not both");
  if (args.max_reps > 0 && args.precision <= 0)
    throw UsageError("--max-reps caps --precision; with --reps N the count is N");
  if (args.resume && args.output.empty())
    throw UsageError("--resume needs -o FILE: the journal lives next to the result file");
  if (args.resume && !allow_resume) throw UsageError("this command does not resume; run it again");
  scenario = load_scenario_file(args.scenario, args.sets);
  check_outputs({{"-o", args.output}}, {{"the scenario", args.scenario}});
  McOptions options;
  options.replications =
      args.precision > 0 ? (args.max_reps ? args.max_reps : kDefaultPrecisionCap) : args.reps;
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
  warn_if_deliverable_unreachable(args, scenario, false, "verdict");
  Progress progress("replications");
  options.progress = [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); };
  McResult result = run_monte_carlo(scenario, options);
  progress.finish();
  warn_of_journal_damage(result);
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
  warn_if_deliverable_unreachable(args, scenario, false, "grid point");
  Progress progress("sweep point");
  Sweep sweep = run_sweep(scenario, axes, options,
                          [&](std::size_t p, std::size_t n) { progress.update(p, n); });
  progress.finish();
  for (const SweepPoint& point : sweep.points) warn_of_journal_damage(point.mc);
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
    throw UsageError(args.scenario + " has no `plans:` to compare with the baseline");
  check_plan_names(scenario);
  check_journals(args, options, scenario.plans.size() + 1);
  require_a_study_journal(options, scenario.plans.size() + 1);
  warn_if_deliverable_unreachable(args, scenario, !args.all_reps, "plan");
  Progress progress("plans");
  std::size_t done = 0;
  PlanComparison comparison = run_comparison(
      scenario, options, !args.all_reps,
      [&](const std::string&) { progress.update(done++, scenario.plans.size() + 1); });
  progress.finish();
  for (const PlanOutcome& outcome : comparison.outcomes) warn_of_journal_damage(outcome.mc);
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
  auto colon = search.range.find(':');
  std::string low_unit, high_unit;
  auto low = colon == std::string::npos ? std::nullopt
                                        : split_unit(search.range.substr(0, colon), low_unit);
  auto high = colon == std::string::npos ? std::nullopt
                                         : split_unit(search.range.substr(colon + 1), high_unit);
  if (!low || !high || !(*low < *high) || low_unit != high_unit)
    throw UsageError(
        "--range takes LOW:HIGH with LOW < HIGH and the same unit on both, e.g. "
        "1.5:4 or 400/d:1200/d (got `" +
        search.range + "`)");
  if (search.steps < 1 || search.steps > 30) throw UsageError("--steps takes 1 to 30");
  Scenario scenario;
  McOptions options = prepare(args, scenario, /*allow_resume=*/false);
  warn_if_deliverable_unreachable(args, scenario, !args.all_reps, "probe");
  Progress progress("probe");
  SearchResult result =
      run_search(scenario, search.param, *low, *high, low_unit, search.steps, options,
                 !args.all_reps, [&](int p, int n) { progress.update(p, n); });
  progress.finish();
  if (!args.output.empty()) write_search_result(args.output, scenario, result);
  if (!args.quiet) {
    print_search(std::cout, scenario, result);
    if (!args.output.empty()) std::cout << "\nResults written to " << args.output << "\n";
  }
  return 0;
}

}  // namespace surge
