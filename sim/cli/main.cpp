// The `surge` command line. Exit codes: 0 success; 2 bad input (scenario or arguments:
// nothing was simulated and no file written); 3 the result could not be written; 70 an
// internal error (a bug in Surge: nothing is left behind, not even a journal).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <limits>
#include <string>

#include "surge/cli/commands.hpp"
#include "surge/cli/options.hpp"
#include "surge/experiment/monte_carlo/cluster.hpp"
#include "surge/experiment/monte_carlo/journal.hpp"
#include "surge/io/output_error.hpp"
#include "surge/io/provenance.hpp"
#include "surge/io/scenario_loader.hpp"
#include "surge/version.hpp"

namespace {

constexpr int kExitBadInput = 2;
constexpr int kExitOutput = 3;
constexpr int kExitInternal = 70;

// A number option is taken as typed and checked after parsing (cli/options.hpp).
struct NumberText {
  std::string text;
  CLI::Option* option = nullptr;
  bool given() const { return option != nullptr && option->count() > 0; }
};

NumberText& add_number(CLI::App* cmd, NumberText& n, const std::string& name,
                       const std::string& help) {
  n.option = cmd->add_option(name, n.text, help);
  return n;
}

struct ExperimentText {
  NumberText reps, precision, max_reps, threads;
  CLI::Option* output = nullptr;
};

void add_experiment_options(CLI::App* cmd, surge::ExperimentArgs& a, ExperimentText& text) {
  cmd->add_option("scenario", a.scenario, "Scenario YAML file")->required();
  add_number(cmd, text.reps, "--reps",
             "Replications (per plan, point or probe), 1 to 10000000; default: until the "
             "verdict is settled, at most 1000");
  add_number(cmd, text.precision, "--precision",
             "Add replications until every 95% CI half-width is at most this (0 < P < 1)");
  add_number(cmd, text.max_reps, "--max-reps",
             "Cap with --precision (default 10000) or without --reps (default 1000)");
  add_number(cmd, text.threads, "--threads", "Worker threads, 1 to 1024 (default: every core)");
  text.output = cmd->add_option("-o,--output", a.output, "Write results to this HDF5 file");
  cmd->add_option("--set", a.sets, "Override a value: dotted.path=value (repeatable)");
  cmd->add_option("--plan", a.plans,
                  "Apply a plan of the scenario's `plans` (repeatable: plans combine)");
  cmd->add_flag("-q,--quiet", a.quiet, "Print nothing on success");
}

// A file name given to -o (or --report): `-o ""` would otherwise mean "no output" and write
// nothing, and `-o -q` would write a file named "-q" (CLI11 takes the next word as the value).
void check_file_name(const CLI::Option* option, const std::string& value) {
  if (option == nullptr || option->count() == 0) return;
  std::string name = option->get_name(false, true);  // as declared: "-o,--output"
  name = name.substr(0, name.find(','));
  if (value.empty())
    throw surge::UsageError(name +
                            " needs a file name, got an empty one; leave the option out "
                            "to write no file");
  if (value[0] == '-')
    throw surge::UsageError(name + " needs a file name, got `" + value +
                            "`, which looks like an option; if it really is the name, write ./" +
                            value);
}

void read_experiment_numbers(const ExperimentText& text, surge::ExperimentArgs& a) {
  using surge::kMaxReplications;
  check_file_name(text.output, a.output);
  if (text.reps.given())
    a.reps =
        surge::whole_number_option("--reps", text.reps.text, 1, kMaxReplications, "replications");
  if (text.precision.given())
    a.precision = surge::open_fraction_option("--precision", text.precision.text, "0.02");
  if (text.max_reps.given())
    a.max_reps = surge::whole_number_option("--max-reps", text.max_reps.text, 1, kMaxReplications,
                                            "replications");
  if (text.threads.given())
    a.threads = static_cast<unsigned>(
        surge::whole_number_option("--threads", text.threads.text, 1, surge::kMaxThreads));
}

}  // namespace

