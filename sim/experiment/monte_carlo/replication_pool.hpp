#pragma once
// Runs replications of one scenario on worker threads and, under mpirun, on the other ranks
// (cluster.hpp), and hands their outputs on strictly in replication order: whoever consumes
// them (the aggregation, the journal) sees the same sequence for any thread or rank count,
// which is what makes a Monte Carlo result bit-identical however it was computed.
//
// What to run, and when to stop, is not the pool's business: the caller asks for a range of
// replications at a time (stop_rule.hpp decides the ranges).
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "surge/experiment/replication/replication.hpp"
#include "surge/experiment/replication/replication_output.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

class ClusterJob;

class ReplicationPool {
 public:
  // Receives each output in replication order, one call at a time.
  using Deliver = std::function<void(ReplicationOutput&& output)>;
  // Sees every replication run by this process (not those of other ranks), one call at a
  // time, before its output is queued for delivery.
  using Inspect = std::function<void(const RunResult& run)>;

  // `threads` 0: every core. Under mpirun, sends the scenario to the other ranks at once.
  ReplicationPool(const Scenario& scenario, std::vector<HeadlineKpi> headline, unsigned threads,
                  Inspect inspect = {});
  ~ReplicationPool();
  ReplicationPool(const ReplicationPool&) = delete;
  ReplicationPool& operator=(const ReplicationPool&) = delete;

  // Runs replications [first, end) and delivers them in order. The first failure (of a
  // replication, of `deliver`, of another rank) stops the handing out of work and is rethrown
  // here once every thread has stopped; outputs delivered before it stay delivered.
  void run(std::uint64_t first, std::uint64_t end, const Deliver& deliver);

  // Every wanted replication was delivered: tells the other ranks this experiment is over.
  // Not called after a failure (main() then takes the whole MPI job down, cluster.hpp).
  void close();

 private:
  const Scenario& scenario_;
  std::vector<HeadlineKpi> headline_;
  unsigned threads_;
  Inspect inspect_;
  std::unique_ptr<ClusterJob> cluster_;
};

}  // namespace surge
