#pragma once
// The MPI calls of the cluster back end (cluster_mpi.cpp), behind a table of functions that a
// separate module implements (mpi_transport_module.cpp, built as surge_mpi_transport.so and
// linked to Open MPI). The `surge` binary itself does not link MPI: loading and relocating
// Open MPI's libraries was most of the start-up of every process (docs/performance.md,
// "Start-up"), and MPI is needed only under mpirun. So the module is dlopen()ed then, and only
// then (docs/cluster.md, "How surge finds its MPI module").
//
// A plain C table, not a C++ class: the module is found at run time and could be of another
// build, so what the two sides agree on is kept small and carries its own version number.
#include <cstddef>
#include <string>

namespace surge {

// Bumped whenever the table below changes: a module of another version is refused.
constexpr int kMpiTransportVersion = 1;
// `probe` from any rank.
constexpr int kAnyRank = -1;

struct MpiTransport {
  int version;  // kMpiTransportVersion of the module's build
  // MPI_Init_thread with MPI_THREAD_FUNNELED; false if the library cannot give that level.
  // Sets this process's rank and the number of ranks either way.
  bool (*init)(int* argc, char*** argv, int* rank, int* size);
  void (*finalize)();
  // MPI_Abort of every rank with `code`; does not return.
  void (*abort)(int code);
  // Blocking send of `size` bytes to rank `to` with `tag`.
  void (*send)(int to, int tag, const void* data, std::size_t size);
  // Non-blocking probe for a message from `from` (or kAnyRank), any tag: whether there is one,
  // and if so its sender, tag and size in bytes.
  bool (*probe)(int from, int* sender, int* tag, std::size_t* size);
  // Receives the message `probe` found: `size` bytes from `sender` with `tag`.
  void (*receive)(int sender, int tag, void* data, std::size_t size);
};

// The module's file name, and its one exported symbol: an extern "C" function of that name
// returning its table (`const MpiTransport* surge_mpi_transport()`), found with dlsym.
constexpr const char* kMpiModuleFile = "surge_mpi_transport.so";
constexpr const char* kMpiTransportEntry = "surge_mpi_transport";

// Loads the module (RTLD_NOW | RTLD_GLOBAL: Open MPI's own plugins need libmpi's symbols) from
// the directory of /proc/self/exe, then from the install location relative to it. On failure
// returns nullptr and sets `error` to one line: what was looked for, where, and why it failed.
const MpiTransport* load_mpi_transport(std::string& error);

}  // namespace surge
