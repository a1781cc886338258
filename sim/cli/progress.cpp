#include "surge/cli/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace surge {

Progress::Progress(std::string what)
    : what_(std::move(what)),
      enabled_(::isatty(STDERR_FILENO) == 1),
      started_(std::chrono::steady_clock::now()),
      last_draw_(started_) {}

Progress::~Progress() { finish(); }

void Progress::update(std::uint64_t done, std::uint64_t total) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  // Redraw at most ten times a second, and always at the end (when the total is known).
  const bool at_end = total > 0 && done >= total;
  if (!at_end && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  double elapsed = std::chrono::duration<double>(now - started_).count();
  double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  if (total == 0) {
    // Work whose size is not known in advance (a search): what is done and how fast only.
    std::fprintf(stderr, "\r  %s %llu  %.1f/s   ", what_.c_str(),
                 static_cast<unsigned long long>(done), rate);
  } else {
    double left = rate > 0 && done < total ? static_cast<double>(total - done) / rate : 0;
    std::fprintf(stderr, "\r  %s %llu/%llu  %.1f/s  %.0fs left   ", what_.c_str(),
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(total),
                 rate, left);
  }
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::finish() {
  if (drawn_) std::fprintf(stderr, "\r%70s\r", "");
  drawn_ = false;
}

}  // namespace surge
