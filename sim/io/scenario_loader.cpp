#include "surge/io/scenario_loader.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "surge/io/overrides.hpp"
#include "surge/io/target_metrics.hpp"
#include "surge/io/yaml_reader.hpp"
#include "surge/model/network.hpp"
#include "surge/model/units.hpp"

namespace surge {
namespace {

using Keys = std::vector<std::string>;

// Sanity limits (docs/reliability.md): far beyond any real study, close enough to stop a typo
// from eating the machine.
constexpr double kMaxHorizon = 100 * 365 * kDay;
constexpr double kMaxSeriesSamples = 50e6;
constexpr double kBytesPerSample = 128;  // a StockSample or ResourceSample, with its strings

const Keys kTopKeys = {"name",         "description", "horizon",   "warmup", "seed",
                       "sample_every", "products",    "calendars", "nodes",  "lanes",
                       "markets",      "campaigns",   "targets",   "plans"};
const Keys kProductKeys = {
    "id", "price", "unit_cost", "holding_cost", "lost_sale_cost", "backorder_cost", "bom"};
const Keys kNodeCommonKeys = {"id", "type", "calendar"};
const Keys kNodeTypes = {"supplier", "factory", "warehouse", "fulfilment", "service"};
// Type-specific node keys, in the order of kNodeTypes.
const std::array<Keys, 5> kNodeTypeKeys = {
    Keys{"products", "disruptions"}, Keys{"mode", "lines", "inventory"}, Keys{"inventory"},
    Keys{"inventory", "stations", "cutoff"},
    Keys{"agents", "handle_time", "patience", "arrivals", "service_level"}};
const Keys kLaneKeys = {"from", "to", "lead_time", "capacity", "cost"};
const Keys kMarketKeys = {"id",          "served_by", "demand",  "delivery",
                          "on_stockout", "patience",  "contacts"};
const Keys kDemandKeys = {"product", "rate", "weekly", "seasonal", "size"};
const Keys kCampaignKeys = {"id",         "product",  "products",     "markets",
                            "start",      "duration", "uplift",       "ramp_up",
                            "decay",      "discount", "pull_forward", "contacts_per_order",
                            "contacts_to"};
const Keys kTargetKeys = {"metric", "window",        "node",     "product",
                          "market", "answer_within", "at_least", "at_most"};
const Keys kWeekdays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::string quoted(const std::string& s) { return "`" + s + "`"; }

bool contains(const Keys& keys, const std::string& k) {
  return std::find(keys.begin(), keys.end(), k) != keys.end();
}

// Builds a Scenario from a YAML tree, checking as it goes. Entities are read in dependency
// order (products, calendars, ids, lanes, nodes, markets, campaigns, targets), so every
// reference is checked where it is written.
class Builder {
 public:
  Builder(const YamlReader& reader, const YAML::Node& root) : r_(reader), root_(root) {}

  Scenario build() {
    r_.expect_map(root_, "the scenario");
    r_.check_keys(root_, "the scenario", kTopKeys);
    s_.name = r_.string(r_.required(root_, "name", "the scenario"), "name");
    if (auto d = root_["description"]; d.IsDefined() && !d.IsNull())
      s_.description = r_.string(d, "description");
    YAML::Node horizon = r_.required(root_, "horizon", "the scenario");
    s_.horizon = r_.duration(horizon, "horizon");
    r_.check_min(horizon, s_.horizon, "horizon", 0, true);
    if (!(s_.horizon <= kMaxHorizon))
      r_.fail(horizon,
              "`horizon` (" + horizon.Scalar() +
                  ") is beyond 100 years; Surge refuses it to keep a typo from running for "
                  "ever (docs/reliability.md)");
    if (auto w = root_["warmup"]; w.IsDefined()) {
      s_.warmup = r_.duration(w, "warmup");
      if (s_.warmup >= s_.horizon)
        r_.fail(w, "`warmup` (" + w.Scalar() + ") must be shorter than `horizon` (" +
                       horizon.Scalar() + ")");
    }
    if (auto seed = root_["seed"]; seed.IsDefined()) {
      // Any 64-bit seed, read from its digits: through a double, those above 2^53 would round.
      const std::string text = seed.IsScalar() ? seed.Scalar() : std::string();
      if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos) {
        errno = 0;
        s_.seed = std::strtoull(text.c_str(), nullptr, 10);
        if (errno == ERANGE)
          r_.fail(seed, "`seed` must be a whole number from 0 to 18446744073709551615, got `" +
                            text + "`");
      } else {
        long v = r_.integer(seed, "seed");
        r_.check_min(seed, static_cast<double>(v), "seed", 0, false);
        s_.seed = static_cast<std::uint64_t>(v);
      }
    }
    if (auto se = root_["sample_every"]; se.IsDefined()) {
      s_.sample_every = r_.duration(se, "sample_every");
      r_.check_min(se, s_.sample_every, "sample_every", 0, true);
    }
    read_products();
    read_calendars();
    collect_ids();
    read_lanes();
    read_nodes();
    read_markets();
    read_campaigns();
    read_targets();
    read_plans();
    check_network();
    check_series_size();
    return std::move(s_);
  }

 private:
  // ---- references --------------------------------------------------------------------
  void check_product(const YAML::Node& at, const std::string& id) const {
    if (!product_ids_.count(id))
      r_.fail(at, "unknown product " + quoted(id) + suggest(id, product_list_) +
                      " products: " + join(product_list_));
  }
  const YAML::Node& node_entry(const std::string& id) const { return node_yaml_.at(id); }
  NodeType check_node(const YAML::Node& at, const std::string& id) const {
    auto it = node_types_.find(id);
    if (it == node_types_.end()) {
      std::string extra = market_ids_.count(id) ? " (it is a market, not a node)" : "";
      r_.fail(at, "unknown node " + quoted(id) + extra + suggest(id, node_list_) +
                      " nodes: " + join(node_list_));
    }
    return it->second;
  }
  void check_service(const YAML::Node& at, const std::string& id) const {
    if (check_node(at, id) != NodeType::service)
      r_.fail(at, "node " + quoted(id) + " is a " + to_string(node_types_.at(id)) +
                      "; contacts must go to a service node");
  }
  void check_calendar(const YAML::Node& at, const std::string& name) const {
    if (!s_.calendars.count(name)) {
      Keys names;
      for (auto& [n, c] : s_.calendars) names.push_back(n);
      r_.fail(at, "unknown calendar " + quoted(name) + suggest(name, names) +
                      (names.empty() ? " no calendars are defined under `calendars`"
                                     : " calendars: " + join(names)));
    }
  }
  void check_market(const YAML::Node& at, const std::string& id) const {
    if (!market_ids_.count(id))
      r_.fail(at, "unknown market " + quoted(id) + suggest(id, market_list_) +
                      " markets: " + join(market_list_));
  }
  // A list under `key` that may be absent.
  std::vector<YAML::Node> optional_list(const YAML::Node& map, const std::string& key) const {
    std::vector<YAML::Node> out;
    YAML::Node n = map[key];
    if (!n.IsDefined() || n.IsNull()) return out;
    r_.expect_list(n, quoted(key));
    for (auto it = n.begin(); it != n.end(); ++it) out.push_back(*it);
    return out;
  }
  // Reads `key` if present via `read`; returns false when absent.
  template <class F>
  bool with(const YAML::Node& map, const std::string& key, F read) const {
    YAML::Node n = map[key];
    if (!n.IsDefined()) return false;
    read(n);
    return true;
  }
  double non_negative(const YAML::Node& n, const std::string& what) const {
    double v = r_.number(n, what);
    r_.check_min(n, v, what, 0, false);
    return v;
  }
  double positive(const YAML::Node& n, const std::string& what) const {
    double v = r_.number(n, what);
    r_.check_min(n, v, what, 0, true);
    return v;
  }
  double positive_rate(const YAML::Node& n, const std::string& what) const {
    double v = r_.rate(n, what);
    r_.check_min(n, v, what, 0, true);
    return v;
  }
  Time positive_duration(const YAML::Node& n, const std::string& what) const {
    Time v = r_.duration(n, what);
    r_.check_min(n, v, what, 0, true);
    return v;
  }
  // Money per unit per time: a rate, or a plain 0 (no unit needed for nothing).
  double money_rate(const YAML::Node& n, const std::string& what) const {
    if (n.IsScalar()) {
      auto v = parse_number(n.Scalar());
      if (v && *v == 0) return 0;
    }
    return r_.rate(n, what);
  }
  // An integer count >= 0 or "unlimited".
  double servers(const YAML::Node& n, const std::string& what) const {
    if (n.IsScalar() && n.Scalar() == "unlimited") return kUnlimited;
    if (n.IsScalar() && !parse_number(n.Scalar()))
      r_.fail(
          n, "`" + what + "` must be a whole number >= 0 or `unlimited`, got `" + n.Scalar() + "`");
    long v = r_.integer(n, what);
    r_.check_min(n, static_cast<double>(v), what, 0, false);
    return static_cast<double>(v);
  }

