// The MPI back end (experiment/cluster.hpp); compiled only with SURGE_WITH_MPI. MPI itself is
// called through the transport module (mpi_transport.hpp), loaded only under mpirun.
//
// Protocol (every message is bytes on MPI_COMM_WORLD; rank 0 is the coordinator):
//   rank 0 -> worker  kJob     job id, threads, source path, scenario text
//   worker -> rank 0  kRequest job id, slots             (one per worker thread, at job start)
//   rank 0 -> worker  kAssign  replication index, or kNoReplication: this job has no more
//   worker -> rank 0  kResult  job id, slots, index, encoded output (also asks for the next)
//   worker -> rank 0  kFail    job id, kind, message     (an exception in a worker)
//   rank 0 -> worker  kFinish  exit code                 (the command is over)
// MPI is used from one thread per rank (MPI_THREAD_FUNNELED): on rank 0 the thread that runs
// the command, on a worker its main thread, which feeds a local pool of replication threads.
// Waiting is a non-blocking probe plus a short sleep, never a spinning blocking call: the ranks
// share their cores with the replication threads.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "surge/experiment/monte_carlo/cluster.hpp"
#include "surge/experiment/monte_carlo/journal.hpp"
#include "surge/experiment/monte_carlo/mpi_transport.hpp"
#include "surge/experiment/replication/replication.hpp"
#include "surge/experiment/replication/replication_row.hpp"
#include "surge/io/scenario_loader.hpp"
#include "surge/kernel/error.hpp"

