// The back end of experiment/cluster.hpp in a build without MPI (SURGE_WITH_MPI=OFF): every
// process works alone. Started by mpirun with several ranks, each would run the whole
// experiment and write the same file, so it refuses instead.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "surge/experiment/monte_carlo/cluster.hpp"
#include "surge/kernel/error.hpp"

namespace surge {

struct ClusterJob::State {};

ClusterSession::ClusterSession(int&, char**&) {
  const char* size = std::getenv("OMPI_COMM_WORLD_SIZE");
  if (size && std::atoi(size) > 1) {
    const char* rank = std::getenv("OMPI_COMM_WORLD_RANK");
    if (!rank || std::string(rank) == "0")
      std::fprintf(stderr,
                   "error: this surge was built without MPI (SURGE_WITH_MPI=OFF), so it cannot "
                   "share work between mpirun's ranks; run it without mpirun, or rebuild with "
                   "libopenmpi-dev installed (README.md, docs/cluster.md)\n");
    std::exit(2);
  }
}
ClusterSession::~ClusterSession() = default;
bool ClusterSession::worker() const { return false; }
int ClusterSession::serve() { return 0; }
int ClusterSession::finish(int code) { return code; }

int cluster_workers() { return 0; }
bool cluster_failure_injected() { return false; }

ClusterJob::ClusterJob(const Scenario&, unsigned) {
  throw InternalError("built without MPI: there are no other ranks to share work with");
}
ClusterJob::~ClusterJob() = default;
bool ClusterJob::poll(const std::function<bool(std::uint64_t&)>&,
                      const std::function<void(std::uint64_t, ReplicationOutput&&)>&) {
  return false;
}
void ClusterJob::close() {}

}  // namespace surge