  // ---- products ----------------------------------------------------------------------
  void read_products() {
    YAML::Node list = r_.required(root_, "products", "the scenario");
    r_.expect_list(list, "`products`");
    if (list.size() == 0) r_.fail(list, "`products` must list at least one product");
    std::vector<YAML::Node> boms;
    for (auto it = list.begin(); it != list.end(); ++it) {
      YAML::Node p = *it;
      r_.check_keys(p, "product", kProductKeys);
      Product product;
      YAML::Node id = r_.required(p, "id", "product");
      product.id = r_.string(id, "id");
      if (!product_ids_.insert(product.id).second)
        r_.fail(id, "duplicate product id " + quoted(product.id));
      product_list_.push_back(product.id);
      with(p, "price", [&](auto n) { product.price = non_negative(n, "price"); });
      with(p, "unit_cost", [&](auto n) { product.unit_cost = non_negative(n, "unit_cost"); });
      with(p, "holding_cost",
           [&](auto n) { product.holding_cost = money_rate(n, "holding_cost"); });
      with(p, "lost_sale_cost",
           [&](auto n) { product.lost_sale_cost = non_negative(n, "lost_sale_cost"); });
      with(p, "backorder_cost",
           [&](auto n) { product.backorder_cost = money_rate(n, "backorder_cost"); });
      boms.push_back(p["bom"]);
      s_.products.push_back(product);
    }
    // BOMs refer to products that may come later in the list: read them in a second pass.
    for (std::size_t i = 0; i < s_.products.size(); ++i) {
      YAML::Node bom = boms[i];
      if (!bom.IsDefined() || bom.IsNull()) continue;
      r_.expect_map(bom, "`bom`");
      for (auto it = bom.begin(); it != bom.end(); ++it) {
        std::string component = r_.string(it->first, "bom component");
        check_product(it->first, component);
        if (component == s_.products[i].id)
          r_.fail(it->first, "product " + quoted(component) + " lists itself in its `bom`");
        s_.products[i].bom[component] = positive(it->second, "bom." + component);
        bom_marks_[s_.products[i].id] = bom;
      }
    }
    check_bom_cycles();
  }

  void check_bom_cycles() {
    std::map<std::string, int> state;  // 0 new, 1 on stack, 2 done
    std::vector<std::string> stack;
    std::function<void(const std::string&)> visit = [&](const std::string& id) {
      state[id] = 1;
      stack.push_back(id);
      for (auto& [component, units] : s_.find_product(id)->bom) {
        if (state[component] == 1) {
          auto start = std::find(stack.begin(), stack.end(), component);
          std::vector<std::string> cycle(start, stack.end());
          cycle.push_back(component);
          r_.fail(bom_marks_.at(id), "bill-of-materials cycle: " + join(cycle, " -> ") +
                                         "; a product cannot be made from itself");
        }
        if (state[component] == 0) visit(component);
      }
      stack.pop_back();
      state[id] = 2;
    };
    for (auto& p : s_.products)
      if (state[p.id] == 0) visit(p.id);
  }

  // ---- calendars ---------------------------------------------------------------------
  std::vector<Calendar::Interval> read_hours(const YAML::Node& value,
                                             const std::string& key) const {
    std::vector<YAML::Node> items;
    if (value.IsSequence()) {
      for (auto it = value.begin(); it != value.end(); ++it) items.push_back(*it);
    } else {
      items.push_back(value);
    }
    std::vector<Calendar::Interval> out;
    for (auto& item : items) {
      std::string text = r_.string(item, key);
      if (text == "closed") continue;
      auto dash = text.find('-');
      if (dash == std::string::npos)
        r_.fail(item,
                "`" + key + "`: `" + text +
                    "` is not opening hours; expected HH:MM-HH:MM (e.g. 06:00-22:00), a list of "
                    "them, or `closed`");
      ParseResult open = parse_clock(text.substr(0, dash));
      ParseResult close = parse_clock(text.substr(dash + 1));
      if (!open.value) r_.fail(item, "`" + key + "`: " + open.error);
      if (!close.value) r_.fail(item, "`" + key + "`: " + close.error);
      if (*open.value == *close.value)
        r_.fail(item, "`" + key + "`: `" + text +
                          "` opens and closes at the same time; write "
                          "00:00-24:00 for a whole day or `closed`");
      out.push_back({*open.value, *close.value});
    }
    return out;
  }

  // Weekday indices a calendar key covers ("mon-fri", "daily", "sat"), or empty if invalid.
  static std::vector<int> weekdays_of(const std::string& key) {
    auto index = [](const std::string& d) {
      auto it = std::find(kWeekdays.begin(), kWeekdays.end(), d);
      return it == kWeekdays.end() ? -1 : static_cast<int>(it - kWeekdays.begin());
    };
    if (key == "daily") return {0, 1, 2, 3, 4, 5, 6};
    auto dash = key.find('-');
    if (dash == std::string::npos) {
      int d = index(key);
      return d < 0 ? std::vector<int>{} : std::vector<int>{d};
    }
    int a = index(key.substr(0, dash)), b = index(key.substr(dash + 1));
    if (a < 0 || b < 0) return {};
    std::vector<int> out;  // ranges may wrap round the weekend: "fri-mon"
    for (int d = a;; d = (d + 1) % 7) {
      out.push_back(d);
      if (d == b) break;
    }
    return out;
  }

