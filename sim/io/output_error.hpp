#pragma once
// The error for results that cannot be written (missing directory, no permission, disk full,
// an HDF5 failure). It is the user's environment, not the scenario or the simulator, that is
// at fault, so it gets its own type: the CLI can report it before or after a long run without
// confusing it with a ScenarioError.
#include <string>

#include "surge/kernel/error.hpp"

namespace surge {

class OutputError : public Error {
 public:
  using Error::Error;
};

}  // namespace surge
