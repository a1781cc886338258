#pragma once
// Small helpers for the fixed-width text the CLI prints (summaries, verdicts, reports).
#include <cstdio>
#include <string>

namespace surge {

// printf-style formatting of up to three numbers.
inline std::string fmt(const char* format, double a, double b = 0, double c = 0) {
  char buf[160];
  std::snprintf(buf, sizeof buf, format, a, b, c);
  return buf;
}

// Left-aligned (pad) and right-aligned (lpad) in a column of `width` characters.
inline std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

// A right-aligned text wider than its column gets one space in front: it pushes its row out
// of line rather than run into the column before.
inline std::string lpad(std::string s, std::size_t width) {
  s.insert(0, s.size() < width ? width - s.size() : (s.size() > width ? 1 : 0), ' ');
  return s;
}

// Right-aligned in a column of `width` whose first character is always a space, for a column
// after another right-aligned one: a text that fills it pushes the row out of line by one
// rather than touch its neighbour ("day 0224,389 contacts"). The same as lpad for texts
// narrower than the column.
inline std::string spaced_lpad(const std::string& s, std::size_t width) {
  return std::string(s.size() < width ? width - s.size() : 1, ' ') + s;
}

// A count and its noun, singular for one: "1 replication", "7 replications".
inline std::string count_text(unsigned long long n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

}  // namespace surge
