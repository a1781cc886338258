#include "surge/experiment/studies/lever_model.hpp"

#include <algorithm>
#include <exception>
#include <thread>

#include "surge/experiment/replication/replication.hpp"
#include "surge/io/scenario_loader.hpp"

namespace surge {

std::vector<SearchLever> search_levers(const Scenario& scenario) {
  std::vector<SearchLever> out;
  for (const Lever& l : scenario.levers) out.push_back({l.path, l.values, l.base, l.cost_per_unit});
  return out;
}

LeverModel::LeverModel(const Scenario& base, unsigned threads,
                       std::function<void(std::uint64_t)> replications_done)
    : base_(base),
      threads_(std::max(1u, threads)),
      replications_done_(std::move(replications_done)) {}

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
  return run_scenario(it->second, first, count);
}

std::vector<ReplicationOutcome> LeverModel::run_baseline(std::uint64_t first, std::uint64_t count) {
  return run_scenario(base_, first, count);
}

std::vector<ReplicationOutcome> LeverModel::run_scenario(const Scenario& scenario,
                                                         std::uint64_t first, std::uint64_t count) {
  std::vector<ReplicationOutcome> out(count);
  std::vector<std::exception_ptr> errors(threads_);
  // Thread t runs replications t, t + T, ...: each writes its own slot, so the outcomes (and
  // every decision taken from them) are the same for any thread count.
  auto work = [&](unsigned t) {
    try {
      for (std::uint64_t i = t; i < count; i += threads_) {
        RunResult r = run_replication(scenario, first + i);
        bool met = true;
        for (const TargetResult& target : r.targets) met = met && target.met;
        out[i] = {met, r.kpi("run", "total_cost")};
      }
    } catch (...) {
      errors[t] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  const unsigned used = static_cast<unsigned>(std::min<std::uint64_t>(threads_, count));
  for (unsigned t = 1; t < used; ++t) pool.emplace_back(work, t);
  if (used > 0) work(0);
  for (auto& th : pool) th.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
  done_ += count;
  if (replications_done_) replications_done_(done_);
  return out;
}

}  // namespace surge
