#include "surge/model/network.hpp"

#include <algorithm>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/depth_first_search.hpp>

namespace surge {
namespace {

// The "is replenished from" graph of one product: edge source -> node.
using FlowGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

struct CycleFound {
  std::vector<std::size_t> cycle;
};

// Records the DFS tree and stops at the first back edge, which closes a cycle.
class CycleVisitor : public boost::default_dfs_visitor {
 public:
  explicit CycleVisitor(std::vector<std::size_t>& parent) : parent_(&parent) {}
  void tree_edge(FlowGraph::edge_descriptor e, const FlowGraph& g) {
    (*parent_)[boost::target(e, g)] = boost::source(e, g);
  }
  void back_edge(FlowGraph::edge_descriptor e, const FlowGraph& g) {
    std::size_t from = boost::source(e, g), to = boost::target(e, g);
    CycleFound found;
    for (std::size_t v = from; v != to; v = (*parent_)[v]) found.cycle.push_back(v);
    found.cycle.push_back(to);
    std::reverse(found.cycle.begin(), found.cycle.end());
    found.cycle.push_back(to);
    throw found;
  }

 private:
  std::vector<std::size_t>* parent_;
};

}  // namespace

Network::Network(const Scenario& scenario) : scenario_(&scenario) {
  for (std::size_t i = 0; i < scenario.nodes.size(); ++i) {
    const Node& node = scenario.nodes[i];
    if (vertex_of_.count(node.id)) continue;
    vertex_of_[node.id] = boost::add_vertex(VertexData{node.id, node.type}, graph_);
    node_of_.push_back(i);
  }
  for (std::size_t i = 0; i < scenario.lanes.size(); ++i) {
    auto from = vertex(scenario.lanes[i].from), to = vertex(scenario.lanes[i].to);
    if (from && to) boost::add_edge(*from, *to, EdgeData{i}, graph_);
  }
  // Vertices in order, so each product's holdings come grouped and sorted by vertex.
  for (Vertex v = 0; v < node_of_.size(); ++v) {
    const Node& node = scenario.nodes[node_of_[v]];
    for (std::size_t i = 0; i < node.inventory.size(); ++i)
      holdings_[node.inventory[i].product].push_back({v, node_of_[v], i});
    for (const Line& line : node.lines) {
      std::vector<Vertex>& makers = makers_[line.product];
      if (makers.empty() || makers.back() != v) makers.push_back(v);
    }
  }
}

std::optional<Network::Vertex> Network::vertex(const std::string& node) const {
  auto it = vertex_of_.find(node);
  if (it == vertex_of_.end()) return std::nullopt;
  return it->second;
}

const Lane* Network::lane(const std::string& from, const std::string& to) const {
  auto u = vertex(from), v = vertex(to);
  if (!u || !v) return nullptr;
  auto [e, found] = boost::edge(*u, *v, graph_);
  if (!found) return nullptr;
  return &scenario_->lanes[graph_[e].lane];
}

bool Network::has_lane(const std::string& from, const std::string& to) const {
  return lane(from, to) != nullptr;
}

const std::vector<Network::Holding>* Network::holders(const std::string& product) const {
  auto it = holdings_.find(product);
  return it == holdings_.end() ? nullptr : &it->second;
}

std::pair<const Network::Holding*, const Network::Holding*> Network::holdings(
    const std::vector<Holding>* held, Vertex v) const {
  if (!held || held->empty()) return {nullptr, nullptr};
  auto [first, last] =
      std::equal_range(held->begin(), held->end(), Holding{v, 0, 0},
                       [](const Holding& a, const Holding& b) { return a.vertex < b.vertex; });
  return {held->data() + (first - held->begin()), held->data() + (last - held->begin())};
}

const Node* Network::node(const std::string& id) const {
  auto v = vertex(id);
  return v ? &scenario_->nodes[node_of_[*v]] : nullptr;
}

const StockItem* Network::stock_item(const std::string& node, const std::string& product) const {
  auto v = vertex(node);
  if (!v) return nullptr;
  auto [first, last] = holdings(holders(product), *v);
  return first == last ? nullptr : &scenario_->nodes[first->node].inventory[first->item];
}

std::vector<std::string> Network::sources_of(const std::string& node,
                                             const std::string& product) const {
  std::vector<std::string> out;
  auto v = vertex(node);
  if (!v) return out;
  auto [first, last] = holdings(holders(product), *v);
  for (const Holding* h = first; h != last; ++h)
    for (auto& s : scenario_->nodes[h->node].inventory[h->item].sources) out.push_back(s.from);
  return out;
}

std::optional<std::vector<std::string>> Network::replenishment_cycle(
    const std::string& product) const {
  const std::vector<Holding>* held = holders(product);
  if (!held) return std::nullopt;  // no stock item of it: no edge, no cycle
  // The edges source -> node, node by node in file order and each node's sources in order
  // (a node listed twice adds the same edges again, which finds no other cycle): this order
  // fixes which cycle the search meets first.
  std::vector<std::pair<Vertex, Vertex>> edges;
  for (const Holding& h : *held)
    for (auto& source : scenario_->nodes[h.node].inventory[h.item].sources)
      if (auto from = vertex(source.from)) edges.emplace_back(*from, h.vertex);
  if (edges.empty()) return std::nullopt;
  // The search runs over the nodes these edges touch, in vertex order: a node without an edge
  // of this product starts and ends a search of its own and changes nothing, so leaving it out
  // finds the same cycle in time proportional to the product's sources, not to the network.
  std::vector<Vertex> touched;
  for (auto [from, to] : edges) touched.insert(touched.end(), {from, to});
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  auto compact = [&](Vertex v) {
    return static_cast<std::size_t>(std::lower_bound(touched.begin(), touched.end(), v) -
                                    touched.begin());
  };
  std::size_t n = touched.size();
  FlowGraph flow(n);
  for (auto [from, to] : edges) boost::add_edge(compact(from), compact(to), flow);
  std::vector<std::size_t> parent(n, n);
  std::vector<boost::default_color_type> colors(n);
  try {
    boost::depth_first_search(
        flow, CycleVisitor(parent),
        boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, flow)));
  } catch (const CycleFound& found) {
    std::vector<std::string> ids;
    for (auto v : found.cycle) ids.push_back(graph_[touched[v]].id);
    return ids;
  }
  return std::nullopt;
}

