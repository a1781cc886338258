#include "surge/cli/options.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "surge/cli/commands.hpp"

namespace surge {
namespace {

// The text as typed, for a message: cut short if it is long (a pasted line, 400 digits).
std::string shown(const std::string& text) {
  if (text.size() <= 40) return text;
  return text.substr(0, 37) + "... (" + std::to_string(text.size()) + " characters)";
}
std::string quoted(const std::string& text) {
  // Appended piece by piece: `"`" + s + "`"` trips GCC 12's false -Wrestrict (bug 105329).
  std::string q(1, '`');
  q.append(shown(text)).push_back('`');
  return q;
}

bool all_digits(const std::string& text) {
  if (text.empty()) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::uint64_t whole_number_option(const std::string& option, const std::string& text,
                                  std::uint64_t min, std::uint64_t max,
                                  const std::string& max_reason) {
  const std::string valid =
      option + " takes a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  if (!all_digits(text)) {
    std::string hint;
    if (!text.empty() && text[0] == '-') hint = ": it cannot be negative";
    throw UsageError(valid + ", got " + quoted(text) + hint);
  }
  errno = 0;
  unsigned long long value = std::strtoull(text.c_str(), nullptr, 10);
  bool overflow = errno == ERANGE;
  if (!overflow && value >= min && value <= max) return value;
  if (!max_reason.empty() && (overflow || value > max))
    throw UsageError(option + " " + shown(text) + " is beyond the limit of " + std::to_string(max) +
                     " " + max_reason + "; is it a typo?");
  throw UsageError(valid + ", got " + quoted(text));
}

std::uint64_t uint64_option(const std::string& option, const std::string& text) {
  return whole_number_option(option, text, 0, std::numeric_limits<std::uint64_t>::max());
}

double open_fraction_option(const std::string& option, const std::string& text,
                            const std::string& example) {
  const std::string valid =
      option + " takes a number greater than 0 and less than 1 (e.g. " + example + ")";
  char* end = nullptr;
  errno = 0;
  double value = text.empty() ? NAN : std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE ||
      !std::isfinite(value) || !(value > 0 && value < 1))
    throw UsageError(valid + ", got " + quoted(text));
  return value;
}

double non_negative_option(const std::string& option, const std::string& text,
                           const std::string& example) {
  const std::string valid = option + " takes a number of 0 or more (e.g. " + example + ")";
  char* end = nullptr;
  errno = 0;
  double value = text.empty() ? NAN : std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE ||
      !std::isfinite(value) || !(value >= 0))
    throw UsageError(valid + ", got " + quoted(text));
  return value;
}

}  // namespace surge
