// The MPI transport module (mpi_transport.hpp): the only file of Surge that calls MPI. Built
// as the shared module surge_mpi_transport.so (CMake target surge_mpi_transport, linked to
// Open MPI), which `surge` loads only when started by mpirun. Every message is MPI_BYTE on
// MPI_COMM_WORLD; what the bytes mean is cluster_mpi.cpp's business.
#include <mpi.h>

#include <climits>
#include <cstdio>
#include <cstdlib>

#include "surge/experiment/monte_carlo/mpi_transport.hpp"

namespace {

// MPI counts are ints: a message of 2 GiB or more cannot be sent in one call. Messages are a
// scenario's text or one replication's output, far below that; refuse rather than truncate.
int byte_count(std::size_t size) {
  if (size > static_cast<std::size_t>(INT_MAX)) {
    std::fprintf(stderr, "error: an MPI message of %zu bytes is larger than MPI can send\n", size);
    MPI_Abort(MPI_COMM_WORLD, 70);
  }
  return static_cast<int>(size);
}

bool init(int* argc, char*** argv, int* rank, int* size) {
  int provided = 0;
  MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, rank);
  MPI_Comm_size(MPI_COMM_WORLD, size);
  return provided >= MPI_THREAD_FUNNELED;
}

void finalize() { MPI_Finalize(); }

void abort_all(int code) {
  MPI_Abort(MPI_COMM_WORLD, code);
  std::_Exit(code);  // MPI_Abort does not return; this is for the compiler and the unexpected
}

void send(int to, int tag, const void* data, std::size_t size) {
  MPI_Send(data, byte_count(size), MPI_BYTE, to, tag, MPI_COMM_WORLD);
}

bool probe(int from, int* sender, int* tag, std::size_t* size) {
  int flag = 0;
  MPI_Status status;
  MPI_Iprobe(from == surge::kAnyRank ? MPI_ANY_SOURCE : from, MPI_ANY_TAG, MPI_COMM_WORLD, &flag,
             &status);
  if (!flag) return false;
  int count = 0;
  MPI_Get_count(&status, MPI_BYTE, &count);
  *sender = status.MPI_SOURCE;
  *tag = status.MPI_TAG;
  *size = static_cast<std::size_t>(count);
  return true;
}

void receive(int sender, int tag, void* data, std::size_t size) {
  MPI_Recv(data, byte_count(size), MPI_BYTE, sender, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
}

constexpr surge::MpiTransport kTransport{
    surge::kMpiTransportVersion, init, finalize, abort_all, send, probe, receive};

}  // namespace

extern "C" __attribute__((visibility("default"))) const surge::MpiTransport* surge_mpi_transport() {
  return &kTransport;
}
