// The YAML tree of a scenario: the text parsed strictly (duplicate keys are errors) and the
// --set overrides applied to it before anything is read.
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
// reader so that errors inside it are reported as "--set PATH".
YAML::Node build_tree(const std::string& text, YamlReader& reader, const Overrides& sets) {
  YAML::Node root = parse_yaml(text, reader.file());
  for (auto& [path, value_text] : sets) {
    YAML::Node value;
    try {
      value = YAML::Load(value_text);
    } catch (const YAML::ParserException& e) {
      throw ScenarioError("--set " + path, 0, 0,
                          "invalid YAML value `" + value_text + "`: " + e.msg);
    }
    if (!root.IsMap())
      throw ScenarioError(reader.file(), 1, 1, "the scenario must be a map of keys");
    try {
      set_path(root, path, value);
    } catch (const PathError& e) {
      throw ScenarioError("--set " + path, 0, 0, e.what());
    }
    reader.add_override(value, path);
  }
  return root;
}

Overrides split_sets(const std::vector<std::string>& sets) {
  Overrides out;
  for (auto& s : sets) {
    try {
      out.push_back(split_assignment(s));
    } catch (const PathError& e) {
      throw ScenarioError("--set " + s, 0, 0, e.what());
    }
  }
  return out;
}

}  // namespace surge::loader
