// The `markets` section: demand, delivery, stock-out behaviour, contacts.
#include <string>

#include "surge/io/param_reader.hpp"
#include "surge/io/scenario/sections.hpp"
#include "surge/io/scenario_format.hpp"

namespace surge {
namespace {

const Declaration& seasonal_declaration() {
  static const Declaration d{
      .name = "seasonal window",
      .doc_id = "markets.demand.seasonal",
      .description = "A window in which demand is multiplied by `factor`.",
      .keys = {Key{"from", types::time_point()}.need().describe("start (a time point)"),
               Key{"to", types::time_point()}.need().describe("end, after `from`"),
               Key{"factor", types::number()}.need().at_least(0).describe("demand multiplier")}};
  return d;
}

const Declaration& demand_declaration() {
  static const Declaration d{
      .name = "demand",
      .doc_id = "markets.demand",
      .description = "A stream of customer orders for one product.",
      .keys = {Key{"product", types::reference("product")}.need().describe("what is ordered"),
               Key{"rate", types::rate()}.need().above(0).describe(
                   "orders per time, before profiles and campaigns"),
               Key{"weekly", types::weekly()}.describe("multipliers Monday to Sunday"),
               Key{"seasonal", types::list(types::map(seasonal_declaration()))}.describe(
                   "multiplicative windows"),
               Key{"size", types::distribution(Quantity::plain)}.at_least(0).defaults("1").describe(
                   "units per order, rounded, at least 1")}};
  return d;
}

const Declaration& delivery_declaration() {
  static const Declaration d{
      .name = "delivery",
      .doc_id = "markets.delivery",
      .description = "The last mile from the serving node to the customer.",
      .keys = {Key{"lead_time", types::distribution(Quantity::duration)}.defaults("0d").describe(
                   "from shipment to delivery"),
               Key{"promise", types::duration()}.above(0).describe(
                   "promised time from order to delivery (OTIF); default: none")}};
  return d;
}

const Declaration& contacts_declaration() {
  static const Declaration d{
      .name = "contacts",
      .doc_id = "markets.contacts",
      .description = "Contacts to customer service that orders cause.",
      .keys = {Key{"per_order", types::number()}.at_least(0).defaults("0").describe(
                   "contacts per order"),
               Key{"per_late_order", types::number()}.at_least(0).defaults("0").describe(
                   "contacts per late order"),
               Key{"to", types::reference("service node")}.describe(
                   "who answers them; required when a rate is > 0")}};
  return d;
}

// Stock-out behaviours by name (never by position in a list).
const std::vector<std::pair<std::string, StockoutBehaviour>>& stockout_behaviours() {
  static const std::vector<std::pair<std::string, StockoutBehaviour>> all = {
      {"backorder", StockoutBehaviour::backorder},
      {"lost_sale", StockoutBehaviour::lost_sale},
      {"backorder_with_patience", StockoutBehaviour::backorder_with_patience}};
  return all;
}

std::vector<std::string> stockout_names() {
  std::vector<std::string> out;
  for (const auto& [name, value] : stockout_behaviours()) out.push_back(name);
  return out;
}

}  // namespace

const Declaration& market_declaration() {
  static const Declaration d{
      .name = "market",
      .doc_id = "markets",
      .description = "Customers served by one node.",
      .keys = {
          Key{"id", types::text()}.need().describe("unique across nodes and markets"),
          Key{"served_by", types::reference("node")}.need().describe(
              "a fulfilment, warehouse or factory node; needs no lane"),
          Key{"demand", types::one_or_many(types::map(demand_declaration()))}.need().describe(
              "one demand stream or a list"),
          Key{"delivery", types::map(delivery_declaration())}.describe("the last mile"),
          Key{"on_stockout", types::choice(stockout_names())}
              .defaults("backorder")
              .describe("what a customer does when the order cannot be filled from stock"),
          Key{"patience", types::distribution(Quantity::duration)}.describe(
              "how long a customer waits for a backorder; exactly with "
              "backorder_with_patience"),
          Key{"contacts", types::map(contacts_declaration())}.describe(
              "contacts that orders cause"),
      }};
  return d;
}

namespace loader {

void collect_market_ids(ReadContext& ctx) {
  YAML::Node markets = ctx.root["markets"];
  if (!markets.IsDefined() || markets.IsNull()) {
    check_goods_section_omitted(ctx, "markets");
    return;
  }
  ctx.r.expect_list(markets, "`markets`");
  if (markets.size() == 0) ctx.r.fail(markets, "`markets` must list at least one market");
  for (auto it = markets.begin(); it != markets.end(); ++it) {
    YAML::Node m = *it;
    ctx.r.expect_map(m, "market");
    YAML::Node id = ctx.r.required(m, "id", "market");
    std::string market_id = ctx.r.id(id, "id");
    if (ctx.node_types.count(market_id))
      ctx.r.fail(id, "market id " + quoted(market_id) +
                         " is already a node id; ids must be unique "
                         "across nodes and markets");
    if (!ctx.market_ids.insert(market_id).second)
      ctx.r.fail(id, "duplicate market id " + quoted(market_id));
    ctx.market_list.push_back(market_id);
  }
}

void read_markets(ReadContext& ctx) {
  YAML::Node list = ctx.root["markets"];
  if (!list.IsDefined() || list.IsNull()) return;  // service nodes alone (collect_market_ids)
  for (auto it = list.begin(); it != list.end(); ++it) {
    YAML::Node node = *it;
    Market market;
    market.id = node["id"].Scalar();
    std::string what = "market " + quoted(market.id);
    YamlParamReader m(ctx.r, node, market_declaration(), what);
    YAML::Node served = m.value("served_by");
    market.served_by = m.text("served_by");
    NodeType type = ctx.check_node(served, market.served_by);
    if (type != NodeType::fulfilment && type != NodeType::warehouse && type != NodeType::factory)
      ctx.r.fail(served,
                 quoted(market.served_by) + " is a " + to_string(type) +
                     "; a market must be served by a fulfilment, warehouse or factory node");
    std::vector<YAML::Node> entries;
    m.value("demand");  // required
    for (auto& entry : m.items("demand")) {
      YamlParamReader d(ctx.r, entry, demand_declaration(), "demand of " + what);
      DemandStream stream;
      stream.product = d.text("product");
      ctx.check_product(d.node("product"), stream.product);
      stream.rate = d.number("rate");
      if (d.has("weekly")) stream.weekly = d.numbers("weekly");
      for (auto& window_node : d.items("seasonal")) {
        YamlParamReader sw(ctx.r, window_node, seasonal_declaration(), "seasonal window");
        SeasonalWindow window;
        window.from = sw.number("from");
        window.to = sw.number("to");
        if (window.to <= window.from)
          ctx.r.fail(sw.node("to"), "seasonal window must end (`to`) after it starts (`from`)");
        window.factor = sw.number("factor");
        stream.seasonal.push_back(window);
      }
      stream.size = d.distribution("size");
      market.demand.push_back(stream);
      entries.push_back(entry);
    }
    ctx.demand_marks[market.id] = entries;
    if (m.has("delivery")) {
      auto delivery = m.map_reader("delivery", "delivery of " + what);
      market.delivery_lead_time = delivery->distribution("lead_time");
      if (delivery->has("promise")) market.promise = delivery->number("promise");
    }
    std::string behaviour = m.text("on_stockout");
    for (const auto& [name, value] : stockout_behaviours())
      if (name == behaviour) market.on_stockout = value;
    bool has_patience = m.has("patience");
    if (has_patience) market.backorder_patience = m.distribution("patience");
    if (market.on_stockout == StockoutBehaviour::backorder_with_patience && !has_patience)
      ctx.r.fail(m.node("on_stockout"), what +
                                            " uses backorder_with_patience but gives no "
                                            "`patience` (how long a customer waits for a "
                                            "backorder)");
    if (market.on_stockout != StockoutBehaviour::backorder_with_patience && has_patience)
      ctx.r.fail(m.node("patience"),
                 "`patience` applies only with `on_stockout: backorder_with_patience`");
    if (m.has("contacts")) {
      auto contacts = m.map_reader("contacts", "contacts of " + what);
      market.contacts_per_order = contacts->number("per_order");
      market.contacts_per_late_order = contacts->number("per_late_order");
      bool has_to = contacts->has("to");
      if (has_to) {
        market.contacts_to = contacts->text("to");
        ctx.check_service(contacts->node("to"), market.contacts_to);
      }
      if (!has_to && (market.contacts_per_order > 0 || market.contacts_per_late_order > 0))
        contacts->fail_here("contacts of " + what +
                            " need `to`: the service node that answers them");
    }
    ctx.s.markets.push_back(std::move(market));
  }
}

}  // namespace loader
}  // namespace surge
