// Checks that need more than one section: BOM cycles, replenishment cycles, reachability.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

#include "surge/io/scenario/sections.hpp"
#include "surge/model/network.hpp"

namespace surge::loader {

void check_goods_section_omitted(ReadContext& ctx, const std::string& section) {
  // A missing `nodes` is looked up as an invalid node, whose type cannot be asked for.
  YAML::Node nodes = ctx.root["nodes"];
  if (!nodes.IsDefined() || !nodes.IsSequence()) return;  // the nodes' reader says what is wrong
  for (auto it = nodes.begin(); it != nodes.end(); ++it) {
    const YAML::Node node = *it;
    if (!node.IsMap()) continue;
    const YAML::Node type = node["type"];
    if (!type.IsDefined() || !type.IsScalar()) continue;
    // Only the types that hold goods; an unknown type is the node reader's error to give.
    bool holds_goods = false;
    for (NodeType t :
         {NodeType::supplier, NodeType::factory, NodeType::warehouse, NodeType::fulfilment})
      holds_goods = holds_goods || type.Scalar() == to_string(t);
    if (!holds_goods) continue;
    const YAML::Node id = node["id"];
    const std::string named =
        id.IsDefined() && id.IsScalar() ? "node " + quoted(id.Scalar()) : std::string("a node");
    ctx.r.fail(type, "missing required key `" + section + "` in the scenario: " + named + " (" +
                         type.Scalar() +
                         ") holds goods; only a scenario of service nodes alone may leave out "
                         "`products` and `markets`");
  }
}

void check_bom_cycles(ReadContext& ctx) {
  std::map<std::string, int> state;  // 0 new, 1 on stack, 2 done
  std::vector<std::string> stack;
  std::function<void(const std::string&)> visit = [&](const std::string& id) {
    state[id] = 1;
    stack.push_back(id);
    for (auto& [component, units] : ctx.s.products[ctx.product_index.at(id)].bom) {
      if (state[component] == 1) {
        auto start = std::find(stack.begin(), stack.end(), component);
        std::vector<std::string> cycle(start, stack.end());
        cycle.push_back(component);
        ctx.r.fail(ctx.bom_marks.at(id), "bill-of-materials cycle: " + join(cycle, " -> ") +
                                             "; a product cannot be made from itself");
      }
      if (state[component] == 0) visit(component);
    }
    stack.pop_back();
    state[id] = 2;
  };
  for (auto& p : ctx.s.products)
    if (state[p.id] == 0) visit(p.id);
}

void check_network(ReadContext& ctx, const Network& network) {
  for (auto& product : ctx.s.products) {
    auto cycle = network.replenishment_cycle(product.id);
    if (!cycle) continue;
    // Point at the source entry that closes the cycle: cycle[1] sources from cycle[0].
    const YAML::Node* at = nullptr;
    auto marks = ctx.source_marks.find({(*cycle)[1], product.id});
    const Node* n = ctx.s.find_node((*cycle)[1]);
    if (marks != ctx.source_marks.end() && n)
      for (auto& item : n->inventory)
        if (item.product == product.id)
          for (std::size_t i = 0; i < item.sources.size(); ++i)
            if (item.sources[i].from == (*cycle)[0]) at = &marks->second[i];
    std::string msg = "replenishment cycle for " + quoted(product.id) + ": " +
                      join(*cycle, " -> ") +
                      "; each node would wait on the other. Make one of them order from elsewhere";
    ctx.r.fail(at ? *at : ctx.node_entry((*cycle)[1]), msg);
  }
  for (std::size_t m = 0; m < ctx.s.markets.size(); ++m) {
    const Market& market = ctx.s.markets[m];
    for (std::size_t d = 0; d < market.demand.size(); ++d) {
      const std::string& product = market.demand[d].product;
      if (network.can_supply(market.served_by, product)) continue;
      ctx.r.fail(ctx.demand_marks.at(market.id)[d],
                 "market " + quoted(market.id) + " demands " + quoted(product) + " from " +
                     quoted(market.served_by) + ", but no stock of it can ever reach there: give " +
                     quoted(market.served_by) + " inventory of " + quoted(product) +
                     " with an initial quantity or a source that can supply it");
    }
  }
}

}  // namespace surge::loader