  void read_calendars() {
    YAML::Node cals = root_["calendars"];
    if (!cals.IsDefined() || cals.IsNull()) return;
    r_.expect_map(cals, "`calendars`");
    for (auto it = cals.begin(); it != cals.end(); ++it) {
      std::string name = r_.string(it->first, "calendar name");
      YAML::Node body = it->second;
      std::string what = "calendar " + quoted(name);
      r_.expect_map(body, what);
      std::array<std::vector<Calendar::Interval>, 7> week;
      std::array<std::string, 7> given_by;
      std::vector<long> holidays;
      bool any_day = false;
      for (auto kv = body.begin(); kv != body.end(); ++kv) {
        std::string key = r_.string(kv->first, "calendar key");
        if (key == "holidays") {
          r_.expect_list(kv->second, "`holidays`");
          for (auto h = kv->second.begin(); h != kv->second.end(); ++h)
            holidays.push_back(static_cast<long>(std::floor(r_.duration(*h, "holidays") / kDay)));
          continue;
        }
        auto days = weekdays_of(key);
        if (days.empty()) {
          Keys valid = kWeekdays;
          for (const char* extra : {"mon-fri", "sat-sun", "daily", "holidays"})
            valid.push_back(extra);
          r_.fail_key(
              kv->first, kv->second,
              "unknown key " + quoted(key) + " in " + what + suggest(key, valid) +
                  " valid keys: weekdays (mon..sun), ranges such as mon-fri, daily, holidays");
        }
        auto hours = read_hours(kv->second, key);
        for (int d : days) {
          if (!given_by[d].empty())
            r_.fail_key(kv->first, kv->second,
                        "weekday " + quoted(kWeekdays[d]) + " is given twice in " + what + " (by " +
                            quoted(given_by[d]) + " and " + quoted(key) + ")");
          given_by[d] = key;
          week[d] = hours;
        }
        any_day = true;
      }
      // A calendar that only lists holidays is open round the clock on the other days.
      if (!any_day)
        for (auto& day : week) day = {{0.0, 24.0}};
      s_.calendars[name] = Calendar(week, holidays);
    }
  }

  // ---- ids ---------------------------------------------------------------------------
  void collect_ids() {
    YAML::Node nodes = r_.required(root_, "nodes", "the scenario");
    r_.expect_list(nodes, "`nodes`");
    for (auto it = nodes.begin(); it != nodes.end(); ++it) {
      YAML::Node n = *it;
      r_.expect_map(n, "node");
      YAML::Node id = r_.required(n, "id", "node");
      std::string node_id = r_.string(id, "id");
      if (node_types_.count(node_id)) r_.fail(id, "duplicate node id " + quoted(node_id));
      YAML::Node type = r_.required(n, "type", "node " + quoted(node_id));
      std::string t = r_.string(type, "type");
      auto pos = std::find(kNodeTypes.begin(), kNodeTypes.end(), t);
      if (pos == kNodeTypes.end())
        r_.fail(type, "unknown node type " + quoted(t) + suggest(t, kNodeTypes) +
                          " valid types: " + join(kNodeTypes));
      node_types_[node_id] = static_cast<NodeType>(pos - kNodeTypes.begin());
      node_list_.push_back(node_id);
      node_yaml_[node_id] = n;
    }
    YAML::Node markets = r_.required(root_, "markets", "the scenario");
    r_.expect_list(markets, "`markets`");
    if (markets.size() == 0) r_.fail(markets, "`markets` must list at least one market");
    for (auto it = markets.begin(); it != markets.end(); ++it) {
      YAML::Node m = *it;
      r_.expect_map(m, "market");
      YAML::Node id = r_.required(m, "id", "market");
      std::string market_id = r_.string(id, "id");
      if (node_types_.count(market_id))
        r_.fail(id, "market id " + quoted(market_id) +
                        " is already a node id; ids must be unique "
                        "across nodes and markets");
      if (!market_ids_.insert(market_id).second)
        r_.fail(id, "duplicate market id " + quoted(market_id));
      market_list_.push_back(market_id);
    }
  }

  // ---- lanes -------------------------------------------------------------------------
  void read_lanes() {
    for (auto& l : optional_list(root_, "lanes")) {
      r_.check_keys(l, "lane", kLaneKeys);
      Lane lane;
      YAML::Node from = r_.required(l, "from", "lane"), to = r_.required(l, "to", "lane");
      lane.from = r_.string(from, "from");
      lane.to = r_.string(to, "to");
      check_node(from, lane.from);
      check_node(to, lane.to);
      if (lane.from == lane.to)
        r_.fail(to, "a lane cannot go from " + quoted(lane.from) + " to itself");
      if (s_.find_lane(lane.from, lane.to))
        r_.fail(l, "duplicate lane from " + quoted(lane.from) + " to " + quoted(lane.to));
      lane.lead_time =
          r_.distribution(r_.required(l, "lead_time", "lane " + lane.from + " -> " + lane.to),
                          "lead_time", Quantity::duration);
      with(l, "capacity", [&](auto n) { lane.capacity = positive_rate(n, "capacity"); });
      with(l, "cost", [&](auto n) { lane.cost = non_negative(n, "cost"); });
      s_.lanes.push_back(lane);
    }
  }

  // ---- nodes -------------------------------------------------------------------------
  void read_nodes() {
    for (auto& id : node_list_) {
      YAML::Node n = node_yaml_.at(id);
      Node node;
      node.id = id;
      node.type = node_types_.at(id);
      int t = static_cast<int>(node.type);
      Keys valid = kNodeCommonKeys;
      valid.insert(valid.end(), kNodeTypeKeys[t].begin(), kNodeTypeKeys[t].end());
      std::string what = std::string(to_string(node.type)) + " node " + quoted(id);
      for (auto it = n.begin(); it != n.end(); ++it) {
        std::string key = r_.string(it->first, "key");
        if (contains(valid, key)) continue;
        for (int other = 0; other < 5; ++other)
          if (other != t && contains(kNodeTypeKeys[other], key))
            r_.fail_key(it->first, it->second,
                        "key " + quoted(key) + " belongs to " + kNodeTypes[other] + " nodes, but " +
                            quoted(id) + " is a " + to_string(node.type) +
                            "; valid keys here: " + join(valid));
      }
      r_.check_keys(n, what, valid);
      with(n, "calendar", [&](auto c) {
        node.calendar = r_.string(c, "calendar");
        check_calendar(c, node.calendar);
      });
      switch (node.type) {
        case NodeType::supplier: read_supplier(n, node); break;
        case NodeType::factory: read_factory(n, node); break;
        case NodeType::warehouse: read_inventory(r_.required(n, "inventory", what), node); break;
        case NodeType::fulfilment: read_fulfilment(n, node, what); break;
        case NodeType::service: read_service(n, node, what); break;
      }
      s_.nodes.push_back(std::move(node));
    }
  }

