#pragma once
// The network as a graph: nodes are vertices, lanes are edges (Boost.Graph adjacency_list).
// It answers the structural questions validation and routing need: is there a lane, which
// sources feed a node, does replenishment of a product run in a circle, can a node ever get a
// product. It reports facts; the loader turns them into located errors.
#include <boost/graph/adjacency_list.hpp>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "surge/model/scenario.hpp"

namespace surge {

class Network {
 public:
  struct VertexData {
    std::string id;
    NodeType type = NodeType::warehouse;
  };
  struct EdgeData {
    std::size_t lane = 0;  // index into Scenario::lanes
  };
  using Graph =
      boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, VertexData, EdgeData>;
  using Vertex = Graph::vertex_descriptor;

  // Node ids must be unique; sources and lanes naming unknown nodes are ignored here (the
  // loader reports them before building the network). The network indexes the scenario's
  // stock items and lines as they are now: change the scenario, build a new network.
  explicit Network(const Scenario& scenario);

  const Graph& graph() const { return graph_; }
  std::optional<Vertex> vertex(const std::string& node) const;
  bool has_lane(const std::string& from, const std::string& to) const;
  // The lane from -> to, or nullptr.
  const Lane* lane(const std::string& from, const std::string& to) const;

  // Nodes `node` replenishes `product` from (its inventory sources), in file order.
  std::vector<std::string> sources_of(const std::string& node, const std::string& product) const;
  // A cycle in the "is replenished from" relation for `product`, as node ids in flow order
  // with the first repeated at the end (e.g. dc -> fc -> dc), or nullopt.
  std::optional<std::vector<std::string>> replenishment_cycle(const std::string& product) const;
  // Whether `node` can ever hold `product`: it starts with some, makes it on a line, supplies
  // it (supplier), or one of its sources can (transitively).
  bool can_supply(const std::string& node, const std::string& product) const;
  // Lane path from -> to with the fewest lanes (node ids, both ends included), empty if none.
  std::vector<std::string> route(const std::string& from, const std::string& to) const;
  // The node with this id (the first of it, as Scenario::find_node), or nullptr.
  const Node* node(const std::string& id) const;
  // The stock item of `product` at `node` (the first, in its inventory's order), or nullptr.
  const StockItem* stock_item(const std::string& node, const std::string& product) const;

 private:
  // A stock item of one product: the vertex whose node holds it, and where it is in the
  // scenario (nodes[node].inventory[item]).
  struct Holding {
    Vertex vertex;
    std::size_t node, item;
  };
  // The stock items of `product` at `v` (none when `product` is held nowhere).
  std::pair<const Holding*, const Holding*> holdings(const std::vector<Holding>* held,
                                                     Vertex v) const;
  const std::vector<Holding>* holders(const std::string& product) const;
  bool can_supply_impl(Vertex v, const std::string& product, const std::vector<Holding>* held,
                       std::unordered_set<Vertex>& visiting) const;

  const Scenario* scenario_;
  Graph graph_;
  std::map<std::string, Vertex> vertex_of_;
  // Index (in scenario.nodes) of the node each vertex stands for (the first with its id).
  std::vector<std::size_t> node_of_;
  // Per product, its stock items in vertex order, and the vertices with a line making it
  // (sorted): each question about one product looks only at those, never at every node's
  // whole inventory, so checking every product of a large network stays linear in its size.
  std::unordered_map<std::string, std::vector<Holding>> holdings_;
  std::unordered_map<std::string, std::vector<Vertex>> makers_;
};

}  // namespace surge
