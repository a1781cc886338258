#pragma once
// What a command will write, checked before any work starts (docs/cli.md, "Output paths"):
// every file it will create or replace (the -o file, the journals next to it, the run file of
// `play --report`) must be absent or a regular file, and none may be one of the command's
// inputs or another of its outputs. So `-o` can never overwrite the scenario it reads, replace
// a device node or a symbolic link, or write two results to one name.
#include <string>
#include <vector>

namespace surge {

struct NamedPath {
  std::string role;  // how the user gave it, for messages: "-o", "--report", "the scenario"
  std::string path;
};

// Throws UsageError (exit 2) when an output is an input, lies where the output's journal or
// temporary file would go, or is another output; OutputError (exit 3) when an output exists
// and is not a regular file, or cannot be written (io/hdf5_writer.hpp, check_output_writable).
// Outputs with an empty path are skipped (not asked for).
void check_outputs(const std::vector<NamedPath>& outputs, const std::vector<NamedPath>& inputs);

}  // namespace surge
