#pragma once
// Progress of long work on a terminal: done/total, rate and time left, redrawn in place on
// stderr. Silent when stderr is not a terminal (CI logs, pipes).
#include <chrono>
#include <cstdint>
#include <string>

namespace surge {

class Progress {
 public:
  explicit Progress(std::string what);
  ~Progress();
  // `total` 0: not known in advance (a search); then no "of" and no time left are shown.
  void update(std::uint64_t done, std::uint64_t total);
  void finish();

 private:
  std::string what_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point started_, last_draw_;
};

}  // namespace surge
