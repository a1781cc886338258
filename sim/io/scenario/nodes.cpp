// The `nodes` section: each node kind declared once (its keys, and the reading that turns them
// into a Node), ids and types collected first, then every node read by its kind. Adding a node
// kind: its NodeType and fields in model/scenario.hpp, its declaration and reader here, its
// behaviour in nodes/, its construction in experiment/replication/model_builder.cpp
// (docs/architecture.md, "Adding a node type").
#include <algorithm>
#include <set>

#include "surge/io/param_reader.hpp"
#include "surge/io/scenario/sections.hpp"
#include "surge/io/scenario_format.hpp"
#include "surge/kernel/error.hpp"
#include "surge/model/units.hpp"

namespace surge {
namespace {

// ---- maps nested in node kinds ------------------------------------------------------------

const Declaration& supplier_terms_declaration() {
  static const Declaration d{
      .name = "supplier terms",
      .doc_id = "node.supplier.products",
      .description = "What a supplier offers of one product.",
      .keys = {
          Key{"lead_time", types::distribution(Quantity::duration)}.need().describe(
              "from order to dispatch"),
          Key{"capacity", types::capacity(types::rate())}.above(0).describe(
              "units it can dispatch per time; default unlimited"),
          Key{"min_order", types::number()}.at_least(0).defaults("0").describe(
              "orders are raised to at least this"),
          Key{"multiple", types::number()}.at_least(0).defaults("0").describe(
              "then rounded up to a multiple of this (0: none)"),
      }};
  return d;
}

const Declaration& disruption_declaration() {
  static const Declaration d{
      .name = "disruption",
      .doc_id = "node.supplier.disruptions",
      .description = "A time the supplier ships nothing: scheduled or random.",
      .keys = {Key{"start", types::time_point()}.describe("a scheduled outage starts then"),
               Key{"rate", types::rate()}.above(0).describe(
                   "random outages: a Poisson process with this rate"),
               Key{"duration", types::distribution(Quantity::duration)}.need().describe(
                   "how long each outage lasts")},
      .alternatives = {{.options = {{{"start"}, "scheduled"}, {{"rate"}, "random"}}}}};
  return d;
}

template <typename Value>
std::vector<std::string> names_of(const std::vector<std::pair<std::string, Value>>& v) {
  std::vector<std::string> out;
  for (const auto& [name, value] : v) out.push_back(name);
  return out;
}

// When a line's replenishment orders leave, by name.
const std::vector<std::pair<std::string, LineShipping>>& line_shipping_modes() {
  static const std::vector<std::pair<std::string, LineShipping>> modes = {
      {"as_made", LineShipping::as_made}, {"complete", LineShipping::complete}};
  return modes;
}

const Declaration& line_declaration() {
  static const Declaration d{
      .name = "line",
      .doc_id = "node.factory.lines",
      .description = "A production line making one product.",
      .keys =
          {Key{"product", types::reference("product")}.need().describe("what it makes"),
           Key{"rate", types::capacity(types::rate())}.above(0).describe("units per open hour"),
           Key{"time", types::distribution(Quantity::duration)}.describe(
               "open time per unit, instead of a rate"),
           Key{"batch", types::number()}.at_least(1).defaults("1").describe(
               "units made together; a batch is released when complete"),
           Key{"name", types::text()}.describe("default: the product id; unique in the factory"),
           Key{"cost_per_unit", types::number()}.at_least(0).describe(
               "production cost; default: the product's unit_cost"),
           Key{"cost_per_hour", types::number()}.at_least(0).defaults("0").describe(
               "money per open hour of the line, working or idle (staff_cost)"),
           Key{"ship", types::choice(names_of(line_shipping_modes()))}.defaults("as_made").describe(
               "a replenishment order leaves batch by batch as made, or complete "
               "once all its units are made")},
      .alternatives = {{.options = {{{"rate"}, "e.g. 1200/d"}, {{"time"}, "per unit"}}}}};
  return d;
}

const Declaration& station_declaration() {
  static const Declaration d{
      .name = "station",
      .doc_id = "node.fulfilment.stations",
      .description = "A step every order goes through (pick, pack, ship), with its servers.",
      .keys = {
          Key{"name", types::text()}.need().describe("unique in the node"),
          Key{"servers", types::capacity(types::count())}.defaults("1").describe(
              "workers; 0 processes nothing"),
          Key{"time", types::distribution(Quantity::duration)}.need().describe(
              "service time per order"),
          Key{"calendar", types::reference("calendar")}.describe("default: the node's"),
          Key{"cost_per_server_hour", types::number()}.at_least(0).describe(
              "money per scheduled, open server-hour, busy or idle (staff_cost); not with "
              "`unlimited` servers"),
      }};
  return d;
}

const Declaration& contact_stream_declaration() {
  static const Declaration d{
      .name = "contact stream",
      .doc_id = "node.service.arrivals",
      .description = "Contacts that no order causes.",
      .keys = {Key{"rate", types::rate()}.need().above(0).describe("contacts per time"),
               Key{"weekly", types::weekly()}.describe("multipliers Monday to Sunday")}};
  return d;
}

const Declaration& service_level_declaration() {
  static const Declaration d{
      .name = "service_level",
      .doc_id = "node.service.service_level",
      .description = "The threshold of the service-level KPI.",
      .keys = {Key{"within", types::duration()}.above(0).defaults("60s").describe(
          "a contact answered within this counts as answered in time")}};
  return d;
}

// Production modes by name (never by position in a list).
const std::vector<std::pair<std::string, ProductionMode>>& production_modes() {
  static const std::vector<std::pair<std::string, ProductionMode>> modes = {
      {"make_to_stock", ProductionMode::make_to_stock},
      {"make_to_order", ProductionMode::make_to_order}};
  return modes;
}

ValueType inventory_type() {
  return types::dictionary("product", types::map(inventory_item_declaration()));
}

// ---- node kinds ---------------------------------------------------------------------------

const Declaration& supplier_declaration() {
  static const Declaration d{
      .name = to_string(NodeType::supplier),
      .doc_id = "node.supplier",
      .description = "Sells products to the network, with lead times and outages.",
      .keys = {
          Key{"products", types::dictionary("product", types::map(supplier_terms_declaration()))}
              .describe("product -> terms"),
          Key{"disruptions", types::list(types::map(disruption_declaration()))}.describe(
              "scheduled or random outages")}};
  return d;
}

const Declaration& factory_declaration() {
  static const Declaration d{
      .name = to_string(NodeType::factory),
      .doc_id = "node.factory",
      .description = "Makes products on lines, consuming components from its own stock.",
      .keys = {
          Key{"mode", types::choice(names_of(production_modes()))}
              .defaults("make_to_stock")
              .describe("make to stock (fill its inventory) or to order"),
          Key{"lines", types::list(types::map(line_declaration()))}.describe("production lines"),
          Key{"inventory", inventory_type()}.describe(
              "components and (make_to_stock) finished goods")}};
  return d;
}

const Declaration& warehouse_declaration() {
  static const Declaration d{
      .name = to_string(NodeType::warehouse),
      .doc_id = "node.warehouse",
      .description = "Holds stock and reorders it.",
      .keys = {Key{"inventory", inventory_type()}.need().describe("product -> stock item")}};
  return d;
}

const Declaration& fulfilment_declaration() {
  static const Declaration d{
      .name = to_string(NodeType::fulfilment),
      .doc_id = "node.fulfilment",
      .description =
          "Holds stock and processes each order through stations before the carrier "
          "takes it.",
      .keys = {Key{"inventory", inventory_type()}.need().describe("product -> stock item"),
               Key{"stations", types::list(types::map(station_declaration()))}.describe(
                   "steps in order"),
               Key{"cutoff", types::time_of_day()}.describe(
                   "the carrier collects daily at this time; default: at once")}};
  return d;
}

const Declaration& service_declaration() {
  static const Declaration d{
      .name = to_string(NodeType::service),
      .doc_id = "node.service",
      .description =
          "Customer service: agents answer contacts from orders, campaigns and "
          "their own arrivals.",
      .keys = {
          Key{"agents", types::capacity(types::count())}.need().describe("the agent pool"),
          Key{"cost_per_agent_hour", types::number()}.at_least(0).describe(
              "money per scheduled, open agent-hour, busy or idle (staff_cost); not with "
              "`unlimited` agents"),
          Key{"handle_time", types::distribution(Quantity::duration)}.need().describe(
              "per contact"),
          Key{"patience", types::distribution(Quantity::duration)}.describe(
              "how long a caller waits before abandoning; default: for ever"),
          Key{"arrivals", types::one_or_many(types::map(contact_stream_declaration()))}.describe(
              "contact streams of their own"),
          Key{"service_level", types::map(service_level_declaration())}.describe(
              "the service-level threshold")}};
  return d;
}

// ---- reading each kind --------------------------------------------------------------------

using loader::quoted;
using loader::ReadContext;

// An hourly staff cost (`cost_key`) of a capacity (`capacity_key`): paid for every scheduled
// server- or agent-hour, so it needs a number of them at every time.
double staff_cost_rate(const ReadContext& ctx, const YamlParamReader& m,
                       const std::string& cost_key, const std::string& capacity_key,
                       const CapacitySchedule& capacity) {
  if (!m.has(cost_key)) return 0;
  if (capacity.max_value() == kUnlimited)
    ctx.r.fail(m.node(cost_key), quoted(cost_key) + " cannot be paid for `unlimited` " +
                                     capacity_key + ": an hourly cost needs a number of " +
                                     capacity_key + " at every time; give " + quoted(capacity_key) +
                                     " a number (or a schedule of numbers), or drop the cost");
  return m.number(cost_key);
}

void read_supplier(ReadContext& ctx, const YamlParamReader& m, Node& node) {
  if (YAML::Node products = m.node("products"); products.IsDefined()) {
    ctx.r.expect_map(products, "`products` of supplier " + quoted(node.id));
    for (auto it = products.begin(); it != products.end(); ++it) {
      std::string product = ctx.r.string(it->first, "product");
      ctx.check_product(it->first, product);
      YamlParamReader t(ctx.r, it->second, supplier_terms_declaration(),
                        "terms for " + quoted(product) + " at supplier " + quoted(node.id));
      SupplierTerms terms;
      terms.lead_time = t.distribution("lead_time");
      if (t.has("capacity")) terms.capacity = t.schedule("capacity");
      terms.min_order = t.number("min_order");
      terms.multiple = t.number("multiple");
      node.supplies[product] = terms;
    }
  }
  for (auto& entry : m.items("disruptions")) {
    YamlParamReader d(ctx.r, entry, disruption_declaration(), "disruption of " + quoted(node.id));
    d.check_alternatives();
    Disruption disruption;
    if (d.has("start")) disruption.start = d.number("start");
    if (d.has("rate")) disruption.rate = d.number("rate");
    disruption.duration = d.distribution("duration");
    node.disruptions.push_back(disruption);
  }
}

void read_factory(ReadContext& ctx, const YamlParamReader& m, Node& node) {
  std::string mode = m.text("mode");
  for (const auto& [name, value] : production_modes())
    if (name == mode) node.mode = value;
  std::vector<YAML::Node> line_nodes;
  std::set<std::string> names;
  for (auto& l : m.items("lines")) {
    YamlParamReader x(ctx.r, l, line_declaration(), "line of factory " + quoted(node.id));
    Line line;
    line.product = x.text("product");
    ctx.check_product(x.node("product"), line.product);
    line.name = x.has("name") ? x.text("name") : line.product;
    if (!names.insert(line.name).second)
      ctx.r.fail(l, "two lines of factory " + quoted(node.id) + " are named " + quoted(line.name) +
                        "; give them distinct `name`s");
    x.check_alternatives();
    if (x.has("rate")) line.rate = x.schedule("rate");
    if (x.has("time")) line.time = x.distribution("time");
    line.batch = x.number("batch");
    if (x.has("cost_per_unit")) line.cost_per_unit = x.number("cost_per_unit");
    line.cost_per_hour = x.number("cost_per_hour");
    const std::string ship = x.text("ship");
    for (const auto& [name, value] : line_shipping_modes())
      if (name == ship) line.ship = value;
    node.lines.push_back(line);
    line_nodes.push_back(l);
  }
  if (m.has("inventory")) read_inventory(ctx, m.node("inventory"), node);
  // A line consumes its components from the factory's own stock, so each needs an entry.
  std::set<std::string> stocked;
  for (const StockItem& item : node.inventory) stocked.insert(item.product);
  for (std::size_t i = 0; i < node.lines.size(); ++i) {
    const Product* p = &ctx.s.products[ctx.product_index.at(node.lines[i].product)];
    for (auto& [component, units] : p->bom) {
      if (!stocked.count(component))
        ctx.r.fail(line_nodes[i], "line " + quoted(node.lines[i].name) + " of factory " +
                                      quoted(node.id) + " makes " + quoted(p->id) +
                                      ", which consumes " + quoted(component) + "; add " +
                                      quoted(component) + " under the factory's `inventory`");
    }
  }
}

void read_warehouse(ReadContext& ctx, const YamlParamReader& m, Node& node) {
  read_inventory(ctx, m.value("inventory"), node);
}

void read_fulfilment(ReadContext& ctx, const YamlParamReader& m, Node& node) {
  read_inventory(ctx, m.value("inventory"), node);
  std::set<std::string> names;
  for (auto& st : m.items("stations")) {
    YamlParamReader x(ctx.r, st, station_declaration(), "station of " + quoted(node.id));
    Station station;
    station.name = x.text("name");
    if (!names.insert(station.name).second)
      ctx.r.fail(x.node("name"),
                 "duplicate station name " + quoted(station.name) + " in " + quoted(node.id));
    x.set_what("station " + quoted(station.name) + " of " + quoted(node.id));
    station.servers = x.schedule("servers");
    station.cost_per_server_hour =
        staff_cost_rate(ctx, x, "cost_per_server_hour", "servers", station.servers);
    station.time = x.distribution("time");
    if (x.has("calendar")) {
      station.calendar = x.text("calendar");
      ctx.check_calendar(x.node("calendar"), station.calendar);
    }
    node.stations.push_back(station);
  }
  if (m.has("cutoff")) node.cutoff = m.number("cutoff");
}

void read_service(ReadContext& ctx, const YamlParamReader& m, Node& node) {
  node.agents = m.schedule("agents");
  node.cost_per_agent_hour = staff_cost_rate(ctx, m, "cost_per_agent_hour", "agents", node.agents);
  node.handle_time = m.distribution("handle_time");
  if (m.has("patience")) node.patience = m.distribution("patience");
  for (auto& entry : m.items("arrivals")) {
    YamlParamReader a(ctx.r, entry, contact_stream_declaration(), "arrivals of " + quoted(node.id));
    ContactStream stream;
    stream.rate = a.number("rate");
    if (a.has("weekly")) stream.weekly = a.numbers("weekly");
    node.arrivals.push_back(stream);
  }
  if (m.has("service_level"))
    node.answer_within = m.map_reader("service_level", "service_level")->number("within");
  else
    node.answer_within = default_number(*service_level_declaration().find("within"));
}

// A node kind: its type, its declaration and how its keys become a Node.
struct NodeKind {
  NodeType type;
  const Declaration& (*declaration)();
  void (*read)(ReadContext&, const YamlParamReader&, Node&);
};

const std::vector<NodeKind>& node_kinds() {
  static const std::vector<NodeKind> kinds = {
      {NodeType::supplier, supplier_declaration, read_supplier},
      {NodeType::factory, factory_declaration, read_factory},
      {NodeType::warehouse, warehouse_declaration, read_warehouse},
      {NodeType::fulfilment, fulfilment_declaration, read_fulfilment},
      {NodeType::service, service_declaration, read_service},
  };
  return kinds;
}

const NodeKind& kind_of(NodeType type) {
  for (const NodeKind& k : node_kinds())
    if (k.type == type) return k;
  throw InternalError("internal: node type " + std::string(to_string(type)) + " is not declared");
}

}  // namespace

const Family& node_family() {
  static const Family family = [] {
    Family f{.name = "node",
             .discriminator = "type",
             .noun = "node type",
             .names_label = "valid types",
             .doc_id = "nodes",
             .description =
                 "A place in the network; `type` says which kind and which keys "
                 "it takes."};
    for (const NodeKind& k : node_kinds()) f.members.push_back(&k.declaration());
    f.common = {
        Key{"id", types::text()}.need().describe("unique across nodes and markets"),
        Key{"type", types::choice(f.member_names())}.need().describe("the node's kind"),
        Key{"calendar", types::reference("calendar")}.describe(
            "opening hours; default: always open"),
    };
    return f;
  }();
  return family;
}

namespace loader {

void collect_node_ids(ReadContext& ctx) {
  const Family& family = node_family();
  YAML::Node nodes = ctx.r.required(ctx.root, "nodes", "the scenario");
  ctx.r.expect_list(nodes, "`nodes`");
  // Without products and markets (service nodes alone) an empty list would be a scenario of
  // nothing at all; with them, a market would have no node to serve it.
  if (nodes.size() == 0) ctx.r.fail(nodes, "`nodes` must list at least one node");
  for (auto it = nodes.begin(); it != nodes.end(); ++it) {
    YAML::Node n = *it;
    ctx.r.expect_map(n, "node");
    YAML::Node id = ctx.r.required(n, "id", "node");
    std::string node_id = ctx.r.id(id, "id");
    if (ctx.node_types.count(node_id)) ctx.r.fail(id, "duplicate node id " + quoted(node_id));
    YAML::Node type = ctx.r.required(n, family.discriminator, "node " + quoted(node_id));
    std::string t = ctx.r.string(type, family.discriminator);
    const NodeKind* kind = nullptr;
    for (const NodeKind& k : node_kinds())
      if (k.declaration().name == t) kind = &k;
    if (!kind) {
      auto names = family.member_names();
      ctx.r.fail(type, "unknown " + family.noun + " " + quoted(t) + suggest(t, names) + " " +
                           family.names_label + ": " + join(names));
    }
    ctx.node_types[node_id] = kind->type;
    ctx.node_list.push_back(node_id);
    ctx.node_yaml[node_id] = n;
  }
}

void read_nodes(ReadContext& ctx) {
  const Family& family = node_family();
  for (auto& id : ctx.node_list) {
    YAML::Node n = ctx.node_yaml.at(id);
    Node node;
    node.id = id;
    node.type = ctx.node_types.at(id);
    const NodeKind& kind = kind_of(node.type);
    const Declaration& declaration = kind.declaration();
    Keys valid = family.key_names(declaration);
    // A key of another kind says which kind it belongs to.
    for (auto it = n.begin(); it != n.end(); ++it) {
      std::string key = ctx.r.string(it->first, "key");
      if (contains(valid, key)) continue;
      for (const NodeKind& other : node_kinds())
        if (other.type != node.type && other.declaration().find(key))
          ctx.r.fail_key(it->first, it->second,
                         "key " + quoted(key) + " belongs to " + other.declaration().name +
                             " nodes, but " + quoted(id) + " is a " + declaration.name +
                             "; valid keys here: " + join(valid));
    }
    YamlParamReader m(ctx.r, n, declaration, declaration.name + " node " + quoted(id), &family);
    if (m.has("calendar")) {
      node.calendar = m.text("calendar");
      ctx.check_calendar(m.node("calendar"), node.calendar);
    }
    kind.read(ctx, m, node);
    ctx.s.nodes.push_back(std::move(node));
  }
}

}  // namespace loader
}  // namespace surge