  void read_supplier(const YAML::Node& n, Node& node) {
    if (auto products = n["products"]; products.IsDefined()) {
      r_.expect_map(products, "`products` of supplier " + quoted(node.id));
      for (auto it = products.begin(); it != products.end(); ++it) {
        std::string product = r_.string(it->first, "product");
        check_product(it->first, product);
        std::string what = "terms for " + quoted(product) + " at supplier " + quoted(node.id);
        r_.check_keys(it->second, what, {"lead_time", "capacity", "min_order", "multiple"});
        SupplierTerms terms;
        terms.lead_time = r_.distribution(r_.required(it->second, "lead_time", what), "lead_time",
                                          Quantity::duration);
        with(it->second, "capacity",
             [&](auto c) { terms.capacity = positive_rate(c, "capacity"); });
        with(it->second, "min_order",
             [&](auto c) { terms.min_order = non_negative(c, "min_order"); });
        with(it->second, "multiple", [&](auto c) { terms.multiple = non_negative(c, "multiple"); });
        node.supplies[product] = terms;
      }
    }
    for (auto& d : optional_list(n, "disruptions")) {
      std::string what = "disruption of " + quoted(node.id);
      r_.check_keys(d, what, {"start", "rate", "duration"});
      Disruption disruption;
      bool has_start = d["start"].IsDefined(), has_rate = d["rate"].IsDefined();
      if (has_start == has_rate)
        r_.fail(d, what + " needs exactly one of `start` (scheduled) or `rate` (random)");
      if (has_start) disruption.start = r_.duration(d["start"], "start");
      if (has_rate) disruption.rate = positive_rate(d["rate"], "rate");
      disruption.duration =
          r_.distribution(r_.required(d, "duration", what), "duration", Quantity::duration);
      node.disruptions.push_back(disruption);
    }
  }

  void read_factory(const YAML::Node& n, Node& node) {
    with(n, "mode", [&](auto m) {
      std::string mode = r_.string(m, "mode");
      if (mode == "make_to_stock")
        node.mode = ProductionMode::make_to_stock;
      else if (mode == "make_to_order")
        node.mode = ProductionMode::make_to_order;
      else
        r_.fail(m, "unknown mode " + quoted(mode) +
                       suggest(mode, {"make_to_stock", "make_to_order"}) +
                       " valid: make_to_stock, make_to_order");
    });
    std::vector<YAML::Node> line_nodes;
    std::set<std::string> names;
    for (auto& l : optional_list(n, "lines")) {
      std::string what = "line of factory " + quoted(node.id);
      r_.check_keys(l, what, {"product", "rate", "time", "batch", "name", "cost_per_unit"});
      Line line;
      YAML::Node product = r_.required(l, "product", what);
      line.product = r_.string(product, "product");
      check_product(product, line.product);
      line.name = line.product;
      with(l, "name", [&](auto x) { line.name = r_.string(x, "name"); });
      if (!names.insert(line.name).second)
        r_.fail(l, "two lines of factory " + quoted(node.id) + " are named " + quoted(line.name) +
                       "; give them distinct `name`s");
      bool has_rate = l["rate"].IsDefined(), has_time = l["time"].IsDefined();
      if (has_rate == has_time)
        r_.fail(l, what + " needs exactly one of `rate` (e.g. 1200/d) or `time` (per unit)");
      if (has_rate) line.rate = positive_rate(l["rate"], "rate");
      if (has_time) line.time = r_.distribution(l["time"], "time", Quantity::duration);
      with(l, "batch", [&](auto b) {
        line.batch = r_.number(b, "batch");
        r_.check_min(b, line.batch, "batch", 1, false);
      });
      with(l, "cost_per_unit",
           [&](auto c) { line.cost_per_unit = non_negative(c, "cost_per_unit"); });
      node.lines.push_back(line);
      line_nodes.push_back(l);
    }
    if (auto inv = n["inventory"]; inv.IsDefined()) read_inventory(inv, node);
    // A line consumes its components from the factory's own stock, so each needs an entry.
    for (std::size_t i = 0; i < node.lines.size(); ++i) {
      const Product* p = s_.find_product(node.lines[i].product);
      for (auto& [component, units] : p->bom) {
        bool stocked =
            std::any_of(node.inventory.begin(), node.inventory.end(),
                        [&c = component](const StockItem& it) { return it.product == c; });
        if (!stocked)
          r_.fail(line_nodes[i], "line " + quoted(node.lines[i].name) + " of factory " +
                                     quoted(node.id) + " makes " + quoted(p->id) +
                                     ", which consumes " + quoted(component) + "; add " +
                                     quoted(component) + " under the factory's `inventory`");
      }
    }
  }

  void read_fulfilment(const YAML::Node& n, Node& node, const std::string& what) {
    read_inventory(r_.required(n, "inventory", what), node);
    std::set<std::string> names;
    for (auto& st : optional_list(n, "stations")) {
      std::string swhat = "station of " + quoted(node.id);
      r_.check_keys(st, swhat, {"name", "servers", "time", "calendar"});
      Station station;
      YAML::Node name = r_.required(st, "name", swhat);
      station.name = r_.string(name, "name");
      if (!names.insert(station.name).second)
        r_.fail(name, "duplicate station name " + quoted(station.name) + " in " + quoted(node.id));
      with(st, "servers", [&](auto s) { station.servers = servers(s, "servers"); });
      station.time = r_.distribution(r_.required(st, "time", "station " + quoted(station.name)),
                                     "time", Quantity::duration);
      with(st, "calendar", [&](auto c) {
        station.calendar = r_.string(c, "calendar");
        check_calendar(c, station.calendar);
      });
      node.stations.push_back(station);
    }
    with(n, "cutoff", [&](auto c) {
      ParseResult t = parse_clock(r_.string(c, "cutoff"));
      if (!t.value) r_.fail(c, "`cutoff`: " + t.error);
      node.cutoff = *t.value;
    });
  }

  void read_service(const YAML::Node& n, Node& node, const std::string& what) {
    node.agents = servers(r_.required(n, "agents", what), "agents");
    node.handle_time =
        r_.distribution(r_.required(n, "handle_time", what), "handle_time", Quantity::duration);
    with(n, "patience",
         [&](auto p) { node.patience = r_.distribution(p, "patience", Quantity::duration); });
    with(n, "arrivals", [&](auto a) {
      for (auto& entry : r_.one_or_many(a, "`arrivals`")) {
        r_.check_keys(entry, "arrivals of " + quoted(node.id), {"rate", "weekly"});
        ContactStream stream;
        stream.rate = positive_rate(r_.required(entry, "rate", "arrivals"), "rate");
        with(entry, "weekly", [&](auto w) { stream.weekly = r_.weekly(w, "weekly"); });
        node.arrivals.push_back(stream);
      }
    });
    with(n, "service_level", [&](auto sl) {
      r_.check_keys(sl, "service_level", {"within"});
      node.answer_within = positive_duration(r_.required(sl, "within", "service_level"), "within");
    });
  }

