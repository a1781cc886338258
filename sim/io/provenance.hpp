#pragma once
// What was run: the command line, the overrides and plans applied to the scenario file, and
// that file's own text (comments kept). Recorded once by the command line before any command
// runs (cli/main.cpp), and written by every result file's writer (/provenance and
// /scenario/original_text, docs/output.md), so a file never passes a modified scenario off as
// the one on disk.
#include <string>
#include <vector>

namespace surge {

struct Provenance {
  // "surge" and the arguments that decide what is computed, shell-quoted. Options that only
  // change where the result goes, what is printed or how the work is spread (-o/--output,
  // -q/--quiet, --threads, --resume, --kpi-table, --report) are left out, and so is --orders
  // of `surge play` (the orders are the file's `player_orders`): the same computation writes
  // the same bytes however it was run (docs/output.md, "Reproducible bytes").
  std::string command_line;
  std::vector<std::string> overrides;  // --set path=value, in the order given
  std::vector<std::string> plans;      // --plan NAME, in the order given
  std::string scenario_file;           // the scenario path as given ("" when none)
  std::string original_text;           // that file's text as read, before any override
};

// Builds the record from the command line: `scenario_file` is the path the command loads
// (read here, before it runs; an unreadable file leaves the text empty, and loading it fails).
Provenance provenance_of(int argc, const char* const* argv, const std::string& scenario_file);
// The process-wide record, set once before any command runs and read by the writers.
void record_provenance(Provenance provenance);
const Provenance& recorded_provenance();

// The scenario text as the user wrote it, for a scenario loaded from `scenario_path` whose
// effective text is `effective_text`: the recorded original when the record is for that file;
// else the effective text itself when nothing was overridden (the loader keeps it verbatim);
// else empty (a library caller that applied overrides without recording them).
std::string original_scenario_text(const std::string& scenario_path,
                                   const std::string& effective_text);

}  // namespace surge
