#include <iostream>

#include "surge/cli/commands.hpp"
#include "surge/cli/output_paths.hpp"
#include "surge/cli/summary.hpp"
#include "surge/experiment/replication/replication.hpp"
#include "surge/experiment/studies/comparison.hpp"
#include "surge/io/hdf5_writer.hpp"
#include "surge/io/scenario_loader.hpp"

namespace surge {

int run_command(const RunArgs& args) {
  std::vector<std::string> sets = args.sets;
  if (args.seed) sets.push_back("seed=" + std::to_string(*args.seed));
  // The time series and the records are kept only for the output file (the CLI refuses
  // --records without -o), and what the run keeps counts in the check of what it needs.
  const bool to_file = !args.output.empty();
  const bool records = args.records && to_file;
  LoadOptions load;
  load.records = records;
  load.time_series = to_file;
  Scenario scenario = load_scenario_file(args.scenario, sets, args.plans, load);
  check_outputs({{"-o", args.output}}, {{"the scenario", args.scenario}});
  RunOptions options;
  options.records = records;
  options.time_series = to_file;
  RunResult result = run_replication(scenario, args.replication, options);
  if (!args.output.empty()) {
    WriteOptions write;
    write.records = records;
    write_run_result(args.output, scenario, result, write);
  }
  if (args.kpi_table)
    print_kpi_table(std::cout, result);
  else if (!args.quiet)
    print_run_summary(std::cout, scenario, result);
  if (!args.output.empty() && !args.quiet && !args.kpi_table)
    std::cout << "\nResults written to " << args.output << "\n";
  return 0;
}

int validate_command(const std::string& file, const std::vector<std::string>& sets,
                     const std::vector<std::string>& plans) {
  Scenario s = load_scenario_file(file, sets, plans);
  check_plan_names(s);  // what `surge compare` would refuse before running
  std::cout << file << ": ok (" << s.nodes.size() << " nodes, " << s.lanes.size() << " lanes, "
            << s.markets.size() << " markets, " << s.campaigns.size() << " campaigns, "
            << s.plans.size() << " plans)\n";
  return 0;
}

}  // namespace surge
