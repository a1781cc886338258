#include "surge/experiment/monte_carlo/monte_carlo.hpp"

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "surge/experiment/monte_carlo/cluster.hpp"
#include "surge/experiment/monte_carlo/journal.hpp"
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

// True once every target probability and headline KPI has a 95% CI half-width within the
// requested precision (absolute for probabilities, relative to the mean for KPIs).
bool precise_enough(const McResult& r, double precision) {
  double n = static_cast<double>(r.replications());
  auto narrow = [&](double k) {
    Interval ci = wilson_interval(k, n);
    return (ci.high - ci.low) / 2 <= precision;
  };
  if (!narrow(static_cast<double>(r.deliverable))) return false;
  for (auto k : r.target_met)
    if (!narrow(static_cast<double>(k))) return false;
  for (const auto& s : r.kpi_stats) {
    if (s.count() < 2) continue;
    if (s.half_width() > precision * std::fabs(s.mean()) + 1e-12) return false;
  }
  return true;
}

}  // namespace

void remove_journal(const std::string& path) {
  if (!path.empty()) std::remove(path.c_str());
}

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
  const auto headline = result.headline;

  const bool sequential = options.until_settled && options.precision <= 0;
  Journal journal;
  std::uint64_t next = 0;  // next replication to aggregate
  if (!options.journal.empty()) {
    std::string settings =
        "reps=" + std::to_string(options.replications) +
        " precision=" + std::to_string(options.precision) +
        " batch=" + std::to_string(options.batch) +
        (sequential ? " settle=" + std::to_string(options.first_look) : std::string());
    std::uint64_t identity = experiment_identity(scenario, settings);
    if (options.resume) {
      for (const ReplicationOutput& out : journal.resume(options.journal, identity)) {
        aggregator.add(out);
        ++next;
      }
      result.resumed = next;
    } else {
      journal.create(options.journal, identity);
    }
  }

  // Names that every replication shares: the series layout and the target descriptions.
  auto describe = [&](const RunResult& run) {
    result.layout = series_layout(run);
    result.target_names.clear();
    for (const auto& t : run.targets) result.target_names.push_back(t.description);
  };

  unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
  if (threads == 0) threads = 1;

  // Under mpirun, rank 0 also hands replications to the other ranks (experiment/cluster.hpp);
  // their outputs enter the same reorder buffer, so the aggregation order is unchanged.
  std::unique_ptr<ClusterJob> cluster;
  if (cluster_workers() > 0) cluster = std::make_unique<ClusterJob>(scenario, options.threads);

  // Runs replications [next, end) on `threads` workers (and the other ranks'); outputs are
  // aggregated strictly in replication order through a small reorder buffer.
  auto run_until = [&](std::uint64_t end) {
    std::atomic<std::uint64_t> claim{next};
    std::mutex lock;
    std::map<std::uint64_t, ReplicationOutput> finished;
    std::exception_ptr failure;
    // Called with `lock` held.
    auto deliver = [&](std::uint64_t r, ReplicationOutput&& out) {
      finished.emplace(r, std::move(out));
      for (auto it = finished.find(next); it != finished.end(); it = finished.find(next)) {
        aggregator.add(it->second);
        journal.append(it->second);
        finished.erase(it);
        ++next;
        if (options.progress) options.progress(next, end);
      }
    };
    auto worker = [&] {
      for (;;) {
        std::uint64_t r = claim.fetch_add(1);
        if (r >= end) return;
        {
          std::lock_guard<std::mutex> guard(lock);
          if (failure) return;
        }
        try {
          RunResult run = run_replication(scenario, r);
          ReplicationOutput out = make_output(headline, run);
          std::lock_guard<std::mutex> guard(lock);
          if (result.layout.series.empty()) describe(run);
          deliver(r, std::move(out));
        } catch (...) {
          std::lock_guard<std::mutex> guard(lock);
          if (!failure) failure = std::current_exception();
          return;
        }
      }
    };
    std::vector<std::thread> pool;
    unsigned n = static_cast<unsigned>(std::min<std::uint64_t>(threads, end - next));
    // Test hook only: rank 0 leaving every replication to the workers makes an injected worker
    // failure happen whatever the timing (a fast rank 0 could otherwise run them all first).
    if (cluster && cluster_failure_injected()) n = 0;
    for (unsigned i = 0; i < n; ++i) pool.emplace_back(worker);
    if (cluster) {
      // This thread coordinates the other ranks until every replication is aggregated.
      auto claim_remote = [&](std::uint64_t& r) {
        std::lock_guard<std::mutex> guard(lock);
        if (failure) return false;
        r = claim.fetch_add(1);
        return r < end;
      };
      auto deliver_remote = [&](std::uint64_t r, ReplicationOutput&& out) {
        std::lock_guard<std::mutex> guard(lock);
        deliver(r, std::move(out));
      };
      int idle_micros = 50;
      for (;;) {
        {
          std::lock_guard<std::mutex> guard(lock);
          if (next >= end || failure) break;
        }
        bool did = false;
        try {
          did = cluster->poll(claim_remote, deliver_remote);
        } catch (...) {
          std::lock_guard<std::mutex> guard(lock);
          if (!failure) failure = std::current_exception();
          break;
        }
        if (did) {
          idle_micros = 50;
        } else {
          std::this_thread::sleep_for(std::chrono::microseconds(idle_micros));
          idle_micros = std::min(idle_micros * 2, 1000);
        }
      }
    }
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
  };

  if (sequential) {
    // Looks in a fixed schedule: a resumed run passes the same looks as an uninterrupted one
    // (it only went past a look because that look did not settle), so it stops at the same count.
    auto& seq = result.sequential;
    seq.used = true;
    seq.schedule = look_schedule(options.replications, options.first_look);
    for (std::uint64_t look : seq.schedule.looks) {
      ++seq.looks_taken;
      if (next < look) run_until(look);
      // Counted over exactly `look` replications, the only way to judge a look the same after
      // a resume that already holds more.
      std::uint64_t n = std::min<std::uint64_t>(look, result.rows.size()), met = 0;
      for (std::uint64_t r = 0; r < n; ++r) met += result.rows[r].deliverable ? 1 : 0;
      Interval ci = look_interval(met, n, seq.schedule);
      seq.settled = settled(ci, scenario.confidence);
      if (!seq.settled) continue;
      // This run would have stopped here, so its own journal never holds more; one that does
      // was written by another build of surge, and the streaming summaries already hold its
      // extra replications.
      if (result.rows.size() > look)
        throw Error(options.journal + " holds " + std::to_string(result.rows.size()) +
                    " replications, but this run settles at " + std::to_string(look) +
                    ": it was not written by this build of surge; run again without --resume");
      break;
    }
  } else if (options.precision > 0) {
    std::uint64_t target = std::max(options.min_replications, next);
    for (;;) {
      target = std::min(target, options.replications);
      if (next < target) run_until(target);
      if (next >= options.replications || precise_enough(result, options.precision)) break;
      target = next + options.batch;
    }
  } else if (next < options.replications) {
    run_until(options.replications);
  }
  if (cluster) cluster->close();
  // Every replication came from the journal (or another rank): take the names from one run.
  if (result.layout.series.empty()) describe(run_replication(scenario, 0));
  result.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // The journal file stays until the caller has written the result (remove_journal).
  return result;
}

}  // namespace surge
