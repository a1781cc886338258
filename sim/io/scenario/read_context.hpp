#pragma once
// What the section readers of a scenario file share (sim/io/scenario/*.cpp): the YAML reader,
// the tree, the Scenario being built, the ids read so far and the file positions that later
// checks point at. Sections are read in dependency order (read_scenario.cpp), so every
// reference is checked where it is written.
#include <yaml-cpp/yaml.h>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "surge/io/param_reader.hpp"
#include "surge/io/yaml_reader.hpp"
#include "surge/model/scenario.hpp"

namespace surge::loader {

using Keys = std::vector<std::string>;

inline std::string quoted(const std::string& s) { return "`" + s + "`"; }

// Where a plan's setting is written in the file: the plan whose `set` holds it (the plan
// itself or one it includes) and the path's key there, for errors at the setting.
struct PlanMark {
  std::string plan;
  YAML::Node key;
};

struct ReadContext {
  ReadContext(const YamlReader& reader, const YAML::Node& tree) : r(reader), root(tree) {}

  // A copy of the caller's reader: it learns the scenario's dates from `start_date`.
  YamlReader r;
  const YAML::Node root;
  Scenario s;

  // Ids, in file order where a list is shown to the user.
  std::set<std::string> market_ids, campaign_ids;
  Keys product_list, node_list, market_list;
  std::map<std::string, std::size_t> product_index;  // declared ids -> place in s.products
  std::map<std::string, NodeType> node_types;
  std::map<std::string, YAML::Node> node_yaml;
  // Lanes read so far, as (from, to): looked up for every source of every stock item.
  std::set<std::pair<std::string, std::string>> lane_ends;
  // Per supplier, the product keys its `products` map writes (empty when it has no such map),
  // gathered from the tree the first time a stock item names it as a source: a lookup in the
  // tree itself takes time in proportion to the supplier's products.
  std::map<std::string, std::set<std::string>> supplier_products;

  // Where things were written, for checks that run after the section that read them.
  std::map<std::string, YAML::Node> bom_marks;
  std::map<std::pair<std::string, std::string>, std::vector<YAML::Node>> source_marks;
  std::map<std::string, std::vector<YAML::Node>> demand_marks;
  std::map<std::string, std::vector<PlanMark>> plan_marks;  // plan id -> one per setting
  std::vector<YAML::Node> lever_marks;                      // each lever's `values`

  // ---- references: each fails at `at` with a suggestion when the id names nothing ----
  void check_product(const YAML::Node& at, const std::string& id) const;
  NodeType check_node(const YAML::Node& at, const std::string& id) const;
  void check_service(const YAML::Node& at, const std::string& id) const;
  void check_calendar(const YAML::Node& at, const std::string& name) const;
  void check_market(const YAML::Node& at, const std::string& id) const;
  const YAML::Node& node_entry(const std::string& id) const { return node_yaml.at(id); }

  // ---- lists ----------------------------------------------------------------------
  // A list under `key` that may be absent.
  std::vector<YAML::Node> optional_list(const YAML::Node& map, const std::string& key) const;
};

inline bool contains(const Keys& keys, const std::string& k) {
  for (const auto& key : keys)
    if (key == k) return true;
  return false;
}

}  // namespace surge::loader
