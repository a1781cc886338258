// The `surge` command line. Exit codes: 0 success; 2 bad input (scenario or arguments:
// nothing was simulated and no file written); 3 the result could not be written; 70 an
// internal error (a bug in Surge: nothing is left behind, not even a journal).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <string>

#include "surge/cli/commands.hpp"
#include "surge/experiment/monte_carlo/cluster.hpp"
#include "surge/experiment/monte_carlo/journal.hpp"
#include "surge/io/output_error.hpp"
#include "surge/io/scenario_loader.hpp"
#include "surge/version.hpp"

namespace {

constexpr int kExitBadInput = 2;
constexpr int kExitOutput = 3;
constexpr int kExitInternal = 70;

void add_experiment_options(CLI::App* cmd, surge::ExperimentArgs& a) {
  cmd->add_option("scenario", a.scenario, "Scenario YAML file")->required();
  cmd->add_option("--reps", a.reps, "Replications (per plan, point or probe)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--precision", a.precision,
                  "Add replications until every 95% CI half-width is at most this")
      ->check(CLI::Range(1e-6, 0.999999));
  cmd->add_option("--max-reps", a.max_reps, "Cap on replications with --precision")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--threads", a.threads, "Worker threads (default: every core)");
  cmd->add_option("-o,--output", a.output, "Write results to this HDF5 file");
  cmd->add_option("--set", a.sets, "Override a value: dotted.path=value (repeatable)");
  cmd->add_flag("-q,--quiet", a.quiet, "Print nothing on success");
}

}  // namespace

namespace {

int run_cli(int argc, char** argv) {
  CLI::App app{"Surge: can the supply chain deliver this campaign?"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("surge ") + SURGE_VERSION);

  surge::RunArgs run;
  auto* run_cmd = app.add_subcommand("run", "Simulate one replication of a scenario");
  run_cmd->add_option("scenario", run.scenario, "Scenario YAML file")->required();
  run_cmd->add_option("-o,--output", run.output, "Write results to this HDF5 file");
  run_cmd->add_option("--set", run.sets, "Override a value: dotted.path=value (repeatable)");
  run_cmd->add_option("--seed", run.seed, "Override the scenario's seed")
      ->check(CLI::NonNegativeNumber);
  run_cmd->add_option("--replication", run.replication, "Replication index (random streams)");
  run_cmd->add_flag("--records", run.records, "Also write per-order and per-contact records");
  run_cmd->add_flag("-q,--quiet", run.quiet, "Print nothing on success");
  run_cmd->add_flag("--kpi-table", run.kpi_table,
                    "Print every KPI as tab-separated rows (for scripts and golden tests)");

  std::string validate_file;
  std::vector<std::string> validate_sets;
  auto* validate_cmd = app.add_subcommand("validate", "Check a scenario file without running it");
  validate_cmd->add_option("scenario", validate_file, "Scenario YAML file")->required();
  validate_cmd->add_option("--set", validate_sets, "Override a value: dotted.path=value");

  surge::ExperimentArgs mc;
  auto* mc_cmd = app.add_subcommand("mc", "Monte Carlo: many replications and the verdict");
  add_experiment_options(mc_cmd, mc);
  mc_cmd->add_flag("--resume", mc.resume, "Continue a stopped run from its journal (needs -o)");

  surge::ExperimentArgs sweep;
  surge::SweepArgs grid;
  auto* sweep_cmd = app.add_subcommand("sweep", "Monte Carlo at every point of a grid");
  add_experiment_options(sweep_cmd, sweep);
  sweep_cmd->add_option("--grid", grid.grid, "path=v1,v2,... or path=lo:hi:step (repeatable)");
  sweep_cmd->add_flag("--resume", sweep.resume, "Continue a stopped sweep (needs -o)");

  surge::ExperimentArgs compare;
  auto* compare_cmd = app.add_subcommand("compare", "The baseline and every plan, paired");
  add_experiment_options(compare_cmd, compare);
  compare_cmd->add_flag("--resume", compare.resume, "Continue a stopped comparison (needs -o)");
  compare_cmd->add_flag("--all-reps", compare.all_reps,
                        "Run every plan to --reps (by default a plan stops once its verdict is "
                        "settled)");

  surge::ExperimentArgs search;
  surge::SearchArgs probe;
  auto* search_cmd =
      app.add_subcommand("search", "Largest value of a parameter that stays deliverable");
  add_experiment_options(search_cmd, search);
  search_cmd->add_option("--param", probe.param, "Dotted path of the scalar to search")->required();
  search_cmd->add_option("--range", probe.range, "LOW:HIGH")->required();
  search_cmd->add_option("--steps", probe.steps, "Bisection steps (default 6)");
  search_cmd->add_flag("--all-reps", search.all_reps,
                       "Run every probe to --reps (by default a probe stops once its verdict is "
                       "settled)");

  surge::PlayArgs play;
  std::string game;
  auto* play_cmd =
      app.add_subcommand("play", "Play one echelon of the beer game at the terminal, week by week");
  play_cmd->add_option("game", game, "The game: beer-game")
      ->required()
      ->check(CLI::IsMember({"beer-game"}));
  play_cmd->add_option("--role", play.role,
                       "Echelon you play: retailer (default), wholesaler, distributor, factory");
  play_cmd->add_option("--weeks", play.weeks, "Weeks in the game (default: the scenario's 36)")
      ->check(CLI::Range(2, 520));
  play_cmd->add_option("--seed", play.seed, "Override the scenario's seed")
      ->check(CLI::NonNegativeNumber);
  play_cmd->add_option("--scenario", play.scenario,
                       "Scenario YAML (default: scenarios/teaching/beer_game.yaml)");
  play_cmd->add_option("--orders", play.orders,
                       "Your orders given in advance, e.g. 4,4,8 (no questions; the game ends "
                       "when they run out)");
  play_cmd->add_option("-o,--output", play.output, "Write the game to this HDF5 run file");
  play_cmd->add_option("--report", play.report,
                       "Then write the HTML report of the game (surge report)");

  app.add_subcommand("schema", "Print the JSON Schema of the scenario format");

  surge::ReportArgs report;
  auto* report_cmd =
      app.add_subcommand("report", "Write a self-contained HTML report of a result file");
  report_cmd->add_option("file", report.file, "Result HDF5 file (any kind)")->required();
  report_cmd->add_option("-o,--output", report.output, "HTML file (default: FILE with .html)");

  surge::PlotArgs plot;
  auto* plot_cmd = app.add_subcommand("plot", "Draw one figure of a result file (PNG or SVG)");
  plot_cmd->add_option("file", plot.file, "Result HDF5 file (any kind)")->required();
  plot_cmd
      ->add_option("what", plot.what,
                   "targets, plans, sweep, probes, uplift, stock, utilisation, queues, "
                   "service, lead_time, or list")
      ->required();
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
    int code = app.exit(e);
    return code == 0 ? 0 : kExitBadInput;
  }

  try {
    if (*run_cmd) return surge::run_command(run);
    if (*play_cmd) return surge::play_command(play);
    if (*validate_cmd) return surge::validate_command(validate_file, validate_sets);
    if (*mc_cmd) return surge::mc_command(mc);
    if (*sweep_cmd) return surge::sweep_command(sweep, grid);
    if (*compare_cmd) return surge::compare_command(compare);
    if (*search_cmd) return surge::search_command(search, probe);
    if (*report_cmd) return surge::report_command(report);
    if (*plot_cmd) return surge::plot_command(plot);
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
