#pragma once
// The journal of `surge optimise -o FILE` in progress (FILE.journal): every replication outcome
// the search has used, one line each, flushed at once. The search's every decision depends only
// on outcomes, and replication r of a combination always draws the same random numbers, so a
// resumed run that takes its outcomes from the journal where it has them takes the identical
// path to the identical result (docs/experiments.md, "Resuming"). Removed once the result is
// written.
//
// A line is `KEY INDEX MET COST CHECKSUM`: KEY names the run (the frontier value's position and
// the combination's value indices, or `base`), COST is written exactly (hexadecimal floating
// point), CHECKSUM is the FNV-1a hash of the rest of the line. The header line carries the
// identity of the search (scenario text and settings), so a resume cannot mix two searches. On
// resume, a last line cut short (a kill mid-write) is dropped quietly; a line whose checksum
// does not match is dropped with every line after it, and those replications run again.
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <utility>

#include "surge/experiment/studies/optimiser.hpp"

namespace surge {

class OptimiseJournal {
 public:
  OptimiseJournal() = default;
  OptimiseJournal(const OptimiseJournal&) = delete;
  OptimiseJournal& operator=(const OptimiseJournal&) = delete;
  ~OptimiseJournal();

  // Starts a new journal at `path` (replacing a regular file there). Throws OutputError.
  void create(const std::string& path, std::uint64_t identity);
  // Reads an existing journal back and appends after its intact lines. Throws Error when it is
  // missing, not an optimise journal, or belongs to a different search; returns the number of
  // outcomes recovered. `damage` receives a sentence when damaged lines were dropped.
  std::size_t resume(const std::string& path, std::uint64_t identity, std::string* damage);

  // The recorded outcome of replication `index` of run `key`, if any.
  const ReplicationOutcome* find(const std::string& key, std::uint64_t index) const;
  // Records an outcome (written and flushed at once). Throws OutputError on a write failure.
  void append(const std::string& key, std::uint64_t index, const ReplicationOutcome& outcome);
  // Closes and deletes the file (the result is written).
  void finish();
  bool active() const { return file_ != nullptr; }

 private:
  std::FILE* file_ = nullptr;
  std::string path_;
  std::map<std::pair<std::string, std::uint64_t>, ReplicationOutcome> recorded_;
};

// A 64-bit FNV-1a hash of `text` continued from `hash` (the identity of a search is built from
// the scenario text and the settings).
std::uint64_t fnv1a(const std::string& text, std::uint64_t hash = 14695981039346656037ull);

}  // namespace surge
