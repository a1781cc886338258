#pragma once
// Dotted paths into a scenario's YAML tree ("nodes.dc.inventory.earbuds.initial"), shared by
// --set, plans and sweeps. They act on the tree before conversion, so an override is validated
// exactly like the same value written in the file.
#include <yaml-cpp/yaml.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace surge {

// A path that does not resolve; the caller adds the location (--set or the plan's key).
class PathError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Splits "a.b.c=value" at the first '='; nullopt-like failure is reported by throwing PathError.
std::pair<std::string, std::string> split_assignment(const std::string& assignment);

// Replaces (or adds, in a map) the node at `path` in `root` by `value`.
// Segments walk maps by key; in a list a segment selects the element whose `id`, `name` or
// `product` equals it, a lane by "FROM:TO", or an element by its 0-based index.
void set_path(YAML::Node root, const std::string& path, const YAML::Node& value);
// The node at `path` in `root`, walked as set_path does; undefined when a map lacks the last
// key (the value the scenario leaves to its default).
YAML::Node get_path(const YAML::Node& root, const std::string& path);
// Removes the key at the end of `path` from its map (nothing if the map lacks it), so that the
// scenario leaves that value to its default; the path up to it must resolve.
void remove_path(YAML::Node root, const std::string& path);

}  // namespace surge
