#pragma once
// The MPI back end of the experiments (docs/cluster.md). Under `mpirun -np N surge mc ...`
// rank 0 runs the command as usual: it alone loads arguments, writes the journal and the HDF5
// file and prints. Ranks 1..N-1 are workers: for every run_monte_carlo() call, rank 0 sends
// them the scenario (its full YAML text, so per-plan, per-point and per-probe scenarios and a
// diagnosis's relaxations need no shared file system), and each worker thread asks rank 0 for the
// next replication index (dynamic load balancing), runs it, and sends back its ReplicationOutput in
// the journal's encoding. Rank 0 aggregates strictly in replication order, exactly as the thread
// back end does, so results, journal and file are bit-identical to a single-process run.
//
// MPI is initialised only when the process runs under Open MPI's launcher (OMPI_COMM_WORLD_SIZE
// is set): plain `surge` is unchanged in an MPI build. Built without MPI (SURGE_WITH_MPI=OFF),
// the same interface exists; under mpirun with more than one rank it refuses to run.
#include <cstdint>
#include <functional>
#include <memory>

#include "surge/experiment/replication/replication_output.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

// One per process, created first thing in main() and destroyed last.
class ClusterSession {
 public:
  ClusterSession(int& argc, char**& argv);
  ~ClusterSession();
  ClusterSession(const ClusterSession&) = delete;
  ClusterSession& operator=(const ClusterSession&) = delete;

  // True on ranks 1..N-1: call serve() instead of running the command.
  bool worker() const;
  // Worker ranks: runs replications for rank 0 until it says the command is over; returns the
  // exit code rank 0 finished with (all ranks exit with the same code).
  int serve();
  // Rank 0 (and any plain process): ends the session with the command's exit code. Workers are
  // told to exit with the same code; if rank 0 stopped in the middle of a distributed run (a
  // rank failed), the job is aborted with that code after the error was printed.
  int finish(int code);
};

// How many worker ranks this process can hand replications to (0 without MPI or on a worker).
int cluster_workers();

// Rank 0: the test hook SURGE_TEST_MPI_FAIL_AT=N is set (docs/cluster.md, "Testing a failing
// rank"): workers fail at their first replication >= N. Rank 0 then runs no replication
// itself, so that a worker is certain to reach N however the ranks are scheduled.
bool cluster_failure_injected();

// Rank 0's side of one run_monte_carlo() call spread over the workers.
class ClusterJob {
 public:
  // Sends the scenario to every worker; `threads` is --threads (0: every core of each rank).
  ClusterJob(const Scenario& scenario, unsigned threads);
  ~ClusterJob();
  ClusterJob(const ClusterJob&) = delete;
  ClusterJob& operator=(const ClusterJob&) = delete;

  // One round of coordination: gives waiting worker threads indices taken with `claim` (which
  // returns false when the current batch has none left; such requests wait for the next batch)
  // and passes every result that arrived to `deliver`. Throws the error of a failed rank, its
  // number in the message. Returns whether anything happened (the caller sleeps otherwise).
  bool poll(const std::function<bool(std::uint64_t&)>& claim,
            const std::function<void(std::uint64_t, ReplicationOutput&&)>& deliver);
  // Every replication is aggregated: tells every worker thread there is no more and waits
  // until each has heard it.
  void close();

  struct State;  // the back end's

 private:
  std::unique_ptr<State> state_;
};

}  // namespace surge
