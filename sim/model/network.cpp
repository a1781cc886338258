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
  for (auto& node : scenario.nodes) {
    if (vertex_of_.count(node.id)) continue;
    Vertex v = boost::add_vertex(VertexData{node.id, node.type}, graph_);
    vertex_of_[node.id] = v;
  }
  for (std::size_t i = 0; i < scenario.lanes.size(); ++i) {
    auto from = vertex(scenario.lanes[i].from), to = vertex(scenario.lanes[i].to);
    if (from && to) boost::add_edge(*from, *to, EdgeData{i}, graph_);
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

std::vector<std::string> Network::sources_of(const std::string& node,
                                             const std::string& product) const {
  std::vector<std::string> out;
  const Node* n = scenario_->find_node(node);
  if (!n) return out;
  for (auto& item : n->inventory)
    if (item.product == product)
      for (auto& s : item.sources) out.push_back(s.from);
  return out;
}

std::optional<std::vector<std::string>> Network::replenishment_cycle(
    const std::string& product) const {
  std::size_t n = boost::num_vertices(graph_);
  FlowGraph flow(n);
  for (auto& node : scenario_->nodes) {
    auto to = vertex(node.id);
    if (!to) continue;
    for (auto& source : sources_of(node.id, product))
      if (auto from = vertex(source)) boost::add_edge(*from, *to, flow);
  }
  std::vector<std::size_t> parent(n, n);
  std::vector<boost::default_color_type> colors(n);
  try {
    boost::depth_first_search(
        flow, CycleVisitor(parent),
        boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, flow)));
  } catch (const CycleFound& found) {
    std::vector<std::string> ids;
    for (auto v : found.cycle) ids.push_back(graph_[v].id);
    return ids;
  }
  return std::nullopt;
}

bool Network::can_supply(const std::string& node, const std::string& product) const {
  std::map<std::string, bool> visiting;
  return can_supply_impl(node, product, visiting);
}

bool Network::can_supply_impl(const std::string& node, const std::string& product,
                              std::map<std::string, bool>& visiting) const {
  if (visiting.count(node)) return false;  // a cycle adds nothing new
  visiting[node] = true;
  const Node* n = scenario_->find_node(node);
  if (!n) return false;
  if (n->type == NodeType::supplier) return n->supplies.count(product) > 0;
  for (auto& line : n->lines)
    if (line.product == product) return true;
  for (auto& item : n->inventory) {
    if (item.product != product) continue;
    if (item.initial > 0) return true;
    for (auto& source : item.sources)
      if (can_supply_impl(source.from, product, visiting)) return true;
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
