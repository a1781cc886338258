#pragma once
// The journal of an experiment in progress: every finished replication's output, appended in
// replication order and flushed at once, next to the result file (RESULT.h5.journal). A killed
// run loses nothing it finished; `--resume` reads the journal back, feeds those outputs to the
// aggregation exactly as they were, and continues. The file is removed once the result is
// written. The format is this machine's binary layout: resume on the machine that started.
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "surge/experiment/replication/replication_output.hpp"

namespace surge {

// The journal's record encoding of one output (also what MPI ranks send each other,
// experiment/cluster.hpp): decode(encode(o)) == o exactly, NaNs and all.
std::string encode_replication_output(const ReplicationOutput& output);
// Throws Error when `bytes` is not exactly one well-formed record.
ReplicationOutput decode_replication_output(const std::string& bytes);

class Journal {
 public:
  Journal() = default;
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;
  ~Journal();

  // Starts a new journal at `path` (replacing any), tagged with `identity`: a hash of the
  // scenario and the experiment's settings, so a resume cannot mix two different runs.
  void create(const std::string& path, std::uint64_t identity);
  // Opens an existing journal for resuming: returns its complete records (a record cut short
  // by a kill is dropped) and appends after them. Throws Error when it is missing or was
  // written by a different scenario or settings.
  std::vector<ReplicationOutput> resume(const std::string& path, std::uint64_t identity);
  void append(const ReplicationOutput& output);
  // Closes and deletes the journal (the experiment's result is safely written).
  void finish();
  bool active() const { return file_ != nullptr; }

 private:
  std::FILE* file_ = nullptr;
  std::string path_;
};

}  // namespace surge