bool Network::can_supply(const std::string& node, const std::string& product) const {
  auto v = vertex(node);
  if (!v) return false;
  std::unordered_set<Vertex> visiting;
  return can_supply_impl(*v, product, holders(product), visiting);
}

bool Network::can_supply_impl(Vertex v, const std::string& product,
                              const std::vector<Holding>* held,
                              std::unordered_set<Vertex>& visiting) const {
  if (!visiting.insert(v).second) return false;  // a cycle adds nothing new
  const Node& n = scenario_->nodes[node_of_[v]];
  if (n.type == NodeType::supplier) return n.supplies.count(product) > 0;
  if (auto makers = makers_.find(product); makers != makers_.end())
    if (std::binary_search(makers->second.begin(), makers->second.end(), v)) return true;
  auto [first, last] = holdings(held, v);
  for (const Holding* h = first; h != last; ++h) {
    const StockItem& item = n.inventory[h->item];
    if (item.initial > 0) return true;
    for (auto& source : item.sources)
      if (auto from = vertex(source.from))
        if (can_supply_impl(*from, product, held, visiting)) return true;
  }
  return false;
}

std::vector<std::string> Network::route(const std::string& from, const std::string& to) const {
  auto s = vertex(from), t = vertex(to);
  if (!s || !t) return {};
  std::size_t n = boost::num_vertices(graph_);
  std::vector<Vertex> pred(n);
  for (std::size_t i = 0; i < n; ++i) pred[i] = i;
  boost::breadth_first_search(
      graph_, *s,
      boost::visitor(boost::make_bfs_visitor(boost::record_predecessors(
          boost::make_iterator_property_map(pred.begin(), boost::get(boost::vertex_index, graph_)),
          boost::on_tree_edge()))));
  if (*s != *t && pred[*t] == *t) return {};
  std::vector<std::string> path;
  for (Vertex v = *t; v != *s; v = pred[v]) path.push_back(graph_[v].id);
  path.push_back(graph_[*s].id);
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace surge
