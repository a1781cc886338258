#include "surge/experiment/monte_carlo/replication_pool.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "surge/experiment/monte_carlo/cluster.hpp"
#include "surge/kernel/error.hpp"

namespace surge {
namespace {

// Test hook SURGE_TEST_INTERNAL_ERROR_AT=N (docs/reliability.md): replication N fails with an
// internal error, so the CLI tests can check that exit code 70 leaves nothing behind. Read
// once per process; unset (the production case) it costs one comparison per replication.
std::uint64_t internal_error_at() {
  static const std::uint64_t at = [] {
    const char* text = std::getenv("SURGE_TEST_INTERNAL_ERROR_AT");
    if (text == nullptr || *text < '0' || *text > '9') return ~std::uint64_t{0};
    return static_cast<std::uint64_t>(std::strtoull(text, nullptr, 10));
  }();
  return at;
}

// Replications allocate and free the same few megabytes one after another. glibc's defaults
// adapt the mmap and trim thresholds as blocks are freed, and depending on the sizes it met
// last it may hand the freed top of the heap back to the kernel after a replication, so the
// next one faults every page in again (on the 2-core reference VM a page fault costs
// microseconds: in one build 13,000 extra faults in 30 flagship replications doubled the
// system time). Fixed thresholds keep freed memory in the process for the next replication;
// peak memory is unchanged, since each replication reuses what the previous one freed.
// Blocks over 32 MiB are still mapped and unmapped one by one.
void keep_freed_memory() {
#if defined(__GLIBC__)
  static const bool once = [] {
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    return true;
  }();
  (void)once;
#endif
}

}  // namespace

ReplicationPool::ReplicationPool(const Scenario& scenario, std::vector<HeadlineKpi> headline,
                                 unsigned threads, Inspect inspect)
    : scenario_(scenario),
      headline_(std::move(headline)),
      threads_(threads ? threads : std::thread::hardware_concurrency()),
      inspect_(std::move(inspect)) {
  if (threads_ == 0) threads_ = 1;
  keep_freed_memory();
  // Under mpirun, rank 0 also hands replications to the other ranks; their outputs enter the
  // same reorder buffer, so the delivery order is unchanged. The workers get --threads as
  // given (0: each rank uses its own cores).
  if (cluster_workers() > 0) cluster_ = std::make_unique<ClusterJob>(scenario, threads);
}

ReplicationPool::~ReplicationPool() = default;

void ReplicationPool::run(std::uint64_t first, std::uint64_t end, const Deliver& deliver) {
  if (first >= end) return;
  std::uint64_t next = first;  // the next replication to deliver
  std::atomic<std::uint64_t> claim{first};
  std::mutex lock;
  // Finished outputs waiting for an earlier replication: a small reorder buffer.
  std::map<std::uint64_t, ReplicationOutput> finished;
  std::exception_ptr failure;
  // Called with `lock` held.
  auto arrive = [&](std::uint64_t r, ReplicationOutput&& out) {
    finished.emplace(r, std::move(out));
    for (auto it = finished.find(next); it != finished.end(); it = finished.find(next)) {
      deliver(std::move(it->second));
      finished.erase(it);
      ++next;
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
        if (r == internal_error_at())
          throw InternalError("injected at replication " + std::to_string(r) +
                              " (SURGE_TEST_INTERNAL_ERROR_AT)");
        RunResult run = run_replication(scenario_, r);
        ReplicationOutput out = make_output(headline_, run);
        std::lock_guard<std::mutex> guard(lock);
        if (inspect_) inspect_(run);
        arrive(r, std::move(out));
      } catch (...) {
        std::lock_guard<std::mutex> guard(lock);
        if (!failure) failure = std::current_exception();
        return;
      }
    }
  };
  std::vector<std::thread> pool;
  unsigned n = static_cast<unsigned>(std::min<std::uint64_t>(threads_, end - first));
  // Test hook only: rank 0 leaving every replication to the workers makes an injected worker
  // failure happen whatever the timing (a fast rank 0 could otherwise run them all first).
  if (cluster_ && cluster_failure_injected()) n = 0;
  for (unsigned i = 0; i < n; ++i) pool.emplace_back(worker);
  if (cluster_) {
    // This thread coordinates the other ranks until every replication is delivered.
    auto claim_remote = [&](std::uint64_t& r) {
      std::lock_guard<std::mutex> guard(lock);
      if (failure) return false;
      r = claim.fetch_add(1);
      return r < end;
    };
    auto arrive_remote = [&](std::uint64_t r, ReplicationOutput&& out) {
      std::lock_guard<std::mutex> guard(lock);
      arrive(r, std::move(out));
    };
    int idle_micros = 50;
    for (;;) {
      {
        std::lock_guard<std::mutex> guard(lock);
        if (next >= end || failure) break;
      }
      bool did = false;
      try {
        did = cluster_->poll(claim_remote, arrive_remote);
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
}

void ReplicationPool::close() {
  if (cluster_) cluster_->close();
}

}  // namespace surge
