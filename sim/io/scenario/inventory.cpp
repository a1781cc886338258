// Inventory of a node: stock items, their sources and replenishment policies (read through
// the policy declarations of policies/policy_registry.cpp).
#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "surge/io/param_reader.hpp"
#include "surge/io/scenario/sections.hpp"
#include "surge/io/scenario_format.hpp"
#include "surge/policies/policy_declaration.hpp"

namespace surge {
namespace {

const Declaration& source_declaration() {
  static const Declaration d{
      .name = "source",
      .doc_id = "inventory.sources",
      .description = "One of several sources of a stock item.",
      .keys = {Key{"from", types::reference("node")}.need().describe("the node ordered from"),
               Key{"share", types::number()}.above(0).defaults("1").describe(
                   "split of each order among the sources that are not backups"),
               Key{"backup", types::boolean()}.defaults("false").describe(
                   "used only when no primary can ship the whole order from stock")}};
  return d;
}

}  // namespace

const Declaration& inventory_item_declaration() {
  static const Declaration d{
      .name = "stock item",
      .doc_id = "inventory",
      .description = "Stock of one product at a node, and how it is replenished.",
      .keys = {Key{"initial", types::number()}.at_least(0).defaults("0").describe(
                   "units on hand at the start"),
               Key{"source", types::reference("node")}.describe("shorthand for one source"),
               Key{"sources", types::list(types::map(source_declaration()))}.describe(
                   "several sources"),
               Key{"policy", types::family(policy_family())}
                   .defaults("{type: none}")
                   .describe("how it reorders")},
      .alternatives = {{.options = {{{"source"}, ""}, {{"sources"}, ""}}, .required = false}},
      .null_allowed = true};
  return d;
}

namespace loader {
namespace {

// The products a supplier's `products` map lists (its scalar keys, as a lookup of the key in
// the tree would find them), read from the tree once per supplier.
const std::set<std::string>& supplier_products(ReadContext& ctx, const std::string& supplier) {
  auto [it, fresh] = ctx.supplier_products.try_emplace(supplier);
  if (!fresh) return it->second;
  YAML::Node products = ctx.node_entry(supplier)["products"];
  // IsDefined() first: Type() of a missing key of a const node throws YAML::InvalidNode.
  if (products.IsDefined() && products.IsMap())
    for (auto key = products.begin(); key != products.end(); ++key)
      if (key->first.IsScalar()) it->second.insert(key->first.Scalar());
  return it->second;
}

void check_source(ReadContext& ctx, const YAML::Node& at, const std::string& from,
                  const std::string& to, const std::string& product) {
  NodeType type = ctx.check_node(at, from);
  if (from == to) ctx.r.fail(at, "node " + quoted(to) + " cannot be its own source");
  if (type == NodeType::service)
    ctx.r.fail(at, quoted(from) + " is a service node and holds no stock; it cannot be a source");
  if (type == NodeType::supplier && !supplier_products(ctx, from).count(product))
    ctx.r.fail(at, "supplier " + quoted(from) + " does not list " + quoted(product) +
                       " under its `products`; add terms (at least a lead_time) for it there");
  if (!ctx.lane_ends.count({from, to}))
    ctx.r.fail(at, "no lane from " + quoted(from) + " to " + quoted(to) +
                       "; add one under lanes, e.g. {from: " + from + ", to: " + to +
                       ", lead_time: 2d}");
}

Policy read_policy(ReadContext& ctx, const YAML::Node& p, const std::string& owner) {
  FamilyMember m = read_member(ctx.r, p, policy_family(), "policy", owner);
  m.reader->validate();
  Policy policy;
  policy.type = m.name;
  policy.params = read_parameters(*m.reader);
  return policy;
}

}  // namespace

void read_inventory(ReadContext& ctx, const YAML::Node& inv, Node& node) {
  ctx.r.expect_map(inv, "`inventory` of " + quoted(node.id));
  for (auto it = inv.begin(); it != inv.end(); ++it) {
    StockItem item;
    item.product = ctx.r.string(it->first, "product");
    ctx.check_product(it->first, item.product);
    std::string what = "inventory of " + quoted(item.product) + " at " + quoted(node.id);
    YAML::Node body = it->second;
    if (body.IsNull()) {  // "earbuds:" with nothing: no stock, no policy
      node.inventory.push_back(item);
      continue;
    }
    YamlParamReader m(ctx.r, body, inventory_item_declaration(), what);
    item.initial = m.number("initial");
    m.check_alternatives();
    std::vector<YAML::Node> source_nodes;
    if (m.has("source")) {
      item.sources.push_back({m.text("source"), 1.0, false});
      source_nodes.push_back(m.node("source"));
    }
    for (auto& entry : m.items("sources")) {
      YamlParamReader x(ctx.r, entry, source_declaration(), "source");
      SourceRef ref;
      ref.from = x.text("from");
      ref.share = x.number("share");
      ref.backup = x.flag("backup");
      item.sources.push_back(ref);
      source_nodes.push_back(x.node("from"));
    }
    for (std::size_t i = 0; i < item.sources.size(); ++i)
      check_source(ctx, source_nodes[i], item.sources[i].from, node.id, item.product);
    if (m.has("policy")) {
      item.policy = read_policy(ctx, m.node("policy"), what);
      if (item.policy.type != "none" && item.sources.empty()) {
        bool made_here = std::any_of(node.lines.begin(), node.lines.end(),
                                     [&](const Line& l) { return l.product == item.product; });
        if (!made_here)
          ctx.r.fail(m.node("policy"),
                     what +
                         " has a replenishment policy but no `source` to order from; "
                         "add `source: NODE` or use `policy: {type: none}`");
      }
    }
    ctx.source_marks[{node.id, item.product}] = std::move(source_nodes);
    node.inventory.push_back(std::move(item));
  }
}

}  // namespace loader
}  // namespace surge