namespace {

int run_cli(int argc, char** argv) {
  CLI::App app{"Surge: can the supply chain deliver this campaign?"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("surge ") + SURGE_VERSION);

  surge::RunArgs run;
  NumberText run_seed, run_replication;
  auto* run_cmd = app.add_subcommand("run", "Simulate one replication of a scenario");
  run_cmd->add_option("scenario", run.scenario, "Scenario YAML file")->required();
  auto* run_output =
      run_cmd->add_option("-o,--output", run.output, "Write results to this HDF5 file");
  run_cmd->add_option("--set", run.sets, "Override a value: dotted.path=value (repeatable)");
  run_cmd->add_option("--plan", run.plans,
                      "Apply a plan of the scenario's `plans` (repeatable: plans combine)");
  add_number(run_cmd, run_seed, "--seed", "Override the scenario's seed (0 to 2^64-1)");
  add_number(run_cmd, run_replication, "--replication",
             "Replication index: selects the random streams (0 to 2^64-1)");
  // Records are kept only to be written: without -o the flag would do nothing, silently.
  run_cmd
      ->add_flag("--records", run.records,
                 "Also write per-order and per-contact records to the -o file")
      ->needs(run_output);
  run_cmd->add_flag("-q,--quiet", run.quiet, "Print nothing on success");
  run_cmd->add_flag("--kpi-table", run.kpi_table,
                    "Print every KPI as tab-separated rows (for scripts and golden tests)");

  std::string validate_file;
  std::vector<std::string> validate_sets;
  auto* validate_cmd = app.add_subcommand("validate", "Check a scenario file without running it");
  validate_cmd->add_option("scenario", validate_file, "Scenario YAML file")->required();
  validate_cmd->add_option("--set", validate_sets, "Override a value: dotted.path=value");
  std::vector<std::string> validate_plans;
  validate_cmd->add_option("--plan", validate_plans,
                           "Apply a plan of the scenario's `plans` (repeatable: plans combine)");

  surge::ExperimentArgs mc;
  ExperimentText mc_text;
  auto* mc_cmd = app.add_subcommand("mc", "Monte Carlo: many replications and the verdict");
  add_experiment_options(mc_cmd, mc, mc_text);
  mc_cmd->add_flag("--resume", mc.resume, "Continue a stopped run from its journal (needs -o)");

  surge::ExperimentArgs sweep;
  ExperimentText sweep_text;
  surge::SweepArgs grid;
  auto* sweep_cmd = app.add_subcommand("sweep", "Monte Carlo at every point of a grid");
  add_experiment_options(sweep_cmd, sweep, sweep_text);
  sweep_cmd->add_option("--grid", grid.grid, "path=v1,v2,... or path=lo:hi:step (repeatable)");
  sweep_cmd->add_flag("--resume", sweep.resume, "Continue a stopped sweep (needs -o)");

  surge::ExperimentArgs compare;
  ExperimentText compare_text;
  auto* compare_cmd = app.add_subcommand("compare", "The baseline and every plan, paired");
  add_experiment_options(compare_cmd, compare, compare_text);
  compare_cmd->add_flag("--resume", compare.resume, "Continue a stopped comparison (needs -o)");
  compare_cmd->add_flag("--all-reps", compare.all_reps,
                        "Run every plan to --reps (by default a plan stops once its verdict is "
                        "settled)");

  surge::ExperimentArgs diagnose;
  ExperimentText diagnose_text;
  auto* diagnose_cmd = app.add_subcommand(
      "diagnose", "What relaxing each binding constraint buys, on the same random numbers");
  add_experiment_options(diagnose_cmd, diagnose, diagnose_text);

  surge::ExperimentArgs search;
  ExperimentText search_text;
  surge::SearchArgs probe;
  NumberText search_steps;
  auto* search_cmd =
      app.add_subcommand("search", "Largest value of a parameter that stays deliverable");
  add_experiment_options(search_cmd, search, search_text);
  search_cmd->add_option("--param", probe.param, "Dotted path of the scalar to search")->required();
  auto* search_range = search_cmd->add_option(
      "--range", probe.range, "LOW:HIGH (default for a campaign's uplift: 1 to twice its value)");
  add_number(search_cmd, search_steps, "--steps", "Bisection steps, 1 to 30 (default 6)");
  search_cmd->add_flag("--all-reps", search.all_reps,
                       "Run every probe to --reps (by default a probe stops once its verdict is "
                       "settled)");

  surge::ExperimentArgs optimise;
  ExperimentText optimise_text;
  NumberText optimise_budget;
  auto* optimise_cmd = app.add_subcommand(
      "optimise", "Cheapest combination of the scenario's levers that is deliverable");
  add_experiment_options(optimise_cmd, optimise, optimise_text);
  add_number(optimise_cmd, optimise_budget, "--budget",
             "The most a plan may cost (lever costs + modelled cost change), in money");
  optimise_cmd->add_flag("--resume", optimise.resume,
                         "Continue a stopped optimisation from its journal (needs -o)");
  NumberText optimise_confirm_reps;
  add_number(optimise_cmd, optimise_confirm_reps, "--confirm-reps",
             "Most replications of the confirmation on fresh seeds (default 1000)");
  std::string optimise_frontier;
  optimise_cmd->add_option("--frontier", optimise_frontier,
                           "PATH=v1,v2,...: the cheapest deliverable plan at each value of PATH "
                           "(e.g. campaigns.black_friday.uplift=2,3,4)");

  surge::PlayArgs play;
  std::string game;
  NumberText play_weeks, play_seed;
  auto* play_cmd =
      app.add_subcommand("play", "Play one echelon of the beer game at the terminal, week by week");
  play_cmd->add_option("game", game, "The game: beer-game")
      ->required()
      ->check(CLI::IsMember({"beer-game"}));
  play_cmd->add_option("--role", play.role,
                       "Echelon you play: retailer (default), wholesaler, distributor, factory");
  add_number(play_cmd, play_weeks, "--weeks", "Weeks in the game, 2 to 520 (default: 36)");
  add_number(play_cmd, play_seed, "--seed", "Override the scenario's seed (0 to 2^64-1)");
  play_cmd->add_option("--scenario", play.scenario,
                       "Scenario YAML (default: scenarios/teaching/beer_game.yaml)");
  play_cmd->add_option("--orders", play.orders,
                       "Your orders given in advance, e.g. 4,4,8 (no questions; the game ends "
                       "when they run out)");
  auto* play_output =
      play_cmd->add_option("-o,--output", play.output, "Write the game to this HDF5 run file");
  auto* play_report = play_cmd->add_option("--report", play.report,
                                           "Then write the HTML report of the game (surge report)");

  app.add_subcommand("schema", "Print the JSON Schema of the scenario format");

  surge::ReportArgs report;
  auto* report_cmd =
      app.add_subcommand("report", "Write a self-contained HTML report of a result file");
  report_cmd->add_option("file", report.file, "Result HDF5 file (any kind)")->required();
  auto* report_output =
      report_cmd->add_option("-o,--output", report.output, "HTML file (default: FILE with .html)");

  surge::PlotArgs plot;
  auto* plot_cmd = app.add_subcommand("plot", "Draw one figure of a result file (PNG or SVG)");
  plot_cmd->add_option("file", plot.file, "Result HDF5 file (any kind)")->required();
  plot_cmd
      ->add_option("what", plot.what,
                   "targets, plans, sweep, probes, uplift, stock, utilisation, queues, "
                   "service, lead_time, or list")
      ->required();
  auto* plot_output =
      plot_cmd->add_option("-o,--output", plot.output, "PNG or SVG file (default: FILE-WHAT.png)");
  plot_cmd->add_option("--plan", plot.plan, "compare files: the plan to draw (default baseline)");
  plot_cmd->add_option("--point", plot.point, "sweep files: the grid point to draw (K)");
  plot_cmd->add_option("--node", plot.node, "stock: only this node");
  plot_cmd->add_option("--value", plot.value, "sweep: the /sweep column to map");

  // CLI11 answers a misspelt or missing command with "A subcommand is required", which does
  // not say which word was wrong nor what would be valid.
  std::string commands;
  bool known = false;
  for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    commands += (commands.empty() ? "" : ", ") + sub->get_name();
    if (argc > 1 && sub->get_name() == argv[1]) known = true;
  }
  if (argc < 2 || (argv[1][0] != '-' && !known)) {
    if (argc < 2)
      std::fprintf(stderr, "error: no command given; the commands are: %s (surge --help)\n",
                   commands.c_str());
    else
      std::fprintf(stderr, "error: unknown command '%s'; the commands are: %s (surge --help)\n",
                   argv[1], commands.c_str());
    return kExitBadInput;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version print and exit 0; a mistake is one line that names the fix.
    if (e.get_exit_code() == 0) return app.exit(e);
    std::string help = known ? std::string("surge ") + argv[1] + " --help" : "surge --help";
    std::cerr << "error: " << e.what() << " (" << help << " lists the options)\n";
    return kExitBadInput;
  }