  void read_inventory(const YAML::Node& inv, Node& node) {
    r_.expect_map(inv, "`inventory` of " + quoted(node.id));
    for (auto it = inv.begin(); it != inv.end(); ++it) {
      StockItem item;
      item.product = r_.string(it->first, "product");
      check_product(it->first, item.product);
      std::string what = "inventory of " + quoted(item.product) + " at " + quoted(node.id);
      YAML::Node body = it->second;
      if (body.IsNull()) {  // "earbuds:" with nothing: no stock, no policy
        node.inventory.push_back(item);
        continue;
      }
      r_.check_keys(body, what, {"initial", "source", "sources", "policy"});
      with(body, "initial", [&](auto x) { item.initial = non_negative(x, "initial"); });
      std::vector<YAML::Node> source_nodes;
      if (body["source"].IsDefined() && body["sources"].IsDefined())
        r_.fail(body["sources"], what + " has both `source` and `sources`; use one");
      with(body, "source", [&](auto x) {
        item.sources.push_back({r_.string(x, "source"), 1.0, false});
        source_nodes.push_back(x);
      });
      with(body, "sources", [&](auto list) {
        r_.expect_list(list, "`sources`");
        for (auto e = list.begin(); e != list.end(); ++e) {
          r_.check_keys(*e, "source", {"from", "share", "backup"});
          SourceRef ref;
          YAML::Node from = r_.required(*e, "from", "source");
          ref.from = r_.string(from, "from");
          with(*e, "share", [&](auto x) { ref.share = positive(x, "share"); });
          with(*e, "backup", [&](auto x) { ref.backup = r_.boolean(x, "backup"); });
          item.sources.push_back(ref);
          source_nodes.push_back(from);
        }
      });
      for (std::size_t i = 0; i < item.sources.size(); ++i)
        check_source(source_nodes[i], item.sources[i].from, node.id, item.product);
      bool has_policy = with(body, "policy", [&](auto p) { item.policy = read_policy(p, what); });
      if (has_policy && item.policy.type != PolicyType::none && item.sources.empty()) {
        bool made_here = std::any_of(node.lines.begin(), node.lines.end(),
                                     [&](const Line& l) { return l.product == item.product; });
        if (!made_here)
          r_.fail(body["policy"], what +
                                      " has a replenishment policy but no `source` to order from; "
                                      "add `source: NODE` or use `policy: {type: none}`");
      }
      source_marks_[{node.id, item.product}] = source_nodes;
      item_marks_[{node.id, item.product}] = it->first;
      node.inventory.push_back(item);
    }
  }

  void check_source(const YAML::Node& at, const std::string& from, const std::string& to,
                    const std::string& product) const {
    NodeType type = check_node(at, from);
    if (from == to) r_.fail(at, "node " + quoted(to) + " cannot be its own source");
    if (type == NodeType::service)
      r_.fail(at, quoted(from) + " is a service node and holds no stock; it cannot be a source");
    if (type == NodeType::supplier) {
      YAML::Node products = node_entry(from)["products"];
      // IsDefined() first: Type() of a missing key of a const node throws YAML::InvalidNode.
      if (!products.IsDefined() || !products.IsMap() || !products[product].IsDefined())
        r_.fail(at, "supplier " + quoted(from) + " does not list " + quoted(product) +
                        " under its `products`; add terms (at least a lead_time) for it there");
    }
    if (!s_.find_lane(from, to))
      r_.fail(at, "no lane from " + quoted(from) + " to " + quoted(to) +
                      "; add one under lanes, e.g. {from: " + from + ", to: " + to +
                      ", lead_time: 2d}");
  }

  Policy read_policy(const YAML::Node& p, const std::string& owner) const {
    static const Keys types = {"sS", "RQ", "base_stock", "order_up_to", "anchor_adjust", "none"};
    Policy policy;
    r_.expect_map(p, "`policy`");
    YAML::Node type = r_.required(p, "type", "policy of " + owner);
    std::string t = r_.string(type, "type");
    std::string what = t + " policy of " + owner;
    if (t == "none") {
      r_.check_keys(p, what, {"type"});
      policy.type = PolicyType::none;
    } else if (t == "sS") {
      r_.check_keys(p, what, {"type", "s", "S"});
      policy.type = PolicyType::sS;
      policy.s = r_.number(r_.required(p, "s", what), "s");
      YAML::Node big = r_.required(p, "S", what);
      policy.S = r_.number(big, "S");
      if (policy.S <= policy.s) r_.fail(big, "`S` must be greater than `s` in " + what);
    } else if (t == "RQ") {
      r_.check_keys(p, what, {"type", "R", "Q"});
      policy.type = PolicyType::RQ;
      policy.R = r_.number(r_.required(p, "R", what), "R");
      policy.Q = positive(r_.required(p, "Q", what), "Q");
    } else if (t == "base_stock") {
      r_.check_keys(p, what, {"type", "level"});
      policy.type = PolicyType::base_stock;
      policy.level = non_negative(r_.required(p, "level", what), "level");
    } else if (t == "order_up_to") {
      r_.check_keys(p, what, {"type", "review", "forecast", "cover", "safety_factor"});
      policy.type = PolicyType::order_up_to;
      policy.review = positive_duration(r_.required(p, "review", what), "review");
      with(p, "forecast", [&](auto f) {
        YAML::Node ft = r_.required(f, "type", "forecast");
        std::string kind = r_.string(ft, "type");
        if (kind == "moving_average") {
          r_.check_keys(f, "moving_average forecast", {"type", "periods"});
          policy.forecast = ForecastType::moving_average;
          with(f, "periods", [&](auto x) {
            long v = r_.integer(x, "periods");
            r_.check_min(x, static_cast<double>(v), "periods", 1, false);
            policy.periods = static_cast<int>(v);
          });
        } else if (kind == "exp_smoothing") {
          r_.check_keys(f, "exp_smoothing forecast", {"type", "alpha"});
          policy.forecast = ForecastType::exp_smoothing;
          with(f, "alpha", [&](auto x) {
            policy.alpha = positive(x, "alpha");
            r_.check_max(x, policy.alpha, "alpha", 1, false);
          });
        } else {
          r_.fail(ft, "unknown forecast " + quoted(kind) +
                          suggest(kind, {"moving_average", "exp_smoothing"}) +
                          " valid: moving_average, exp_smoothing");
        }
      });
      with(p, "cover", [&](auto x) { policy.cover = positive(x, "cover"); });
      with(p, "safety_factor",
           [&](auto x) { policy.safety_factor = non_negative(x, "safety_factor"); });
    } else if (t == "anchor_adjust") {
      r_.check_keys(p, what,
                    {"type", "review", "target_stock", "target_supply_line", "alpha_s", "alpha_sl",
                     "theta", "initial_demand", "order_delay"});
      policy.type = PolicyType::anchor_adjust;
      policy.review = positive_duration(r_.required(p, "review", what), "review");
      policy.target_stock = r_.number(r_.required(p, "target_stock", what), "target_stock");
      with(p, "target_supply_line",
           [&](auto x) { policy.target_supply_line = non_negative(x, "target_supply_line"); });
      auto weight = [&](const YAML::Node& x, const char* key, double& out) {
        out = non_negative(x, key);
        r_.check_max(x, out, key, 1, false);
      };
      with(p, "alpha_s", [&](auto x) { weight(x, "alpha_s", policy.alpha_s); });
      with(p, "alpha_sl", [&](auto x) { weight(x, "alpha_sl", policy.alpha_sl); });
      with(p, "theta", [&](auto x) { weight(x, "theta", policy.theta); });
      with(p, "initial_demand",
           [&](auto x) { policy.initial_demand = non_negative(x, "initial_demand"); });
      with(p, "order_delay", [&](auto x) {
        policy.order_delay = r_.duration(x, "order_delay");
        double periods = policy.order_delay / policy.review;
        if (std::abs(periods - std::round(periods)) > 1e-9)
          r_.fail(x, "`order_delay` must be a whole number of review periods in " + what);
      });
    } else {
      r_.fail(type,
              "unknown policy type " + quoted(t) + suggest(t, types) + " valid: " + join(types));
    }
    return policy;
  }

