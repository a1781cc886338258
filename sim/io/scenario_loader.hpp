#pragma once
// Loading and validating a scenario file (format: docs/scenario-reference.md). Nothing runs on
// a scenario that did not load: every mistake is a ScenarioError with file, line and column.
#include <map>
#include <string>
#include <vector>

#include "surge/io/scenario_error.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

// `sets` are "dotted.path=value" overrides applied to the YAML tree before validation.
Scenario load_scenario_file(const std::string& path, const std::vector<std::string>& sets = {});
Scenario load_scenario_text(const std::string& yaml_text, const std::string& file_name,
                            const std::vector<std::string>& sets = {});

// Applies one plan's (or sweep point's) `set` map to `base` and re-validates the result.
Scenario apply_overrides(const Scenario& base, const std::map<std::string, std::string>& sets);

// JSON Schema (draft 2020-12) of the whole format, pretty-printed.
std::string scenario_json_schema();

}  // namespace surge
