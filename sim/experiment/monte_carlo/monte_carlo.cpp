#include "surge/experiment/monte_carlo/monte_carlo.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include "surge/experiment/monte_carlo/journal.hpp"
#include "surge/experiment/monte_carlo/replication_pool.hpp"
#include "surge/experiment/monte_carlo/stop_rule.hpp"
#include "surge/experiment/replication/replication.hpp"
#include "surge/kernel/error.hpp"
#include "surge/kernel/random.hpp"

namespace surge {
namespace {

class Aggregator {
 public:
  Aggregator(const Scenario& s, McResult& result) : result_(result) {
    result_.headline = headline_kpis(s);
    for (const Campaign& c : s.campaigns)
      result_.input_names.push_back("campaigns." + c.id + ".uplift");
    result_.kpi_stats.assign(result_.headline.size(), RunningStats{});
    result_.target_met.assign(s.targets.size(), 0);
  }

  void add(const ReplicationOutput& out) {
    const ReplicationRow& row = out.row;
    for (std::size_t k = 0; k < row.kpis.size(); ++k)
      if (!std::isnan(row.kpis[k])) result_.kpi_stats[k].add(row.kpis[k]);
    for (std::size_t t = 0; t < row.target_met.size(); ++t)
      result_.target_met[t] += row.target_met[t];
    result_.deliverable += row.deliverable ? 1 : 0;
    if (result_.census_hours.size() < row.census_bound.size()) {
      const std::size_t n = row.census_bound.size();
      result_.census_bound_reps.resize(n, 0);
      result_.census_bound_failing.resize(n, 0);
      result_.census_hours.resize(n);
      result_.census_held.resize(n);
    }
    for (std::size_t c = 0; c < row.census_bound.size(); ++c) {
      const bool bound = row.census_bound[c] > 0;
      result_.census_bound_reps[c] += bound ? 1 : 0;
      result_.census_bound_failing[c] += bound && !row.deliverable ? 1 : 0;
      result_.census_hours[c].add(row.census_bound[c]);
      if (c < row.census_held.size()) result_.census_held[c].add(row.census_held[c]);
    }
    if (result_.bands.empty()) {
      result_.bands.resize(out.values.size());
      for (auto& b : result_.bands)
        for (std::size_t q = 0; q < kBandLevels.size(); ++q)
          b[q] = StreamingQuantile(kBandLevels[q]);
    }
    for (std::size_t i = 0; i < out.values.size() && i < result_.bands.size(); ++i)
      if (!std::isnan(out.values[i]))
        for (auto& q : result_.bands[i]) q.add(out.values[i]);
    result_.rows.push_back(row);
  }

 private:
  McResult& result_;
};

}  // namespace

void remove_journal(const std::string& path) { delete_journal(path); }

std::uint64_t experiment_identity(const Scenario& s, const std::string& settings) {
  std::uint64_t h = stable_hash(s.source_text);
  h = mix_seed(h, s.seed);
  return mix_seed(h, stable_hash(settings));
}

std::string point_journal(const std::string& study_journal, std::size_t index) {
  return study_journal.empty() ? std::string() : study_journal + "." + std::to_string(index);
}

McOptions point_options(const McOptions& study, std::size_t index) {
  McOptions o = study;
  o.journal = point_journal(study.journal, index);
  o.resume = study.resume && !o.journal.empty() && std::filesystem::exists(o.journal);
  return o;
}

McResult run_monte_carlo(const Scenario& scenario, const McOptions& options) {
  auto started = std::chrono::steady_clock::now();
  McResult result;
  Aggregator aggregator(scenario, result);

  const bool sequential = options.until_settled && options.precision <= 0;
  Journal journal;
  if (!options.journal.empty()) {
    std::string settings =
        "reps=" + std::to_string(options.replications) +
        " precision=" + std::to_string(options.precision) +
        " batch=" + std::to_string(options.batch) +
        (sequential ? " settle=" + std::to_string(options.first_look) : std::string());
    std::uint64_t identity = experiment_identity(scenario, settings);
    if (options.resume) {
      Journal::Resumed resumed = journal.resume(options.journal, identity);
      for (const ReplicationOutput& out : resumed.outputs) aggregator.add(out);
      result.resumed = resumed.outputs.size();
      result.journal_damage = resumed.damage;
    } else {
      journal.create(options.journal, identity);
    }
  }

  // Names that every replication shares, taken from the first one this process runs: the
  // series layout and the target descriptions.
  auto describe = [&](const RunResult& run) {
    if (!result.layout.series.empty()) return;
    result.layout = series_layout(run);
    result.census = census_keys(run);
    result.target_names.clear();
    for (const auto& t : run.targets) result.target_names.push_back(t.description);
  };
  ReplicationPool pool(scenario, result.headline, options.threads, describe);

  std::unique_ptr<StopRule> rule = make_stop_rule(options, scenario.confidence);
  while (std::optional<std::uint64_t> count = rule->next_count(result)) {
    if (result.replications() >= *count) continue;
    const std::uint64_t end = *count;
    pool.run(result.replications(), end, [&](ReplicationOutput&& out) {
      aggregator.add(out);
      journal.append(out);
      if (options.progress) options.progress(result.replications(), end);
    });
  }
  pool.close();
  // Every replication came from the journal (or another rank): take the names from one run.
  if (result.layout.series.empty()) describe(run_replication(scenario, 0));
  result.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // The journal file stays until the caller has written the result (remove_journal).
  return result;
}

}  // namespace surge