  // ---- markets -----------------------------------------------------------------------
  void read_markets() {
    YAML::Node list = root_["markets"];
    for (auto it = list.begin(); it != list.end(); ++it) {
      YAML::Node m = *it;
      Market market;
      market.id = m["id"].Scalar();
      std::string what = "market " + quoted(market.id);
      r_.check_keys(m, what, kMarketKeys);
      YAML::Node served = r_.required(m, "served_by", what);
      market.served_by = r_.string(served, "served_by");
      NodeType type = check_node(served, market.served_by);
      if (type != NodeType::fulfilment && type != NodeType::warehouse && type != NodeType::factory)
        r_.fail(served, quoted(market.served_by) + " is a " + to_string(type) +
                            "; a market must be served by a fulfilment, warehouse or factory node");
      std::vector<YAML::Node> entries;
      for (auto& d : r_.one_or_many(r_.required(m, "demand", what), "`demand`")) {
        r_.check_keys(d, "demand of " + what, kDemandKeys);
        DemandStream stream;
        YAML::Node product = r_.required(d, "product", "demand of " + what);
        stream.product = r_.string(product, "product");
        check_product(product, stream.product);
        stream.rate = positive_rate(r_.required(d, "rate", "demand of " + what), "rate");
        with(d, "weekly", [&](auto w) { stream.weekly = r_.weekly(w, "weekly"); });
        for (auto& sw : optional_list(d, "seasonal")) {
          r_.check_keys(sw, "seasonal window", {"from", "to", "factor"});
          SeasonalWindow window;
          window.from = r_.duration(r_.required(sw, "from", "seasonal window"), "from");
          YAML::Node to = r_.required(sw, "to", "seasonal window");
          window.to = r_.duration(to, "to");
          if (window.to <= window.from)
            r_.fail(to, "seasonal window must end (`to`) after it starts (`from`)");
          window.factor = non_negative(r_.required(sw, "factor", "seasonal window"), "factor");
          stream.seasonal.push_back(window);
        }
        with(d, "size",
             [&](auto sz) { stream.size = r_.distribution(sz, "size", Quantity::plain); });
        market.demand.push_back(stream);
        entries.push_back(d);
      }
      demand_marks_[market.id] = entries;
      with(m, "delivery", [&](auto dl) {
        r_.check_keys(dl, "delivery of " + what, {"lead_time", "promise"});
        with(dl, "lead_time", [&](auto x) {
          market.delivery_lead_time = r_.distribution(x, "lead_time", Quantity::duration);
        });
        with(dl, "promise", [&](auto x) { market.promise = positive_duration(x, "promise"); });
      });
      with(m, "on_stockout", [&](auto x) {
        static const Keys kinds = {"backorder", "lost_sale", "backorder_with_patience"};
        std::string v = r_.string(x, "on_stockout");
        auto pos = std::find(kinds.begin(), kinds.end(), v);
        if (pos == kinds.end())
          r_.fail(
              x, "unknown on_stockout " + quoted(v) + suggest(v, kinds) + " valid: " + join(kinds));
        market.on_stockout = static_cast<StockoutBehaviour>(pos - kinds.begin());
      });
      bool has_patience = with(m, "patience", [&](auto x) {
        market.backorder_patience = r_.distribution(x, "patience", Quantity::duration);
      });
      if (market.on_stockout == StockoutBehaviour::backorder_with_patience && !has_patience)
        r_.fail(m["on_stockout"], what +
                                      " uses backorder_with_patience but gives no `patience` "
                                      "(how long a customer waits for a backorder)");
      if (market.on_stockout != StockoutBehaviour::backorder_with_patience && has_patience)
        r_.fail(m["patience"],
                "`patience` applies only with `on_stockout: backorder_with_patience`");
      with(m, "contacts", [&](auto c) {
        r_.check_keys(c, "contacts of " + what, {"per_order", "per_late_order", "to"});
        with(c, "per_order",
             [&](auto x) { market.contacts_per_order = non_negative(x, "per_order"); });
        with(c, "per_late_order",
             [&](auto x) { market.contacts_per_late_order = non_negative(x, "per_late_order"); });
        bool has_to = with(c, "to", [&](auto x) {
          market.contacts_to = r_.string(x, "to");
          check_service(x, market.contacts_to);
        });
        if (!has_to && (market.contacts_per_order > 0 || market.contacts_per_late_order > 0))
          r_.fail(c, "contacts of " + what + " need `to`: the service node that answers them");
      });
      s_.markets.push_back(std::move(market));
    }
  }

  // ---- campaigns ---------------------------------------------------------------------
  void read_campaigns() {
    for (auto& c : optional_list(root_, "campaigns")) {
      r_.check_keys(c, "campaign", kCampaignKeys);
      Campaign campaign;
      YAML::Node id = r_.required(c, "id", "campaign");
      campaign.id = r_.string(id, "id");
      if (!campaign_ids_.insert(campaign.id).second)
        r_.fail(id, "duplicate campaign id " + quoted(campaign.id));
      std::string what = "campaign " + quoted(campaign.id);
      bool one = c["product"].IsDefined(), many = c["products"].IsDefined();
      if (one == many) r_.fail(c, what + " needs exactly one of `product` or `products`");
      if (one) {
        campaign.products.push_back(r_.string(c["product"], "product"));
        check_product(c["product"], campaign.products.back());
      } else {
        YAML::Node list = c["products"];
        r_.expect_list(list, "`products`");
        for (auto p = list.begin(); p != list.end(); ++p) {
          campaign.products.push_back(r_.string(*p, "products"));
          check_product(*p, campaign.products.back());
        }
      }
      if (!with(c, "markets", [&](auto list) {
            r_.expect_list(list, "`markets`");
            for (auto m = list.begin(); m != list.end(); ++m) {
              campaign.markets.push_back(r_.string(*m, "markets"));
              check_market(*m, campaign.markets.back());
            }
          }))
        campaign.markets = market_list_;
      campaign.start = r_.duration(r_.required(c, "start", what), "start");
      campaign.duration = positive_duration(r_.required(c, "duration", what), "duration");
      with(c, "uplift", [&](auto u) {
        campaign.uplift = r_.distribution(u, "uplift", Quantity::plain);
        if (u.IsScalar()) r_.check_min(u, campaign.uplift.mean(), "uplift", 0, true);
      });
      with(c, "ramp_up", [&](auto x) { campaign.ramp_up = r_.duration(x, "ramp_up"); });
      with(c, "decay", [&](auto x) { campaign.decay = r_.duration(x, "decay"); });
      with(c, "discount", [&](auto x) {
        campaign.discount = non_negative(x, "discount");
        r_.check_max(x, campaign.discount, "discount", 1, true);
      });
      with(c, "pull_forward", [&](auto pf) {
        r_.check_keys(pf, "pull_forward", {"share", "over"});
        YAML::Node share = r_.required(pf, "share", "pull_forward");
        campaign.pull_forward.share = non_negative(share, "share");
        r_.check_max(share, campaign.pull_forward.share, "share", 1, false);
        campaign.pull_forward.over =
            positive_duration(r_.required(pf, "over", "pull_forward"), "over");
      });
      with(c, "contacts_per_order",
           [&](auto x) { campaign.contacts_per_order = non_negative(x, "contacts_per_order"); });
      with(c, "contacts_to", [&](auto x) {
        campaign.contacts_to = r_.string(x, "contacts_to");
        check_service(x, campaign.contacts_to);
      });
      s_.campaigns.push_back(std::move(campaign));
    }
  }

