// The YAML tree of a scenario: the text parsed strictly (duplicate keys are errors) and the
// --set overrides applied to it before anything is read.
#include <cstdio>
#include <map>
#include <set>

#include "surge/io/overrides.hpp"
#include "surge/io/scenario/sections.hpp"

namespace surge::loader {
namespace {

// yaml-cpp keeps the first of two equal keys in a map and drops the second silently; a strict
// format must not guess which one the user meant. Aliases share nodes, so each collection is
// visited once (by its position), which keeps an alias bomb from taking exponential time.
void check_duplicate_keys(const YAML::Node& node, const std::string& file,
                          std::set<std::pair<int, int>>& seen) {
  if (!node.IsMap() && !node.IsSequence()) return;
  if (!seen.insert({node.Mark().line, node.Mark().column}).second) return;
  if (node.IsSequence()) {
    for (const auto& item : node) check_duplicate_keys(item, file, seen);
    return;
  }
  std::map<std::string, YAML::Mark> keys;
  for (const auto& kv : node) {
    if (kv.first.IsScalar()) {
      auto [it, fresh] = keys.emplace(kv.first.Scalar(), kv.first.Mark());
      if (!fresh)
        throw ScenarioError(file, kv.first.Mark().line + 1, kv.first.Mark().column + 1,
                            "duplicate key " + quoted(kv.first.Scalar()) + " (first at line " +
                                std::to_string(it->second.line + 1) +
                                "); a key may appear only once in a map");
    }
    check_duplicate_keys(kv.second, file, seen);
  }
}

YAML::Node parse_yaml(const std::string& text, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw ScenarioError(file, e.mark.line + 1, e.mark.column + 1, "invalid YAML: " + e.msg);
  }
  std::set<std::pair<int, int>> seen;
  check_duplicate_keys(root, file, seen);
  return root;
}

}  // namespace

// Parses the file and applies the overrides, registering each override's value with the
// reader so that errors inside it are reported as "--set PATH" (or the plan's label).
YAML::Node build_tree(const std::string& text, YamlReader& reader, const Overrides& sets) {
  YAML::Node root = parse_yaml(text, reader.file());
  std::vector<PlanSetting> settings;
  for (const Override& o : sets) settings.push_back(o.setting);
  for (std::size_t i : application_order(settings)) {
    const auto& [path, value_text, during] = sets[i].setting;
    const std::string label = sets[i].origin + " " + path;
    YAML::Node value;
    try {
      value = YAML::Load(value_text);
    } catch (const YAML::ParserException& e) {
      throw ScenarioError(label, 0, 0, "invalid YAML value `" + value_text + "`: " + e.msg);
    }
    if (!root.IsMap())
      throw ScenarioError(reader.file(), 1, 1, "the scenario must be a map of keys");
    try {
      place(root, path, value, during, reader, YAML::Node(YAML::NodeType::Undefined),
            sets[i].origin + ": `" + path + "`");
    } catch (const PathError& e) {
      throw ScenarioError(label, 0, 0, e.what());
    }
    reader.add_override(value, sets[i].origin + " " + path);
  }
  return root;
}

std::vector<std::size_t> application_order(const std::vector<PlanSetting>& settings) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < settings.size(); ++i)
    if (!settings[i].during) order.push_back(i);
  for (std::size_t i = 0; i < settings.size(); ++i)
    if (settings[i].during) order.push_back(i);
  return order;
}

namespace {

// A time in hours as YAML text a time point reads back exactly ("1368h").
std::string hours_text(Time t) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17gh", t);
  return buffer;
}

}  // namespace

void place(YAML::Node root, const std::string& path, const YAML::Node& value,
           const std::optional<TimeWindow>& during, YamlReader& reader, const YAML::Node& anchor,
           const std::string& who) {
  if (!during) {
    set_path(root, path, value);
    return;
  }
  YAML::Node change(YAML::NodeType::Map);
  change["from"] = hours_text(during->from);
  change["to"] = hours_text(during->to);
  change["value"] = value;
  YAML::Node old = get_path(root, path);
  YAML::Node schedule;
  if (old.IsDefined() && old.IsMap()) {
    // Already a schedule (or a map that is no capacity, refused when read): the window joins
    // its changes after those written in the file, so it wins where they overlap.
    schedule.reset(old);
    const YAML::Node& const_old = old;
    YAML::Node changes = const_old["changes"];
    if (!changes.IsDefined() || changes.IsNull()) {
      YAML::Node fresh(YAML::NodeType::Sequence);
      fresh.push_back(change);
      schedule["changes"] = fresh;
    } else if (changes.IsSequence()) {
      changes.push_back(change);
    }  // else: malformed `changes`, which the reader refuses with its position
  } else {
    // A plain value becomes the base of a schedule (a copy: the tree's node turns into the
    // schedule, which must not contain itself); an absent one leaves the key's default.
    schedule = YAML::Node(YAML::NodeType::Map);
    if (old.IsDefined() && !old.IsNull()) schedule["base"] = YAML::Clone(old);
    YAML::Node changes(YAML::NodeType::Sequence);
    changes.push_back(change);
    schedule["changes"] = changes;
    set_path(root, path, schedule);
  }
  reader.add_window(schedule, anchor, who);
}

Overrides split_sets(const std::vector<std::string>& sets) {
  Overrides out;
  for (auto& s : sets) {
    try {
      auto [path, value] = split_assignment(s);
      out.push_back({PlanSetting{path, value, std::nullopt}, "--set"});
    } catch (const PathError& e) {
      throw ScenarioError("--set " + s, 0, 0, e.what());
    }
  }
  return out;
}

}  // namespace surge::loader
