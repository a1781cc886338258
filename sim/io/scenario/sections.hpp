#pragma once
// The readers of each section of a scenario file, one file each under sim/io/scenario/, called
// in this order by read_scenario(). Each reads its section into ctx.s and checks every
// reference to what earlier sections read.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "surge/io/scenario/read_context.hpp"
#include "surge/io/scenario_loader.hpp"

namespace surge {
class Network;  // model/network.hpp: the checks across sections share one
}

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
void read_levers(ReadContext& ctx);                                              // levers.cpp
void read_orders(ReadContext& ctx);                                              // orders.cpp
void read_plans(ReadContext& ctx);                                               // plans.cpp

// graph_checks.cpp: what needs more than one section.
// `section` (`products` or `markets`) is absent: fine for a scenario of service nodes alone
// (nothing physical to describe), an error located at the first node that holds goods
// otherwise. Reads the raw `nodes` list, so it may run before the nodes are read.
void check_goods_section_omitted(ReadContext& ctx, const std::string& section);
void check_bom_cycles(ReadContext& ctx);
void check_network(ReadContext& ctx, const Network& network);
// run_size.cpp: what one replication will need (events, memory), against the limits.
// `options`: what the run keeps besides what every run keeps (records) or does not (series).
void check_run_size(const ReadContext& ctx, const Network& network, const LoadOptions& options);

// The whole file (read_scenario.cpp). `plan_marks`, when given, receives where each plan's
// paths are written, for check_plans_and_levers_apply; `options` what the run will keep.
Scenario read_scenario(const YamlReader& reader, const YAML::Node& root,
                       std::map<std::string, std::vector<PlanMark>>* plan_marks = nullptr,
                       std::vector<YAML::Node>* lever_marks = nullptr,
                       const LoadOptions& options = {});

// One change to the YAML tree before it is read: a --set, or a setting of a plan applied with
// --plan or by a study. `origin` labels errors inside its value ("--set", "--plan `x`").
struct Override {
  PlanSetting setting;
  std::string origin = "--set";
};
using Overrides = std::vector<Override>;

// yaml_tree.cpp: the YAML text parsed (duplicate keys refused) with the overrides applied.
// `already_done`: the text and the overrides' values passed these checks when the file loaded
// (not text, invalid YAML, a second document, duplicate keys, too deep), so they are not run
// again; only for the same text and overrides.
enum class TextChecks { run, already_done };
YAML::Node build_tree(const std::string& text, YamlReader& reader, const Overrides& sets,
                      TextChecks checks = TextChecks::run);
// The second half of build_tree: the overrides applied to `root` (a tree of the text), which
// is changed and returned.
YAML::Node place_overrides(YAML::Node root, YamlReader& reader, const Overrides& sets,
                           TextChecks checks);
Overrides split_sets(const std::vector<std::string>& sets);
// Puts `value` at `path` in `root`: for the whole run, or inside `during` as a dated change of
// the capacity's schedule (docs/scenario-reference.md, "Plans"). A window is registered with
// the reader, which refuses it (at `anchor`, as `who`'s change) where the path is no capacity.
// Throws PathError.
void place(YAML::Node root, const std::string& path, const YAML::Node& value,
           const std::optional<TimeWindow>& during, YamlReader& reader, const YAML::Node& anchor,
           const std::string& who);
// The order in which settings apply: those for the whole run first, then the windows in order,
// so a window changes the value the whole-run settings leave and a later window wins.
std::vector<std::size_t> application_order(const std::vector<PlanSetting>& settings);

// plans.cpp: a plan's (or lever's) `during` as a window, if `m` has one.
std::optional<TimeWindow> read_window(ReadContext& ctx, const YamlParamReader& m,
                                      const std::string& what);

// plans.cpp: the settings of several plans together (a plan's `include`, or --plan given more
// than once): the indices of the parts kept, each setting once, in order. Two settings of one
// path for the whole run that differ are a conflict: the message names the path, the values
// and their plans, and its index (in `parts`) is the second's.
struct PlanPart {
  std::string plan;  // whose setting it is
  PlanSetting setting;
};
struct PlanConflict {
  std::string message;
  std::size_t index;
};
std::vector<std::size_t> merge_plan_settings(const std::vector<PlanPart>& parts,
                                             std::optional<PlanConflict>* conflict);

// plan_checks.cpp: a number as YAML text that reads back exactly (a lever's value, a window's
// hours).
std::string exact_number_text(double v);
// What yaml-cpp's parser said, in words a user can act on (its depth guard says "bad file").
std::string yaml_error_message(const YAML::ParserException& e);

// plan_checks.cpp: every plan applies cleanly to the file (errors at the plan's own values,
// located by `plan_marks`), and so does every lever at its smallest and largest value (errors
// at its `values`, in `lever_marks`, one per lever). `text` and `sets` are those the scenario
// was read from, by `reader`.
void check_plans_and_levers_apply(const std::string& text, const std::string& file,
                                  const Overrides& sets, const YamlReader& reader,
                                  const Scenario& scenario,
                                  const std::map<std::string, std::vector<PlanMark>>& plan_marks,
                                  const std::vector<YAML::Node>& lever_marks);

}  // namespace surge::loader