  // ---- targets -----------------------------------------------------------------------
  void read_targets() {
    YAML::Node t = root_["targets"];
    if (!t.IsDefined() || t.IsNull()) return;
    r_.check_keys(t, "`targets`", {"confidence", "require"});
    with(t, "confidence", [&](auto x) {
      s_.confidence = positive(x, "confidence");
      r_.check_max(x, s_.confidence, "confidence", 1, true);
    });
    Keys metrics(kTargetMetrics.begin(), kTargetMetrics.end());
    for (auto& req : optional_list(t, "require")) {
      r_.check_keys(req, "target", kTargetKeys);
      Target target;
      YAML::Node metric = r_.required(req, "metric", "target");
      target.metric = r_.string(metric, "metric");
      if (!contains(metrics, target.metric))
        r_.fail(metric, "unknown metric " + quoted(target.metric) +
                            suggest(target.metric, metrics) + " valid metrics: " + join(metrics));
      target.window = "run";
      with(req, "window", [&](auto w) {
        target.window = r_.string(w, "window");
        if (target.window != "run" && !campaign_ids_.count(target.window)) {
          Keys valid = {"run"};
          valid.insert(valid.end(), campaign_ids_.begin(), campaign_ids_.end());
          r_.fail(w, "unknown window " + quoted(target.window) + suggest(target.window, valid) +
                         " valid: `run` or a campaign id (" + join(valid) + ")");
        }
      });
      with(req, "node", [&](auto x) { check_node(x, target.node = r_.string(x, "node")); });
      with(req, "product",
           [&](auto x) { check_product(x, target.product = r_.string(x, "product")); });
      with(req, "market", [&](auto x) { check_market(x, target.market = r_.string(x, "market")); });
      with(req, "answer_within",
           [&](auto x) { target.answer_within = positive_duration(x, "answer_within"); });
      bool least = req["at_least"].IsDefined(), most = req["at_most"].IsDefined();
      if (least == most) r_.fail(req, "target needs exactly one of `at_least` or `at_most`");
      target.comparison = least ? Comparison::at_least : Comparison::at_most;
      target.value =
          r_.number(least ? req["at_least"] : req["at_most"], least ? "at_least" : "at_most");
      check_target_scope(req, metric, target);
      s_.targets.push_back(target);
    }
  }

  // A target's scope must name a KPI row the engine reports (docs/kpis.md, Scopes): contact
  // metrics belong to a service node, utilisation to a node, order metrics to products and
  // markets, costs to the whole network. Anything else could never be met.
  void check_target_scope(const YAML::Node& req, const YAML::Node& metric, const Target& t) {
    const std::string& m = t.metric;
    bool contact = m == "service_level" || m == "abandonment_rate" || m == "mean_wait";
    bool network = m == "total_cost";
    if (contact || m == "utilisation") {
      if (t.node.empty())
        r_.fail(metric,
                quoted(m) + " is measured per node: add `node:` (" +
                    (contact ? "a service node" : "the node whose busiest resource counts") + ")");
      const Node* n = s_.find_node(t.node);
      if (contact && n && n->type != NodeType::service)
        r_.fail(req["node"], quoted(m) + " needs a service node; " + quoted(t.node) + " is a " +
                                 to_string(n->type));
      if (!t.product.empty() || !t.market.empty())
        r_.fail(req[t.product.empty() ? "market" : "product"],
                quoted(m) + " is per node, not per product or market; remove this key");
    } else if (!t.node.empty()) {
      r_.fail(req["node"], quoted(m) +
                               " is not measured per node; scope it with `product:` or "
                               "`market:`" +
                               std::string(network ? " (or not at all)" : ""));
    }
    if (network && (!t.product.empty() || !t.market.empty()))
      r_.fail(req[t.product.empty() ? "market" : "product"],
              quoted(m) + " is for the whole network; remove this key");
    if (t.answer_within && m != "service_level")
      r_.fail(req["answer_within"], "`answer_within` applies only to `service_level`");
  }

  // ---- plans -------------------------------------------------------------------------
  void read_plans() {
    YAML::Node plans = root_["plans"];
    if (!plans.IsDefined() || plans.IsNull()) return;
    r_.expect_map(plans, "`plans`");
    for (auto it = plans.begin(); it != plans.end(); ++it) {
      Plan plan;
      plan.id = r_.string(it->first, "plan name");
      std::string what = "plan " + quoted(plan.id);
      r_.check_keys(it->second, what, {"set", "cost"});
      YAML::Node set = r_.required(it->second, "set", what);
      r_.expect_map(set, "`set` of " + what);
      for (auto kv = set.begin(); kv != set.end(); ++kv) {
        std::string path = r_.string(kv->first, "path");
        plan.set[path] = kv->second.IsScalar() ? kv->second.Scalar() : YAML::Dump(kv->second);
        plan_marks_[plan.id][path] = kv->first;
      }
      with(it->second, "cost", [&](auto x) { plan.cost = non_negative(x, "cost"); });
      s_.plans.push_back(std::move(plan));
    }
  }

  // ---- graph checks ------------------------------------------------------------------
  // The time series hold one sample per `sample_every` per stock point and per resource for the
  // whole horizon, in memory until the run ends: refuse a size that would exhaust it rather
  // than be killed for it (docs/reliability.md).
  void check_series_size() const {
    double series = 0;
    for (const auto& n : s_.nodes) {
      series += static_cast<double>(n.inventory.size() + n.lines.size() + n.stations.size());
      if (n.type == NodeType::service) series += 1;
    }
    double samples = (std::floor(s_.horizon / s_.sample_every) + 1) * series;
    if (samples <= kMaxSeriesSamples) return;
    YAML::Node at = root_["sample_every"].IsDefined() ? root_["sample_every"] : root_["horizon"];
    char size[96];  // printf, not <iomanip>: std::quoted would collide with quoted() by ADL
    std::snprintf(size, sizeof size, "%.0f million samples, about %.1f GB", samples / 1e6,
                  samples * kBytesPerSample / 1e9);
    r_.fail(at,
            "the time series would hold " + std::string(size) + " (" +
                std::to_string(static_cast<long long>(series)) +
                " series over the horizon); the limit is 50 million samples: raise `sample_every` "
                "or shorten `horizon` (docs/reliability.md)");
  }

  void check_network() {
    Network network(s_);
    for (auto& product : s_.products) {
      auto cycle = network.replenishment_cycle(product.id);
      if (!cycle) continue;
      // Point at the source entry that closes the cycle: cycle[1] sources from cycle[0].
      const YAML::Node* at = nullptr;
      auto marks = source_marks_.find({(*cycle)[1], product.id});
      const Node* n = s_.find_node((*cycle)[1]);
      if (marks != source_marks_.end() && n)
        for (auto& item : n->inventory)
          if (item.product == product.id)
            for (std::size_t i = 0; i < item.sources.size(); ++i)
              if (item.sources[i].from == (*cycle)[0]) at = &marks->second[i];
      std::string msg =
          "replenishment cycle for " + quoted(product.id) + ": " + join(*cycle, " -> ") +
          "; each node would wait on the other. Make one of them order from elsewhere";
      r_.fail(at ? *at : node_entry((*cycle)[1]), msg);
    }
    for (std::size_t m = 0; m < s_.markets.size(); ++m) {
      const Market& market = s_.markets[m];
      for (std::size_t d = 0; d < market.demand.size(); ++d) {
        const std::string& product = market.demand[d].product;
        if (network.can_supply(market.served_by, product)) continue;
        r_.fail(demand_marks_.at(market.id)[d],
                "market " + quoted(market.id) + " demands " + quoted(product) + " from " +
                    quoted(market.served_by) + ", but no stock of it can ever reach there: give " +
                    quoted(market.served_by) + " inventory of " + quoted(product) +
                    " with an initial quantity or a source that can supply it");
      }
    }
  }