namespace surge {
namespace {

enum Tag : int { kJob = 1, kRequest = 2, kAssign = 3, kResult = 4, kFail = 5, kFinish = 6 };
constexpr std::uint64_t kNoReplication = ~std::uint64_t{0};

const MpiTransport* g_mpi = nullptr;  // the loaded module, under mpirun
bool g_active = false;                // MPI initialised by this process
int g_rank = 0;
int g_size = 1;
bool g_job_open = false;  // rank 0: workers are busy with a job that was not closed
std::uint64_t g_jobs = 0;
// Test hook SURGE_TEST_MPI_FAIL_AT=N (docs/cluster.md, tests/mpi/mpi_test.sh): read once at
// start-up, not per replication. kNoReplication: unset, the production case.
std::uint64_t g_fail_at = kNoReplication;
// Rank 0's traffic, for SURGE_MPI_STATS=1 (docs/cluster.md).
std::uint64_t g_results = 0, g_result_bytes = 0, g_sent_bytes = 0, g_messages = 0;

template <typename T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
void put_text(std::string& out, const std::string& s) {
  put<std::uint64_t>(out, s.size());
  out += s;
}
struct In {
  const std::string& data;
  std::size_t at = 0;
  template <typename T>
  T get() {
    T v{};
    if (at + sizeof v > data.size()) throw InternalError("MPI: a message is too short");
    std::memcpy(&v, data.data() + at, sizeof v);
    at += sizeof v;
    return v;
  }
  std::string text() {
    auto n = get<std::uint64_t>();
    if (n > data.size() - at) throw InternalError("MPI: a message is too short");
    std::string s = data.substr(at, n);
    at += n;
    return s;
  }
  std::string rest() { return data.substr(at); }
};

void send(int dest, int tag, const std::string& payload) {
  g_mpi->send(dest, tag, payload.data(), payload.size());
  g_sent_bytes += payload.size();
  ++g_messages;
}

// A message waiting to be received: what a probe found.
struct Probed {
  int source = 0;
  int tag = 0;
  std::size_t size = 0;
};

std::string receive(const Probed& probed) {
  std::string data(probed.size, '\0');
  g_mpi->receive(probed.source, probed.tag, data.data(), data.size());
  return data;
}

// Non-blocking probe; `source` may be kAnyRank.
bool probe(int source, Probed& found) {
  return g_mpi->probe(source, &found.source, &found.tag, &found.size);
}

// Sleeps a little longer each idle round (50 us up to 1 ms), back to short after activity.
struct Backoff {
  int micros = 50;
  void idle() {
    std::this_thread::sleep_for(std::chrono::microseconds(micros));
    micros = std::min(micros * 2, 1000);
  }
  void busy() { micros = 50; }
};

unsigned thread_count(unsigned threads) {
  if (threads == 0) threads = std::thread::hardware_concurrency();
  return threads == 0 ? 1 : threads;
}

// A worker's part of one job: a pool of replication threads fed by the communication thread.
int serve_job(const std::string& message) {
  In in{message};
  auto job = in.get<std::uint64_t>();
  unsigned slots = thread_count(in.get<std::uint32_t>());
  std::string path = in.text();
  std::string text = in.text();

  std::mutex lock;
  std::condition_variable wake;
  std::deque<std::uint64_t> assigned;
  std::deque<std::pair<int, std::string>> outgoing;
  bool stop = false;

  auto fail = [&](const std::exception& e, bool internal) {
    std::string m;
    put(m, job);
    put<std::uint8_t>(m, internal ? 1 : 0);
    m += e.what();
    std::lock_guard<std::mutex> guard(lock);
    outgoing.emplace_back(kFail, std::move(m));
  };

  Scenario scenario;
  std::vector<HeadlineKpi> headline;
  bool loaded = false;
  try {
    scenario = load_scenario_text(text, path);
    headline = headline_kpis(scenario);
    loaded = true;
  } catch (const std::exception& e) {
    fail(e, dynamic_cast<const InternalError*>(&e) != nullptr);
  }

  std::vector<std::thread> pool;
  if (loaded) {
    for (unsigned i = 0; i < slots; ++i) {
      std::string m;
      put(m, job);
      put<std::uint32_t>(m, slots);
      outgoing.emplace_back(kRequest, std::move(m));
    }
    for (unsigned i = 0; i < slots; ++i)
      pool.emplace_back([&] {
        for (;;) {
          std::uint64_t r;
          {
            std::unique_lock<std::mutex> guard(lock);
            wake.wait(guard, [&] { return stop || !assigned.empty(); });
            if (stop) return;
            r = assigned.front();
            assigned.pop_front();
          }
          try {
            // Test hook (docs/cluster.md): a worker failing mid-run, at replication g_fail_at.
            if (r >= g_fail_at) throw Error("injected failure at replication " + std::to_string(r));
            RunResult run = run_replication(scenario, r);
            std::string m;
            put(m, job);
            put<std::uint32_t>(m, slots);
            put(m, r);
            m += encode_replication_output(make_output(headline, run));
            std::lock_guard<std::mutex> guard(lock);
            outgoing.emplace_back(kResult, std::move(m));
          } catch (const std::exception& e) {
            fail(e, dynamic_cast<const InternalError*>(&e) != nullptr);
            return;
          }
        }
      });
  }

  auto stop_pool = [&] {
    {
      std::lock_guard<std::mutex> guard(lock);
      stop = true;
    }
    wake.notify_all();
    for (auto& t : pool) t.join();
  };

  unsigned nones = 0;
  Backoff backoff;
  int finish_code = -1;
  while (finish_code < 0 && (!loaded || nones < slots)) {
    bool did = false;
    std::deque<std::pair<int, std::string>> batch;
    {
      std::lock_guard<std::mutex> guard(lock);
      batch.swap(outgoing);
    }
    for (auto& [tag, m] : batch) send(0, tag, m);
    did = !batch.empty();
    Probed probed;
    while (probe(0, probed)) {
      did = true;
      std::string m = receive(probed);
      In msg{m};
      if (probed.tag == kAssign) {
        auto r = msg.get<std::uint64_t>();
        if (r == kNoReplication) {
          // The last one ends the job: the next message (kJob) is for serve().
          if (++nones == slots) break;
        } else {
          std::lock_guard<std::mutex> guard(lock);
          assigned.push_back(r);
          wake.notify_one();
        }
      } else if (probed.tag == kFinish) {
        finish_code = msg.get<std::int32_t>();
        break;
      }
    }
    if (did)
      backoff.busy();
    else
      backoff.idle();
  }
  stop_pool();
  return finish_code;  // -1: the job ended normally, wait for the next message
}

}  // namespace

ClusterSession::ClusterSession(int& argc, char**& argv) {
  if (!std::getenv("OMPI_COMM_WORLD_SIZE")) return;  // not under mpirun: a plain process
  std::string why;
  g_mpi = load_mpi_transport(why);
  if (!g_mpi) {
    // Each rank that cannot load it says so, naming itself unless it is rank 0: on a cluster
    // the ranks' hosts may differ, and a rank that failed alone would otherwise leave only
    // mpirun's word that it exited.
    const char* rank = std::getenv("OMPI_COMM_WORLD_RANK");
    const std::string who =
        !rank || std::string(rank) == "0" ? std::string() : "rank " + std::string(rank) + ": ";
    std::fprintf(stderr,
                 "error: %sstarted by mpirun, but %s; reinstall surge, or run it without mpirun "
                 "(docs/cluster.md)\n",
                 who.c_str(), why.c_str());
    std::exit(2);
  }
  bool threads_ok = g_mpi->init(&argc, &argv, &g_rank, &g_size);
  if (!threads_ok) {
    std::fprintf(stderr, "error: this MPI library cannot be used from threaded programs\n");
    g_mpi->abort(2);
  }
  g_active = true;
  if (const char* at = std::getenv("SURGE_TEST_MPI_FAIL_AT")) {
    char* end = nullptr;
    errno = 0;
    unsigned long long n = std::strtoull(at, &end, 10);
    if (*at < '0' || *at > '9' || *end != '\0' || errno != 0 || n == kNoReplication) {
      if (g_rank == 0)
        std::fprintf(stderr, "error: SURGE_TEST_MPI_FAIL_AT=%s is not a replication index\n", at);
      g_mpi->finalize();
      std::exit(2);
    }
    g_fail_at = n;
  }
  if (g_rank > 0) {
    // Workers stay silent: rank 0 reports everything, a worker's errors included.
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) {
      dup2(null, 1);
      if (!std::getenv("SURGE_MPI_WORKER_STDERR")) dup2(null, 2);
      close(null);
    }
  }
}

