#pragma once
// The readers of each section of a scenario file, one file each under sim/io/scenario/, called
// in this order by read_scenario(). Each reads its section into ctx.s and checks every
// reference to what earlier sections read.
#include <string>
#include <utility>
#include <vector>

#include "surge/io/scenario/read_context.hpp"

namespace surge::loader {

void read_header(ReadContext& ctx);         // header.cpp: name, horizon, warmup, seed, ...
void read_products(ReadContext& ctx);       // products.cpp
void read_calendars(ReadContext& ctx);      // calendars.cpp
void collect_node_ids(ReadContext& ctx);    // nodes.cpp: ids and types, before anything refers
void collect_market_ids(ReadContext& ctx);  // markets.cpp: to them
void read_lanes(ReadContext& ctx);          // lanes.cpp
void read_nodes(ReadContext& ctx);          // nodes.cpp
void read_inventory(ReadContext& ctx, const YAML::Node& inventory, Node& node);  // inventory.cpp
void read_markets(ReadContext& ctx);                                             // markets.cpp
void read_campaigns(ReadContext& ctx);                                           // campaigns.cpp
void read_targets(ReadContext& ctx);                                             // targets.cpp
void read_plans(ReadContext& ctx);                                               // plans.cpp

// graph_checks.cpp: what needs more than one section.
void check_bom_cycles(ReadContext& ctx);
void check_network(ReadContext& ctx);
// run_size.cpp: what one replication will need (events, memory), against the limits.
void check_run_size(const ReadContext& ctx);

// The whole file (read_scenario.cpp). `plan_marks`, when given, receives where each plan's
// paths are written, for check_plans_apply.
Scenario read_scenario(
    const YamlReader& reader, const YAML::Node& root,
    std::map<std::string, std::map<std::string, YAML::Node>>* plan_marks = nullptr);

using Overrides = std::vector<std::pair<std::string, std::string>>;

// yaml_tree.cpp: the YAML text parsed (duplicate keys refused) with the overrides applied.
YAML::Node build_tree(const std::string& text, YamlReader& reader, const Overrides& sets);
Overrides split_sets(const std::vector<std::string>& sets);
// What yaml-cpp's parser said, in words a user can act on (its depth guard says "bad file").
std::string yaml_error_message(const YAML::ParserException& e);

// plan_checks.cpp: every plan applies cleanly to the file (errors at the plan's own values).
void check_plans_apply(const std::string& text, const std::string& file, const Overrides& sets,
                       const YamlReader& reader,
                       const std::map<std::string, std::map<std::string, YAML::Node>>& plan_marks);

}  // namespace surge::loader
