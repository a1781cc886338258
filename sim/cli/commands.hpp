#pragma once
// The `surge` subcommands. Each takes its parsed arguments and returns the exit code; errors
// are thrown and mapped to exit codes in main.cpp.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "surge/kernel/error.hpp"

namespace surge {

// A command line that asks for something impossible (checked before any work starts).
class UsageError : public Error {
 public:
  using Error::Error;
};

struct RunArgs {
  std::string scenario, output;
  std::vector<std::string> sets;
  std::vector<std::string> plans;  // --plan: plans of the file applied, together
  bool records = false, quiet = false, kpi_table = false;
  std::optional<std::uint64_t> seed;  // --seed: replaces the scenario's
  std::uint64_t replication = 0;
};

// Most replications --reps or --max-reps may ask for (a sanity limit, docs/reliability.md).
inline constexpr std::uint64_t kMaxReplications = 10'000'000;
// Most worker threads --threads may ask for (a sanity limit: each holds a replication).
inline constexpr std::uint64_t kMaxThreads = 1024;
// The cap of --precision when --max-reps is not given.
inline constexpr std::uint64_t kDefaultPrecisionCap = 10'000;
// Without --reps or --precision, a run stops once its verdict is settled, at most this many
// replications unless --max-reps says otherwise (docs/cli.md, "Defaults").
inline constexpr std::uint64_t kDefaultSettleCap = 1'000;

// Shared by mc, sweep, compare and search.
struct ExperimentArgs {
  std::string scenario, output;
  std::vector<std::string> sets;
  std::vector<std::string> plans;  // --plan: plans of the file applied, together
  std::uint64_t reps = 0;          // 0: not given
  std::uint64_t max_reps = 0;      // 0: not given
  double precision = 0;            // 0: not given
  unsigned threads = 0;
  bool resume = false, quiet = false;
  bool all_reps = false;  // compare, search: every plan or probe runs --reps (no early stop)
  // Neither --reps nor --precision: every run stops once its verdict is settled, at most
  // --max-reps (default kDefaultSettleCap).
};

struct SweepArgs {
  std::vector<std::string> grid;
};

struct SearchArgs {
  std::string param, range;
  bool range_given = false;  // without --range, a default where the parameter allows one
  int steps = 6;
};

// `surge report` and `surge plot` (report_command.cpp): run analysis/ on a result file.
struct ReportArgs {
  std::string file, output;
};

struct PlotArgs {
  std::string file, what, output, plan, point, node, value;
};

// `surge play beer-game` (play_command.cpp): one echelon played at the terminal.
struct PlayArgs {
  std::string role = "retailer", scenario, output, report, orders;
  int weeks = 0;  // 0: the scenario's horizon
  std::optional<std::uint64_t> seed;
};

int run_command(const RunArgs& args);
int play_command(const PlayArgs& args);
int validate_command(const std::string& file, const std::vector<std::string>& sets,
                     const std::vector<std::string>& plans);
int mc_command(const ExperimentArgs& args);
int sweep_command(const ExperimentArgs& args, const SweepArgs& sweep);
int compare_command(const ExperimentArgs& args);
int search_command(const ExperimentArgs& args, const SearchArgs& search);

struct OptimiseArgs {
  std::optional<double> budget;    // --budget: the most a plan may cost
  std::string frontier;            // --frontier PATH=v1,v2,...: "" when not given
  std::uint64_t confirm_reps = 0;  // --confirm-reps: 0 = kDefaultSettleCap
};
int optimise_command(const ExperimentArgs& args, const OptimiseArgs& optimise);
int diagnose_command(const ExperimentArgs& args);
int report_command(const ReportArgs& args);
int plot_command(const PlotArgs& args);

}  // namespace surge
