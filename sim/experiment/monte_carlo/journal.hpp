#pragma once
// The journal of an experiment in progress: every finished replication's output, appended in
// replication order and flushed at once, next to the result file (RESULT.h5.journal). A killed
// run loses nothing it finished; `--resume` reads the journal back, feeds those outputs to the
// aggregation exactly as they were, and continues. The file is removed once the result is
// written. The format is this machine's binary layout: resume on the machine that started.
//
// Damage is detected (docs/output.md, "Journals"): the header and every record carry a 64-bit
// FNV-1a checksum of their bytes, which changes whenever any one byte does. On resume, a
// record cut short at the end (a kill in the middle of a write) is dropped quietly; a record
// whose checksum does not match, or that is not the next replication, is dropped with every
// record after it, and those replications run again. Since replication r always draws the same
// random numbers, the result is the one an undamaged journal would have given. A damaged
// header is refused (exit 2): nothing in the file can then be trusted to belong to this run.
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "surge/experiment/replication/replication_output.hpp"

namespace surge {

// The journal's record encoding of one output (also what MPI ranks send each other,
// experiment/cluster.hpp): length, checksum, then the fields. decode(encode(o)) == o exactly,
// NaNs and all.
std::string encode_replication_output(const ReplicationOutput& output);
// Throws Error when `bytes` is not exactly one well-formed record with a matching checksum.
ReplicationOutput decode_replication_output(const std::string& bytes);

class Journal {
 public:
  Journal() = default;
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;
  ~Journal();

  // Starts a new journal at `path` (replacing a regular file there), tagged with `identity`: a
  // hash of the scenario and the experiment's settings, so a resume cannot mix two different
  // runs. Throws OutputError when it cannot be written or `path` is not a regular file.
  void create(const std::string& path, std::uint64_t identity);

  struct Resumed {
    std::vector<ReplicationOutput> outputs;  // replications 0, 1, ... in order
    std::string damage;  // empty, or what was damaged and dropped (a sentence, for a warning)
  };
  // Opens an existing journal for resuming: returns its intact records and appends after them
  // (the rest of the file is cut off). Throws Error when it is missing, not a journal, has a
  // damaged header, or was written by a different scenario or settings; OutputError when it
  // cannot be repaired or reopened.
  Resumed resume(const std::string& path, std::uint64_t identity);
  // Throws OutputError when the record cannot be written (a full disk): exit code 3.
  void append(const ReplicationOutput& output);
  // Closes and deletes the journal (the experiment's result is safely written).
  void finish();
  bool active() const { return file_ != nullptr; }

 private:
  std::FILE* file_ = nullptr;
  std::string path_;
};

// Deletes the journal at `path` (if any) and forgets it (below).
void delete_journal(const std::string& path);

// Deletes every journal this process created or resumed and has not deleted yet. Called when
// the command stops on an internal error (exit code 70, cli/main.cpp): a bug may have touched
// what they hold, and the run a fixed Surge resumes must not mix in replications of the
// faulty one, so an internal error leaves nothing behind, as docs/cli.md promises.
void discard_journals();

}  // namespace surge
