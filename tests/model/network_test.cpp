// The network graph: lanes, sources, replenishment cycles and reachability of stock.
#include "surge/model/network.hpp"

#include <catch2/catch.hpp>

#include "surge/model/stock_item_index.hpp"

namespace surge {
namespace {

Node stock_node(const std::string& id, NodeType type, const std::string& product, double initial,
                std::vector<std::string> sources) {
  Node n;
  n.id = id;
  n.type = type;
  StockItem item;
  item.product = product;
  item.initial = initial;
  for (auto& s : sources) item.sources.push_back({s, 1.0, false});
  n.inventory.push_back(item);
  return n;
}

Lane lane(const std::string& from, const std::string& to) {
  Lane l;
  l.from = from;
  l.to = to;
  return l;
}

// supplier -> plant (factory with a line) -> dc -> fc; an empty orphan warehouse.
Scenario chain() {
  Scenario s;
  s.products.push_back({"w"});
  Node sup;
  sup.id = "sup";
  sup.type = NodeType::supplier;
  sup.supplies["part"] = SupplierTerms{};
  Node plant;
  plant.id = "plant";
  plant.type = NodeType::factory;
  Line line;
  line.product = "w";
  line.name = "w";
  plant.lines.push_back(line);
  s.nodes = {sup, plant, stock_node("dc", NodeType::warehouse, "w", 0, {"plant"}),
             stock_node("fc", NodeType::fulfilment, "w", 0, {"dc"}),
             stock_node("orphan", NodeType::warehouse, "w", 0, {})};
  s.lanes = {lane("sup", "plant"), lane("plant", "dc"), lane("dc", "fc")};
  return s;
}

TEST_CASE("the stock item index finds a node's item of a product by their numbers", "[network]") {
  Scenario s = chain();
  s.products.push_back({"v"});
  // A second item of `w` at the fc: the first listed is the one found, as Network finds it.
  StockItem second;
  second.product = "w";
  second.initial = 7;
  s.nodes[3].inventory.push_back(second);
  // An item of a product the scenario does not declare is indexed under no number.
  StockItem stray;
  stray.product = "nothing";
  s.nodes[4].inventory.push_back(stray);
  const StockItemIndex items(s);
  REQUIRE(items.find(2, 0));  // dc, w
  CHECK(items.find(2, 0) == &s.nodes[2].inventory[0]);
  CHECK(items.find(2, 0)->sources.front().from == "plant");
  CHECK(items.find(3, 0) == &s.nodes[3].inventory[0]);  // fc: the first of its two items of w
  CHECK(items.find(3, 0) == Network(s).stock_item("fc", "w"));
  CHECK(items.find(2, 1) == nullptr);  // dc holds no v
  CHECK(items.find(0, 0) == nullptr);  // the supplier holds no stock
  CHECK(items.find(1, 0) == nullptr);  // the plant has a line of w, not a stock item
  CHECK(items.find(99, 0) == nullptr);
}

TEST_CASE("lanes become edges of the network graph", "[network]") {
  Scenario s = chain();
  Network net(s);
  CHECK(boost::num_vertices(net.graph()) == 5);
  CHECK(boost::num_edges(net.graph()) == 3);
  CHECK(net.has_lane("plant", "dc"));
  CHECK_FALSE(net.has_lane("dc", "plant"));
  REQUIRE(net.lane("dc", "fc"));
  CHECK(net.lane("dc", "fc")->to == "fc");
  CHECK_FALSE(net.vertex("nowhere").has_value());
}

TEST_CASE("a node and its stock item of a product are found by id", "[network]") {
  Scenario s = chain();
  // A second stock item of w at dc, and another product before it: the first of w is found.
  StockItem other;
  other.product = "v";
  s.nodes[2].inventory.insert(s.nodes[2].inventory.begin(), other);
  StockItem second;
  second.product = "w";
  second.initial = 7;
  s.nodes[2].inventory.push_back(second);
  Network net(s);
  REQUIRE(net.node("dc"));
  CHECK(net.node("dc") == &s.nodes[2]);
  CHECK(net.node("nowhere") == nullptr);
  CHECK(net.stock_item("dc", "w") == &s.nodes[2].inventory[1]);
  CHECK(net.stock_item("dc", "v") == &s.nodes[2].inventory[0]);
  CHECK(net.stock_item("fc", "w") == &s.nodes[3].inventory[0]);
  CHECK(net.stock_item("plant", "w") == nullptr);  // it makes w, it holds none
  CHECK(net.stock_item("dc", "part") == nullptr);
  CHECK(net.stock_item("nowhere", "w") == nullptr);
}

TEST_CASE("route follows lanes with the fewest hops", "[network]") {
  Scenario s = chain();
  Network net(s);
  CHECK(net.route("sup", "fc") == std::vector<std::string>{"sup", "plant", "dc", "fc"});
  CHECK(net.route("fc", "sup").empty());
  CHECK(net.route("dc", "dc") == std::vector<std::string>{"dc"});
}

TEST_CASE("a node can supply a product its upstream makes", "[network]") {
  Scenario s = chain();
  Network net(s);
  CHECK(net.can_supply("plant", "w"));
  CHECK(net.can_supply("fc", "w"));  // fc <- dc <- plant's line
  CHECK_FALSE(net.can_supply("orphan", "w"));
  CHECK(net.can_supply("sup", "part"));
  CHECK_FALSE(net.can_supply("sup", "w"));
  CHECK(net.sources_of("fc", "w") == std::vector<std::string>{"dc"});
}

TEST_CASE("initial stock alone makes a node able to supply", "[network]") {
  Scenario s;
  s.nodes = {stock_node("dc", NodeType::warehouse, "w", 10, {})};
  Network net(s);
  CHECK(net.can_supply("dc", "w"));
}

TEST_CASE("no replenishment cycle in a chain", "[network]") {
  Scenario s = chain();
  Network net(s);
  CHECK_FALSE(net.replenishment_cycle("w").has_value());
}

TEST_CASE("a replenishment cycle is found and named in flow order", "[network]") {
  Scenario s;
  s.nodes = {stock_node("a", NodeType::warehouse, "w", 0, {"c"}),
             stock_node("b", NodeType::warehouse, "w", 0, {"a"}),
             stock_node("c", NodeType::warehouse, "w", 0, {"b"})};
  Network net(s);
  auto cycle = net.replenishment_cycle("w");
  REQUIRE(cycle.has_value());
  REQUIRE(cycle->size() == 4);
  CHECK(cycle->front() == cycle->back());
  // Each consecutive pair is a source relation: (*cycle)[i+1] sources from (*cycle)[i].
  for (std::size_t i = 0; i + 1 < cycle->size(); ++i)
    CHECK(net.sources_of((*cycle)[i + 1], "w") == std::vector<std::string>{(*cycle)[i]});
  CHECK_FALSE(net.replenishment_cycle("other").has_value());
  // Nodes in a cycle with no stock anywhere can never supply.
  CHECK_FALSE(net.can_supply("a", "w"));
}

TEST_CASE("questions about one product look at that product's stock items alone", "[network]") {
  // Two products through the same nodes: `w` circles a -> b -> c -> a, `v` has stock at b and
  // reaches a from there; the index by product must not mix their sources.
  Scenario s;
  s.nodes = {stock_node("a", NodeType::warehouse, "w", 0, {"c"}),
             stock_node("b", NodeType::warehouse, "w", 0, {"a"}),
             stock_node("c", NodeType::warehouse, "w", 0, {"b"})};
  StockItem v_at_a{"v", 0, {{"b", 1.0, false}}, {}};
  StockItem v_at_b{"v", 5, {}, {}};
  s.nodes[0].inventory.insert(s.nodes[0].inventory.begin(), v_at_a);
  s.nodes[1].inventory.push_back(v_at_b);
  Network net(s);
  REQUIRE(net.replenishment_cycle("w").has_value());
  CHECK_FALSE(net.replenishment_cycle("v").has_value());
  CHECK(net.sources_of("a", "v") == std::vector<std::string>{"b"});
  CHECK(net.sources_of("a", "w") == std::vector<std::string>{"c"});
  CHECK(net.sources_of("c", "v").empty());
  CHECK(net.sources_of("nowhere", "v").empty());
  CHECK(net.can_supply("a", "v"));
  CHECK(net.can_supply("b", "v"));
  CHECK_FALSE(net.can_supply("c", "v"));  // c holds no `v`
  CHECK_FALSE(net.can_supply("a", "w"));
  CHECK_FALSE(net.can_supply("nowhere", "v"));
}

TEST_CASE("a replenishment cycle is found whatever the file order of its nodes", "[network]") {
  // The cycle closes through nodes listed before and after the one it is entered from, and a
  // second product without one sits between: the same cycle as a search of all sources finds.
  Scenario s;
  s.nodes = {stock_node("x", NodeType::warehouse, "other", 3, {}),
             stock_node("c", NodeType::warehouse, "w", 0, {"b"}),
             stock_node("a", NodeType::warehouse, "w", 0, {"c"}),
             stock_node("b", NodeType::warehouse, "w", 0, {"a"})};
  Network net(s);
  auto cycle = net.replenishment_cycle("w");
  REQUIRE(cycle.has_value());
  CHECK(*cycle == std::vector<std::string>{"c", "a", "b", "c"});
  CHECK_FALSE(net.replenishment_cycle("other").has_value());
}

}  // namespace
}  // namespace surge
