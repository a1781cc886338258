#pragma once
// Monte Carlo: N replications of one scenario on all cores, aggregated in replication order so
// the result is bit-identical for any thread count. Replication r draws from the same random
// streams in every plan and sweep point (common random numbers), so their differences are
// paired. Time series are reduced to streaming percentile bands: memory does not grow with N.
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "surge/experiment/monte_carlo/sequential_verdict.hpp"
#include "surge/experiment/monte_carlo/statistics.hpp"
#include "surge/experiment/replication/replication_output.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

struct McOptions {
  std::uint64_t replications = 100;  // the count; with precision > 0, the cap
  double precision = 0;              // > 0: stop once every 95% CI half-width is this small
  std::uint64_t min_replications = 30;
  std::uint64_t batch = 50;  // precision mode adds replications in batches of this
  // Stop once the verdict is settled (sequential_verdict.hpp): replications is then the cap
  // and first_look the first count judged. Ignored with precision > 0, which decides the stop.
  bool until_settled = false;
  std::uint64_t first_look = 30;
  unsigned threads = 0;  // 0: every core
  std::string journal;   // empty: no journal (no resume)
  bool resume = false;
  // Called after each replication is aggregated (from one thread at a time).
  std::function<void(std::uint64_t done, std::uint64_t planned)> progress;
};

inline constexpr std::array<double, 5> kBandLevels{0.05, 0.25, 0.50, 0.75, 0.95};

struct McResult {
  std::vector<HeadlineKpi> headline;
  std::vector<std::string> input_names;   // dotted paths of the drawn inputs
  std::vector<std::string> target_names;  // descriptions, in scenario order
  std::vector<ReplicationRow> rows;       // in replication order
  std::vector<RunningStats> kpi_stats;    // per headline KPI (NaN values skipped)
  std::vector<std::uint64_t> target_met;  // replications meeting each target
  // The binding-constraint census over replications (docs/kpis.md): its columns (from the
  // first replication), and per column the replications in which it bound, those of the
  // failing ones, and its hours bound and work held.
  std::vector<CensusKey> census;
  std::vector<std::uint64_t> census_bound_reps, census_bound_failing;
  std::vector<RunningStats> census_hours, census_held;
  std::uint64_t deliverable = 0;  // replications meeting every target
  SeriesLayout layout;
  std::vector<std::array<StreamingQuantile, 5>> bands;  // per sample, in layout order
  std::uint64_t resumed = 0;                            // replications taken from the journal
  // Set when the run stopped by the sequential rule (McOptions::until_settled): its looks,
  // how many were taken, and whether the last one settled the verdict.
  struct Sequential {
    bool used = false;
    LookSchedule schedule;
    std::size_t looks_taken = 0;  // looks judged
    bool settled = false;
  } sequential;
  // Set when the run stopped by precision (McOptions::precision > 0): whether every interval
  // got narrow enough before the cap, and the widest one at the last check (absolute for a
  // probability, relative to the mean for a KPI) with what it was of.
  struct Precision {
    bool used = false;
    double requested = 0;
    std::uint64_t cap = 0;
    bool reached = false;
    double widest = 0;
    std::string widest_what;
    bool widest_relative = false;  // a KPI's, relative to its mean
  } precision;
  // Non-empty when --resume found a damaged record in the journal (journal.hpp): what was
  // damaged. That record and every one after it were run again.
  std::string journal_damage;
  double wall_seconds = 0;

  std::uint64_t replications() const { return rows.size(); }
};

McResult run_monte_carlo(const Scenario& scenario, const McOptions& options);

// A study (sweep, comparison) is one Monte Carlo run per point or plan, each with its own
// journal; point_journal names it (empty when the study keeps none). point_options gives a
// point's options: that journal, resumed only if the stopped study reached the point.
std::string point_journal(const std::string& study_journal, std::size_t index);
McOptions point_options(const McOptions& study, std::size_t index);

// Deletes an experiment's journal once its result is safely written.
void remove_journal(const std::string& path);

// Identifies a scenario and the settings that change an experiment's outcome (for journals).
std::uint64_t experiment_identity(const Scenario& scenario, const std::string& settings);

}  // namespace surge