ClusterSession::~ClusterSession() {
  if (g_active) {
    g_active = false;
    g_mpi->finalize();
  }
}

bool ClusterSession::worker() const { return g_active && g_rank > 0; }

int ClusterSession::serve() {
  Backoff backoff;
  for (;;) {
    Probed probed;
    if (!probe(0, probed)) {
      backoff.idle();
      continue;
    }
    backoff.busy();
    std::string m = receive(probed);
    if (probed.tag == kFinish) return In{m}.get<std::int32_t>();
    if (probed.tag == kJob) {
      int code = serve_job(m);
      if (code >= 0) return code;
    }
    // kAssign outside a job cannot happen; anything else is ignored.
  }
}

int ClusterSession::finish(int code) {
  if (!g_active) return code;
  if (g_rank == 0) {
    if (g_job_open) {
      // Stopped in the middle of a distributed run: the error is printed; take the job down.
      std::cout.flush();
      std::cerr.flush();
      std::fflush(nullptr);
      g_mpi->abort(code == 0 ? 1 : code);
    }
    std::string m;
    put<std::int32_t>(m, code);
    for (int w = 1; w < g_size; ++w) send(w, kFinish, m);
    if (std::getenv("SURGE_MPI_STATS"))
      std::fprintf(stderr,
                   "mpi: %d ranks, %llu jobs, %llu replications from workers, %llu bytes of "
                   "results (%.0f per replication), rank 0 sent %llu bytes in %llu messages\n",
                   g_size, static_cast<unsigned long long>(g_jobs),
                   static_cast<unsigned long long>(g_results),
                   static_cast<unsigned long long>(g_result_bytes),
                   g_results ? static_cast<double>(g_result_bytes) / g_results : 0.0,
                   static_cast<unsigned long long>(g_sent_bytes),
                   static_cast<unsigned long long>(g_messages));
  }
  g_active = false;
  g_mpi->finalize();
  return code;
}

