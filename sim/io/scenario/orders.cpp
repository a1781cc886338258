// The `orders` section: one-off replenishment orders placed on a date (a pre-build, a
// last-minute top-up), on top of every stock point's policy.
#include <algorithm>
#include <set>
#include <string>

#include "surge/io/param_reader.hpp"
#include "surge/io/scenario/sections.hpp"
#include "surge/io/scenario_format.hpp"
#include "surge/model/units.hpp"

namespace surge {

const Declaration& planned_order_declaration() {
  static const Declaration d{
      .name = "order",
      .doc_id = "orders",
      .description = "A one-off replenishment order a stock point places at a given time.",
      .keys = {
          Key{"id", types::text()}.need().describe("unique among orders"),
          Key{"node", types::reference("node")}.need().describe("the stocking node that orders"),
          Key{"product", types::reference("product")}.need().describe(
              "one of the node's inventory products"),
          Key{"quantity", types::number()}.need().at_least(0).describe(
              "units ordered; 0 places no order"),
          Key{"at", types::time_point()}.need().describe(
              "when it is placed: a date (with `start_date`) or a duration from time 0; "
              "before the horizon"),
          Key{"from", types::reference("node")}.describe(
              "one of the item's sources; default: its primary source")}};
  return d;
}

namespace loader {

void read_orders(ReadContext& ctx) {
  std::set<std::string> ids;
  for (auto& o : ctx.optional_list(ctx.root, "orders")) {
    YamlParamReader m(ctx.r, o, planned_order_declaration(), "order");
    PlannedOrder order;
    order.id = m.text("id");
    if (!ids.insert(order.id).second)
      ctx.r.fail(m.node("id"), "duplicate order id " + quoted(order.id));
    const std::string what = "order " + quoted(order.id);
    m.set_what(what);
    order.node = m.text("node");
    ctx.check_node(m.node("node"), order.node);
    order.product = m.text("product");
    ctx.check_product(m.node("product"), order.product);
    const Node* node = ctx.s.find_node(order.node);
    const StockItem* item = nullptr;
    for (const StockItem& i : node->inventory)
      if (i.product == order.product) item = &i;
    std::vector<std::string> stocked;  // for the message only: a node may stock thousands
    if (!item)
      for (const StockItem& i : node->inventory) stocked.push_back(i.product);
    if (!item)
      ctx.r.fail(
          m.node("product"),
          what + ": node " + quoted(order.node) + " holds no stock of " + quoted(order.product) +
              (stocked.empty() ? "; it has no `inventory`" : "; its inventory: " + join(stocked)));
    const bool own_line = item->sources.empty() && node->type == NodeType::factory && [&] {
      for (const Line& l : node->lines)
        if (l.product == order.product) return true;
      return false;
    }();
    if (item->sources.empty() && !own_line)
      ctx.r.fail(m.node("node"), what + ": " + quoted(order.product) + " at " + quoted(order.node) +
                                     " has no source to order from; give the item `source` or "
                                     "`sources`");
    if (m.has("from")) {
      order.from = m.text("from");
      std::vector<std::string> sources;
      for (const SourceRef& ref : item->sources) sources.push_back(ref.from);
      if (std::find(sources.begin(), sources.end(), order.from) == sources.end())
        ctx.r.fail(m.node("from"),
                   what + ": " + quoted(order.from) + " is not a source of " +
                       quoted(order.product) + " at " + quoted(order.node) +
                       suggest(order.from, sources) +
                       (sources.empty() ? " it is made by the node's own line; leave `from` out"
                                        : " its sources: " + join(sources)));
    }
    order.quantity = m.number("quantity");
    order.at = m.number("at");
    if (order.at >= ctx.s.horizon)
      ctx.r.fail(m.node("at"), what + " is placed at or after the end of the run (horizon " +
                                   format_duration(ctx.s.horizon) +
                                   "); place it before the horizon");
    ctx.s.orders.push_back(std::move(order));
  }
}

}  // namespace loader
}  // namespace surge
