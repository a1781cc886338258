// The whole file, section by section in dependency order: products, calendars, ids, lanes,
// nodes, markets, campaigns, targets, orders, plans, levers; then the checks across sections.
#include "surge/io/scenario/sections.hpp"
#include "surge/model/network.hpp"

namespace surge::loader {

Scenario read_scenario(const YamlReader& reader, const YAML::Node& root,
                       std::map<std::string, std::vector<PlanMark>>* plan_marks,
                       std::vector<YAML::Node>* lever_marks, const LoadOptions& options) {
  ReadContext ctx(reader, root);
  read_header(ctx);
  read_products(ctx);
  read_calendars(ctx);
  collect_node_ids(ctx);
  collect_market_ids(ctx);
  read_lanes(ctx);
  read_nodes(ctx);
  read_markets(ctx);
  read_campaigns(ctx);
  read_targets(ctx);
  read_orders(ctx);
  read_plans(ctx);
  read_levers(ctx);
  // One index of the network for the checks across sections: built once, on the scenario as
  // read, before anything moves it.
  const Network network(ctx.s);
  check_network(ctx, network);
  check_run_size(ctx, network, options);
  if (plan_marks) *plan_marks = std::move(ctx.plan_marks);
  if (lever_marks) *lever_marks = std::move(ctx.lever_marks);
  return std::move(ctx.s);
}

}  // namespace surge::loader
