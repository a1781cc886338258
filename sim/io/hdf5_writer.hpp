#pragma once
// Writes one replication's RunResult, with the scenario that produced it, to an HDF5 file.
// The layout (groups, columns, units, attributes) is specified in docs/output.md; keep the
// two in step.
//
// Guarantee: PATH either keeps its previous content or holds a complete new file. The data go
// to PATH.tmp-<pid> in the same directory, which is flushed, closed and synced before being
// renamed over PATH; on any failure the temporary file is removed.
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "surge/io/output_error.hpp"
#include "surge/metrics/run_result.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

struct WriteOptions {
  bool records = false;  // also write /records/orders and /records/contacts (CLI `--records`)
  std::string created_by = "surge run";  // the root attribute of that name
  // Extra string attributes of the root, (name, value): how a run was made when the scenario
  // alone does not say (`surge play` records the echelon played and the player's orders).
  std::vector<std::pair<std::string, std::string>> notes;
};

// Fails fast, before a long simulation, if PATH cannot receive results: its directory must
// exist and be writable, and PATH must be new or a regular file (a directory, a device, a
// pipe, a socket or a symbolic link is refused, never replaced). Throws OutputError naming
// PATH.
void check_output_writable(const std::string& path);

// Throws OutputError (naming PATH and what failed) if anything goes wrong; PATH is then
// untouched. Thread-safe: concurrent calls are serialised (HDF5 is not thread-safe).
void write_run_result(const std::string& path, const Scenario& scenario, const RunResult& result,
                      const WriteOptions& options);

namespace h5 {
class Group;
}

// The guarantee above for any file: `fill` writes under the root of PATH.tmp-<pid>, which is
// then closed, synced and renamed over PATH (OutputError on any failure, PATH untouched; an
// InternalError stays one). Every experiment writer goes through it. Temporary files of killed
// runs next to PATH (PATH.tmp-<pid> whose pid no longer runs) are removed first.
void write_hdf5_atomically(const std::string& path,
                           const std::function<void(const h5::Group& root)>& fill);
// Root attributes every Surge file carries (version, scenario name, time unit, horizon, ...).
void write_common_attributes(const h5::Group& root, const Scenario& scenario);
// The /scenario group: the YAML text and where it came from.
void write_scenario_group(const h5::Group& root, const Scenario& scenario);

namespace detail {
// Test hook: called with each table's path (e.g. "/kpi") after it is written, so tests can
// inject a failure half-way through a file. Null (the default) in production.
using WriteHook = void (*)(const std::string& table);
void set_write_hook_for_testing(WriteHook hook);
}  // namespace detail

}  // namespace surge
