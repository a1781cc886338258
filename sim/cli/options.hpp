#pragma once
// Numbers given on the command line, read the same way by every command: the text as typed is
// checked here, not by CLI11's converters, which wrap `-1` to 2^64 - 1, let `nan` through a
// range check and print a bound of 309 digits. A refusal is a UsageError (exit code 2) of one
// line that quotes what was typed and says what would be valid (docs/cli.md, "Numbers").
#include <cstdint>
#include <limits>
#include <string>

namespace surge {

// A whole number in [min, max], written in plain decimal digits ("1000", not "1e3", "-1" or
// "1,000"). `max_reason` (optional) explains the upper bound when it is a sanity limit rather
// than the type's: a number beyond it is then "beyond the limit of MAX ...; is it a typo?".
std::uint64_t whole_number_option(const std::string& option, const std::string& text,
                                  std::uint64_t min, std::uint64_t max,
                                  const std::string& max_reason = "");

// A seed or a replication index: any 64-bit unsigned number, 0 to 18446744073709551615.
std::uint64_t uint64_option(const std::string& option, const std::string& text);

// A number strictly between 0 and 1 (finite: `nan` and `inf` are refused), e.g. --precision.
double open_fraction_option(const std::string& option, const std::string& text,
                            const std::string& example);

// A finite number >= 0, e.g. --budget (money).
double non_negative_option(const std::string& option, const std::string& text,
                           const std::string& example);

}  // namespace surge