  const YamlReader& r_;
  const YAML::Node root_;
  Scenario s_;
  std::set<std::string> product_ids_, market_ids_, campaign_ids_;
  Keys product_list_, node_list_, market_list_;
  std::map<std::string, NodeType> node_types_;
  std::map<std::string, YAML::Node> node_yaml_;
  std::map<std::string, YAML::Node> bom_marks_;
  std::map<std::pair<std::string, std::string>, std::vector<YAML::Node>> source_marks_;
  std::map<std::pair<std::string, std::string>, YAML::Node> item_marks_;
  std::map<std::string, std::vector<YAML::Node>> demand_marks_;
  std::map<std::string, std::map<std::string, YAML::Node>> plan_marks_;

 public:
  const std::map<std::string, std::map<std::string, YAML::Node>>& plan_marks() const {
    return plan_marks_;
  }
};

// yaml-cpp keeps the first of two equal keys in a map and drops the second silently; a strict
// format must not guess which one the user meant. Aliases share nodes, so each collection is
// visited once (by its position), which keeps an alias bomb from taking exponential time.
void check_duplicate_keys(const YAML::Node& node, const std::string& file,
                          std::set<std::pair<int, int>>& seen) {
  if (!node.IsMap() && !node.IsSequence()) return;
  if (!seen.insert({node.Mark().line, node.Mark().column}).second) return;
  if (node.IsSequence()) {
    for (const auto& item : node) check_duplicate_keys(item, file, seen);
    return;
  }
  std::map<std::string, YAML::Mark> keys;
  for (const auto& kv : node) {
    if (kv.first.IsScalar()) {
      auto [it, fresh] = keys.emplace(kv.first.Scalar(), kv.first.Mark());
      if (!fresh)
        throw ScenarioError(file, kv.first.Mark().line + 1, kv.first.Mark().column + 1,
                            "duplicate key " + quoted(kv.first.Scalar()) + " (first at line " +
                                std::to_string(it->second.line + 1) +
                                "); a key may appear only once in a map");
    }
    check_duplicate_keys(kv.second, file, seen);
  }
}

YAML::Node parse_yaml(const std::string& text, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw ScenarioError(file, e.mark.line + 1, e.mark.column + 1, "invalid YAML: " + e.msg);
  }
  std::set<std::pair<int, int>> seen;
  check_duplicate_keys(root, file, seen);
  return root;
}

// Parses the file and applies the overrides, registering each override's value with the
// reader so that errors inside it are reported as "--set PATH".
YAML::Node build_tree(const std::string& text, YamlReader& reader,
                      const std::vector<std::pair<std::string, std::string>>& sets) {
  YAML::Node root = parse_yaml(text, reader.file());
  for (auto& [path, value_text] : sets) {
    YAML::Node value;
    try {
      value = YAML::Load(value_text);
    } catch (const YAML::ParserException& e) {
      throw ScenarioError("--set " + path, 0, 0,
                          "invalid YAML value `" + value_text + "`: " + e.msg);
    }
    if (!root.IsMap())
      throw ScenarioError(reader.file(), 1, 1, "the scenario must be a map of keys");
    try {
      set_path(root, path, value);
    } catch (const PathError& e) {
      throw ScenarioError("--set " + path, 0, 0, e.what());
    }
    reader.add_override(value, path);
  }
  return root;
}

std::vector<std::pair<std::string, std::string>> split_sets(const std::vector<std::string>& sets) {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& s : sets) {
    try {
      out.push_back(split_assignment(s));
    } catch (const PathError& e) {
      throw ScenarioError("--set " + s, 0, 0, e.what());
    }
  }
  return out;
}

Scenario load(const std::string& text, const std::string& file,
              const std::vector<std::pair<std::string, std::string>>& sets) {
  YamlReader reader(file);
  YAML::Node root = build_tree(text, reader, sets);
  Builder builder(reader, root);
  Scenario scenario = builder.build();
  scenario.source_path = file;
  if (sets.empty()) {
    scenario.source_text = text;
  } else {
    YAML::Emitter out;
    out << root;
    scenario.source_text = std::string(out.c_str()) + "\n";
  }
  // Each plan must apply cleanly: its values are checked where they are written (in the
  // plan), by re-reading the file and moving them into place.
  for (auto& [plan_id, paths] : builder.plan_marks()) {
    YamlReader plan_reader(file);
    YAML::Node tree = build_tree(text, plan_reader, sets);
    for (auto& [path, key] : paths) {
      YAML::Node written = tree["plans"][plan_id]["set"][path];
      // A string value is YAML text, as in --set and Plan::set ("{type: sS, s: 1, S: 5}"),
      // so the check here agrees with apply_overrides(base, plan.set) later.
      // reset(), not operator=: assigning a yaml-cpp Node writes through to the node it refers to.
      YAML::Node value;
      value.reset(written);
      if (written.IsScalar()) {
        try {
          value.reset(YAML::Load(written.Scalar()));
        } catch (const YAML::ParserException& e) {
          reader.fail(written, "plan " + quoted(plan_id) + ": value of `" + path +
                                   "` is not valid YAML: " + e.msg);
        }
        if (value.IsScalar())
          value.reset(written);  // keep the file position of plain values
        else
          plan_reader.add_anchored_override(value, written);
      }
      try {
        set_path(tree, path, value);
      } catch (const PathError& e) {
        reader.fail(key, "plan " + quoted(plan_id) + ": cannot apply `" + path + "`: " + e.what());
      }
    }
    try {
      Builder(plan_reader, tree).build();
    } catch (const ScenarioError& e) {
      // An error inside the plan's own value already points at it; say which plan caused it.
      throw ScenarioError(e.file(), e.line(), e.column(),
                          e.message() + " (with plan " + quoted(plan_id) + " applied)");
    }
  }
  return scenario;
}

}  // namespace

Scenario load_scenario_text(const std::string& yaml_text, const std::string& file_name,
                            const std::vector<std::string>& sets) {
  return load(yaml_text, file_name, split_sets(sets));
}

Scenario load_scenario_file(const std::string& path, const std::vector<std::string>& sets) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(path, 0, 0, "cannot open the scenario file");
  std::ostringstream text;
  text << in.rdbuf();
  return load_scenario_text(text.str(), path, sets);
}

Scenario apply_overrides(const Scenario& base, const std::map<std::string, std::string>& sets) {
  std::vector<std::pair<std::string, std::string>> pairs(sets.begin(), sets.end());
  return load(base.source_text, base.source_path, pairs);
}

}  // namespace surge
