#pragma once
// The one exception base of the library. Users' mistakes derive from it (ScenarioError in
// io/); broken internal invariants are asserts or InternalError, never silent.
#include <stdexcept>
#include <string>

namespace surge {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An invariant of the simulator itself was broken (a bug in Surge, not in the scenario).
class InternalError : public Error {
 public:
  using Error::Error;
};

// Checked in every build type: Release must not silently skip a kernel invariant.
#define SURGE_CHECK(cond, msg)                                                    \
  do {                                                                            \
    if (!(cond)) throw ::surge::InternalError(std::string("internal: ") + (msg)); \
  } while (0)

}  // namespace surge
