// The `surge` command. Exit codes: 0 success, 2 bad input (scenario or arguments: nothing was
// simulated and no file written), 3 the result could not be written, 70 an internal error.
#include <CLI/CLI.hpp>
#include <iostream>
#include <string>
#include <vector>

#include "cli/summary.hpp"
#include "experiment/replication.hpp"
#include "io/hdf5_writer.hpp"
#include "io/scenario_loader.hpp"

namespace {

constexpr int kExitBadInput = 2;
constexpr int kExitOutput = 3;
constexpr int kExitInternal = 70;

struct RunArgs {
  std::string scenario, output;
  std::vector<std::string> sets;
  bool records = false, quiet = false;
  long long seed = -1;
  std::uint64_t replication = 0;
};

int run_command(const RunArgs& args) {
  std::vector<std::string> sets = args.sets;
  if (args.seed >= 0) sets.push_back("seed=" + std::to_string(args.seed));
  surge::Scenario scenario = surge::load_scenario_file(args.scenario, sets);
  if (!args.output.empty()) surge::check_output_writable(args.output);
  surge::RunOptions options;
  options.records = args.records;
  surge::RunResult result = surge::run_replication(scenario, args.replication, options);
  if (!args.output.empty())
    surge::write_run_result(args.output, scenario, result, surge::WriteOptions{args.records});
  if (!args.quiet) surge::print_run_summary(std::cout, scenario, result);
  if (!args.output.empty() && !args.quiet) std::cout << "\nResults written to " << args.output << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Surge: can the supply chain deliver this campaign?"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("surge ") + SURGE_VERSION);

  RunArgs run;
  auto* run_cmd = app.add_subcommand("run", "Simulate one replication of a scenario");
  run_cmd->add_option("scenario", run.scenario, "Scenario YAML file")->required();
  run_cmd->add_option("-o,--output", run.output, "Write results to this HDF5 file");
  run_cmd->add_option("--set", run.sets, "Override a value: dotted.path=value (repeatable)");
  run_cmd->add_option("--seed", run.seed, "Override the scenario's seed")->check(CLI::NonNegativeNumber);
  run_cmd->add_option("--replication", run.replication, "Replication index (random streams)");
  run_cmd->add_flag("--records", run.records, "Also write per-order and per-contact records");
  run_cmd->add_flag("-q,--quiet", run.quiet, "Print nothing on success");

  std::string validate_file;
  std::vector<std::string> validate_sets;
  auto* validate_cmd = app.add_subcommand("validate", "Check a scenario file without running it");
  validate_cmd->add_option("scenario", validate_file, "Scenario YAML file")->required();
  validate_cmd->add_option("--set", validate_sets, "Override a value: dotted.path=value");

  app.add_subcommand("schema", "Print the JSON Schema of the scenario format");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : kExitBadInput;
  }

  try {
    if (*run_cmd) return run_command(run);
    if (*validate_cmd) {
      surge::Scenario s = surge::load_scenario_file(validate_file, validate_sets);
      std::cout << validate_file << ": ok (" << s.nodes.size() << " nodes, " << s.lanes.size()
                << " lanes, " << s.markets.size() << " markets, " << s.campaigns.size()
                << " campaigns)\n";
      return 0;
    }
    if (app.got_subcommand("schema")) {
      std::cout << surge::scenario_json_schema() << "\n";
      return 0;
    }
  } catch (const surge::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  } catch (const surge::OutputError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitOutput;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << "\n(this is a bug in Surge; please report it)\n";
    return kExitInternal;
  }
  return 0;
}
