#include "surge/experiment/studies/lever_model.hpp"

#include <algorithm>
#include <thread>

#include "surge/experiment/monte_carlo/cluster.hpp"
#include "surge/experiment/monte_carlo/replication_pool.hpp"
#include "surge/io/scenario_loader.hpp"
#include "surge/kernel/error.hpp"

namespace surge {

std::vector<SearchLever> search_levers(const Scenario& scenario) {
  std::vector<SearchLever> out;
  for (const Lever& l : scenario.levers) out.push_back({l.path, l.values, l.base, l.cost_per_unit});
  return out;
}

LeverModel::LeverModel(const Scenario& base, unsigned threads,
                       std::function<void(std::uint64_t)> replications_done,
                       OptimiseJournal* journal, std::string journal_tag)
    : base_(base),
      threads_(threads),
      replications_done_(std::move(replications_done)),
      journal_(journal),
      tag_(std::move(journal_tag)) {}

std::vector<double> LeverModel::values_of(const LeverPoint& point) const {
  std::vector<double> values;
  for (std::size_t i = 0; i < point.size(); ++i) values.push_back(base_.levers[i].values[point[i]]);
  return values;
}

std::vector<ReplicationOutcome> LeverModel::run(const LeverPoint& point, std::uint64_t first,
                                                std::uint64_t count) {
  auto it = scenarios_.find(point);
  if (it == scenarios_.end())
    it = scenarios_
             .emplace(point, apply_plan(base_, lever_plan(base_, values_of(point), "candidate")))
             .first;
  std::string key = tag_;
  for (std::size_t i = 0; i < point.size(); ++i)
    key.append(i ? "," : "").append(std::to_string(point[i]));
  return run_scenario(it->second, key, first, count);
}

std::uint64_t LeverModel::parallelism() const {
  const std::uint64_t threads = threads_ ? threads_ : std::thread::hardware_concurrency();
  return std::max<std::uint64_t>(threads, 1) * (1 + static_cast<std::uint64_t>(cluster_workers()));
}

std::vector<ReplicationOutcome> LeverModel::run_baseline(std::uint64_t first, std::uint64_t count) {
  return run_scenario(base_, tag_ + "base", first, count);
}

std::vector<ReplicationOutcome> LeverModel::run_scenario(const Scenario& scenario,
                                                         const std::string& key,
                                                         std::uint64_t first, std::uint64_t count) {
  std::vector<ReplicationOutcome> out(count);
  std::vector<bool> have(count, false);
  if (journal_)
    for (std::uint64_t i = 0; i < count; ++i)
      if (const ReplicationOutcome* o = journal_->find(key, first + i)) {
        out[i] = *o;
        have[i] = true;
        ++from_journal_;
      }
  // The whole-run total cost is one of the headline KPIs every replication output carries.
  std::vector<HeadlineKpi> headline = headline_kpis(scenario);
  const std::size_t cost_column = run_total_cost_column(headline);
  SURGE_CHECK(cost_column < headline.size(), "optimise: no run.total_cost headline KPI");
  // Runs each stretch of replications the journal does not hold, in order.
  std::uint64_t i = 0;
  while (i < count) {
    if (have[i]) {
      ++i;
      continue;
    }
    std::uint64_t j = i;
    while (j < count && !have[j]) ++j;
    ReplicationPool pool(scenario, headline, threads_);
    std::uint64_t next = i;
    pool.run(first + i, first + j, [&](ReplicationOutput&& output) {
      ReplicationOutcome o{output.row.deliverable, output.row.kpis[cost_column]};
      out[next] = o;
      if (journal_) journal_->append(key, first + next, o);
      ++next;
    });
    pool.close();
    i = j;
  }
  done_ += count;
  if (replications_done_) replications_done_(done_);
  return out;
}

}  // namespace surge
