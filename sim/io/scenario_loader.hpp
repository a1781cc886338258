#pragma once
// Loading and validating a scenario file (format: docs/scenario-reference.md). Nothing runs on
// a scenario that did not load: every mistake is a ScenarioError with file, line and column.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "surge/io/scenario_error.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

// What the command that loads a scenario will keep that not every command keeps (records) or
// will not keep that the others do (time series), for the check of what one replication needs
// (docs/reliability.md, "What the memory estimate counts").
struct LoadOptions {
  bool records = false;  // every order's and contact's record, written to a file (run --records)
  // The time series: kept by every command but `surge run` without -o, which writes nothing
  // that holds them. `surge validate` counts them, so that it answers for every command.
  bool time_series = true;
};

// `sets` are "dotted.path=value" overrides applied to the YAML tree before validation;
// `plans` names plans of the file applied on top of them, together (--plan, combined as a
// plan's `include` combines: docs/scenario-reference.md, "Plans").
Scenario load_scenario_file(const std::string& path, const std::vector<std::string>& sets = {},
                            const std::vector<std::string>& plans = {},
                            const LoadOptions& options = {});
Scenario load_scenario_text(const std::string& yaml_text, const std::string& file_name,
                            const std::vector<std::string>& sets = {},
                            const std::vector<std::string>& plans = {},
                            const LoadOptions& options = {});

// Applies a sweep point's or search probe's dotted-path values to `base` and re-validates.
Scenario apply_overrides(const Scenario& base, const std::map<std::string, std::string>& sets);
// Applies one plan (its settings, windows included) to `base` and re-validates.
Scenario apply_plan(const Scenario& base, const Plan& plan);
// One change to a scenario's YAML tree: `value` (YAML text) replaces the node at `path` (a
// dotted path as --set takes), or, without a value, the key at `path` is removed so that its
// default applies (a lane's `capacity`: unlimited).
struct TreeEdit {
  std::string path;
  std::optional<std::string> value;
};
// Applies `edits`, in order, to `base`'s text and loads the result. The scenario's source_text
// is the edited tree, so whatever receives that text (the MPI workers, docs/cluster.md) loads
// the edited scenario. `surge diagnose` makes its relaxations this way.
Scenario edit_scenario(const Scenario& base, const std::vector<TreeEdit>& edits);
// The plan that sets each of `base.levers` to the value given (in order), in its window.
Plan lever_plan(const Scenario& base, const std::vector<double>& values, std::string name);

// JSON Schema (draft 2020-12) of the whole format, pretty-printed.
std::string scenario_json_schema();

}  // namespace surge