int cluster_workers() { return g_active && g_rank == 0 ? g_size - 1 : 0; }

bool cluster_failure_injected() { return g_fail_at != kNoReplication && cluster_workers() > 0; }

struct ClusterJob::State {
  std::uint64_t job = 0;
  std::vector<unsigned> slots, nones;
  std::deque<int> waiting;  // one entry per worker thread asking for an index
};

ClusterJob::ClusterJob(const Scenario& scenario, unsigned threads)
    : state_(std::make_unique<State>()) {
  state_->job = ++g_jobs;
  state_->slots.assign(static_cast<std::size_t>(g_size), 0);
  state_->nones.assign(static_cast<std::size_t>(g_size), 0);
  std::string m;
  put(m, state_->job);
  put<std::uint32_t>(m, threads);
  put_text(m, scenario.source_path);
  put_text(m, scenario.source_text);
  g_job_open = true;
  for (int w = 1; w < g_size; ++w) send(w, kJob, m);
}

ClusterJob::~ClusterJob() = default;

namespace {

// Handles one message from a worker: a failure throws, a result goes to `deliver`, and the
// worker is noted as waiting for its next replication with the slots it reported.
void handle(ClusterJob::State& s, const Probed& probed, const std::string& m,
            const std::function<void(std::uint64_t, ReplicationOutput&&)>* deliver) {
  In in{m};
  int from = probed.source;
  auto job = in.get<std::uint64_t>();
  if (probed.tag == kFail) {
    bool internal = in.get<std::uint8_t>() != 0;
    std::string what = "rank " + std::to_string(from) + " failed: " + in.rest();
    if (internal) throw InternalError(what);
    throw Error(what);
  }
  if (job != s.job)
    throw InternalError("MPI: rank " + std::to_string(from) + " sent a stale message");
  s.slots[static_cast<std::size_t>(from)] = in.get<std::uint32_t>();
  if (probed.tag == kResult) {
    if (!deliver)
      throw InternalError("MPI: rank " + std::to_string(from) + " sent a result after the end");
    auto r = in.get<std::uint64_t>();
    std::string bytes = in.rest();
    ++g_results;
    g_result_bytes += m.size();
    (*deliver)(r, decode_replication_output(bytes));
  }
  s.waiting.push_back(from);
}

}  // namespace

bool ClusterJob::poll(const std::function<bool(std::uint64_t&)>& claim,
                      const std::function<void(std::uint64_t, ReplicationOutput&&)>& deliver) {
  State& s = *state_;
  bool did = false;
  auto hand_out = [&] {
    while (!s.waiting.empty()) {
      std::uint64_t r = 0;
      if (!claim(r)) break;
      std::string m;
      put(m, r);
      send(s.waiting.front(), kAssign, m);
      s.waiting.pop_front();
      did = true;
    }
  };
  hand_out();
  Probed probed;
  while (probe(kAnyRank, probed)) {
    did = true;
    std::string m = receive(probed);
    handle(s, probed, m, &deliver);
    hand_out();
  }
  return did;
}

void ClusterJob::close() {
  State& s = *state_;
  std::string none;
  put(none, kNoReplication);
  auto answer = [&] {
    while (!s.waiting.empty()) {
      int w = s.waiting.front();
      s.waiting.pop_front();
      send(w, kAssign, none);
      ++s.nones[static_cast<std::size_t>(w)];
    }
  };
  auto all_told = [&] {
    for (int w = 1; w < g_size; ++w)
      if (s.slots[static_cast<std::size_t>(w)] == 0 ||
          s.nones[static_cast<std::size_t>(w)] < s.slots[static_cast<std::size_t>(w)])
        return false;
    return true;
  };
  answer();
  Backoff backoff;
  while (!all_told()) {
    Probed probed;
    if (!probe(kAnyRank, probed)) {
      backoff.idle();
      continue;
    }
    backoff.busy();
    std::string m = receive(probed);
    handle(s, probed, m, nullptr);
    answer();
  }
  g_job_open = false;
}

}  // namespace surge