  // What was run, recorded before any command starts, for every result file it writes.
  const std::string& scenario_file = *run_cmd        ? run.scenario
                                     : *mc_cmd       ? mc.scenario
                                     : *sweep_cmd    ? sweep.scenario
                                     : *compare_cmd  ? compare.scenario
                                     : *search_cmd   ? search.scenario
                                     : *optimise_cmd ? optimise.scenario
                                     : *diagnose_cmd ? diagnose.scenario
                                                     : play.scenario;
  surge::record_provenance(surge::provenance_of(argc, argv, scenario_file));

  try {
    if (*run_cmd) {
      check_file_name(run_output, run.output);
      if (run_seed.given()) run.seed = surge::uint64_option("--seed", run_seed.text);
      if (run_replication.given())
        run.replication = surge::uint64_option("--replication", run_replication.text);
      return surge::run_command(run);
    }
    if (*play_cmd) {
      check_file_name(play_output, play.output);
      check_file_name(play_report, play.report);
      if (play_weeks.given())
        play.weeks =
            static_cast<int>(surge::whole_number_option("--weeks", play_weeks.text, 2, 520));
      if (play_seed.given()) play.seed = surge::uint64_option("--seed", play_seed.text);
      return surge::play_command(play);
    }
    if (*validate_cmd) return surge::validate_command(validate_file, validate_sets, validate_plans);
    if (*mc_cmd) {
      read_experiment_numbers(mc_text, mc);
      return surge::mc_command(mc);
    }
    if (*sweep_cmd) {
      read_experiment_numbers(sweep_text, sweep);
      return surge::sweep_command(sweep, grid);
    }
    if (*compare_cmd) {
      read_experiment_numbers(compare_text, compare);
      return surge::compare_command(compare);
    }
    if (*diagnose_cmd) {
      read_experiment_numbers(diagnose_text, diagnose);
      return surge::diagnose_command(diagnose);
    }
    if (*search_cmd) {
      read_experiment_numbers(search_text, search);
      probe.range_given = search_range->count() > 0;
      if (search_steps.given())
        probe.steps =
            static_cast<int>(surge::whole_number_option("--steps", search_steps.text, 1, 30));
      return surge::search_command(search, probe);
    }
    if (*optimise_cmd) {
      read_experiment_numbers(optimise_text, optimise);
      surge::OptimiseArgs o;
      if (optimise_budget.given())
        o.budget = surge::non_negative_option("--budget", optimise_budget.text, "50000");
      if (optimise_confirm_reps.given())
        o.confirm_reps = surge::whole_number_option("--confirm-reps", optimise_confirm_reps.text, 1,
                                                    surge::kMaxReplications, "replications");
      o.frontier = optimise_frontier;
      return surge::optimise_command(optimise, o);
    }
    if (*report_cmd) {
      check_file_name(report_output, report.output);
      return surge::report_command(report);
    }
    if (*plot_cmd) {
      check_file_name(plot_output, plot.output);
      return surge::plot_command(plot);
    }
    if (app.got_subcommand("schema")) {
      std::cout << surge::scenario_json_schema() << "\n";
      return 0;
    }
  } catch (const surge::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  } catch (const surge::UsageError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const surge::OutputError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitOutput;
  } catch (const surge::InternalError& e) {
    surge::discard_journals();
    std::cerr << "internal error: " << e.what() << "\n(this is a bug in Surge; please report it)\n";
    return kExitInternal;
  } catch (const surge::Error& e) {  // a user-level problem (e.g. nothing to resume)
    std::cerr << "error: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    surge::discard_journals();
    std::cerr << "internal error: " << e.what() << "\n(this is a bug in Surge; please report it)\n";
    return kExitInternal;
  }
  return 0;
}

}  // namespace

// Under mpirun, ranks other than 0 serve replications to rank 0 (experiment/cluster.hpp).
int main(int argc, char** argv) {
  surge::ClusterSession cluster(argc, argv);
  if (cluster.worker()) return cluster.finish(cluster.serve());
  return cluster.finish(run_cli(argc, argv));
}
