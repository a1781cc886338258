#include "surge/metrics/binding_census.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>
#include <unordered_map>

#include "surge/kernel/error.hpp"
#include "surge/metrics/kpi_metrics.hpp"
#include "surge/model/stock_item_index.hpp"

namespace surge {

const char* to_string(ConstraintKind kind) {
  switch (kind) {
    case ConstraintKind::stock: return "stock";
    case ConstraintKind::station: return "station";
    case ConstraintKind::agents: return "agents";
    case ConstraintKind::line: return "line";
    case ConstraintKind::lane: return "lane";
    case ConstraintKind::supplier: return "supplier";
  }
  return "?";
}

std::string binding_phrase(ConstraintKind kind, bool down) {
  switch (kind) {
    case ConstraintKind::stock: return "out of stock";
    case ConstraintKind::station: return "station at capacity";
    case ConstraintKind::agents: return "all busy";
    case ConstraintKind::line: return "line at capacity";
    case ConstraintKind::lane: return "lane at capacity";
    case ConstraintKind::supplier: return down ? "supplier down" : "supplier at capacity";
  }
  return "?";
}

BindingCensus::BindingCensus(const Scenario& scenario, std::vector<Window> windows)
    : scenario_(scenario), windows_(std::move(windows)) {}

int BindingCensus::add(std::string name, ConstraintKind kind, std::uint32_t node,
                       std::uint32_t other) {
  const std::size_t n = windows_.size();
  Constraint c{std::move(name),
               kind,
               node,
               other,
               false,
               false,
               0,
               0,
               0,
               0,
               false,
               std::vector<double>(n, 0.0),
               std::vector<double>(n, -1.0),
               std::vector<double>(n, 0.0),
               std::vector<double>(n, 0.0),
               {}};
  constraints_.push_back(std::move(c));
  const int index = static_cast<int>(constraints_.size() - 1);
  by_key_.emplace(std::make_tuple(kind, node, other), index);
  return index;
}

int BindingCensus::find(ConstraintKind kind, std::uint32_t node, std::uint32_t other) const {
  auto it = by_key_.find(std::make_tuple(kind, node, other));
  return it == by_key_.end() ? -1 : it->second;
}

int BindingCensus::add_stock_point(std::uint32_t node, std::uint32_t product, double on_hand) {
  int c = add(scenario_.nodes[node].id + "/" + scenario_.products[product].id,
              ConstraintKind::stock, node, product);
  constraints_[static_cast<std::size_t>(c)].on_hand = on_hand;
  stock_.push_back(c);
  return static_cast<int>(stock_.size() - 1);
}

int BindingCensus::add_resource(std::uint32_t node, const std::string& name, ResourceKind kind,
                                double) {
  // A line binds by its backlog, which it publishes as a limit (add_limit).
  int c = -1;
  if (kind == ResourceKind::station)
    c = add(scenario_.nodes[node].id + "/" + name, ConstraintKind::station, node,
            static_cast<std::uint32_t>(constraints_.size()));
  else if (kind == ResourceKind::agents)
    c = add(scenario_.nodes[node].id + "/agents", ConstraintKind::agents, node, 0);
  resource_.push_back(c);
  return static_cast<int>(resource_.size() - 1);
}

int BindingCensus::add_limit(LimitKind kind, std::uint32_t node, std::uint32_t other) {
  const std::string& id = scenario_.nodes[node].id;
  int c = -1;
  switch (kind) {
    case LimitKind::line: {
      std::string name = scenario_.products[other].id;
      for (const Line& line : scenario_.nodes[node].lines)
        if (line.product == scenario_.products[other].id) name = line.name;
      c = add(id + "/" + name, ConstraintKind::line, node, other);
      break;
    }
    case LimitKind::lane:
      c = add(id + "->" + scenario_.nodes[other].id, ConstraintKind::lane, node, other);
      break;
    case LimitKind::supplier:
      c = add(id + "/" + scenario_.products[other].id, ConstraintKind::supplier, node, other);
      break;
  }
  limit_.push_back(c);
  return static_cast<int>(limit_.size() - 1);
}

void BindingCensus::link() {
  const Scenario& s = scenario_;
  // Ids to indices by hash: a large network links hundreds of thousands of stock points, and
  // a search of the nodes, the products or a node's inventory per stock point was quadratic.
  std::unordered_map<std::string_view, std::uint32_t> nodes, products;
  for (std::uint32_t n = 0; n < s.nodes.size(); ++n) nodes.emplace(s.nodes[n].id, n);
  for (std::uint32_t p = 0; p < s.products.size(); ++p) products.emplace(s.products[p].id, p);
  auto node_index = [&](const std::string& id) -> std::uint32_t {
    auto it = nodes.find(id);
    return it == nodes.end() ? kNone : it->second;
  };
  auto product_index = [&](const std::string& id) -> std::uint32_t {
    auto it = products.find(id);
    return it == products.end() ? kNone : it->second;
  };
  const StockItemIndex items(s);
  auto pair = [&](int down, int up) {
    if (down < 0 || up < 0 || down == up) return;
    for (int p : constraints_[static_cast<std::size_t>(down)].pairs)
      if (pairs_[static_cast<std::size_t>(p)].up == up) return;
    pairs_.push_back(Pair{down, up, -1, std::vector<double>(windows_.size(), 0.0)});
    const int index = static_cast<int>(pairs_.size() - 1);
    constraints_[static_cast<std::size_t>(down)].pairs.push_back(index);
    constraints_[static_cast<std::size_t>(up)].pairs.push_back(index);
  };
  const std::size_t count = constraints_.size();
  for (std::size_t i = 0; i < count; ++i) {
    // pair() adds to the pairs of existing constraints and never adds one: c stays valid.
    const Constraint& c = constraints_[i];
    const int self = static_cast<int>(i);
    if (c.kind == ConstraintKind::line) {
      // A line waits on the components its bill of materials takes from the factory's stock.
      for (const auto& [component, per_unit] : s.products[c.other].bom)
        pair(self, find(ConstraintKind::stock, c.node, product_index(component)));
      continue;
    }
    if (c.kind != ConstraintKind::stock) continue;
    const Node& node = s.nodes[c.node];
    const StockItem* item = items.find(c.node, c.other);
    if (!item) continue;
    for (const SourceRef& ref : item->sources) {
      const std::uint32_t from = node_index(ref.from);
      if (from == kNone) continue;
      pair(self, find(ConstraintKind::lane, from, c.node));
      pair(self, find(ConstraintKind::supplier, from, c.other));
      const Node& source = s.nodes[from];
      const int stock = find(ConstraintKind::stock, from, c.other);
      // A factory fills from its finished goods when it makes to stock and holds them,
      // otherwise from its line (nodes/factory.cpp).
      if (source.type == NodeType::factory &&
          (source.mode == ProductionMode::make_to_order || stock < 0))
        pair(self, find(ConstraintKind::line, from, c.other));
      else
        pair(self, stock);
    }
    // A factory's finished goods without a named source come from its own line.
    if (item->sources.empty() && node.type == NodeType::factory)
      pair(self, find(ConstraintKind::line, c.node, c.other));
  }
}

void BindingCensus::credit(std::vector<double>& per_window, Time from, Time to,
                           std::vector<double>* first) const {
  for (std::size_t w = 0; w < windows_.size(); ++w) {
    const Time a = std::max(from, windows_[w].start), b = std::min(to, windows_[w].end);
    if (b <= a) continue;
    per_window[w] += b - a;
    if (first && (*first)[w] < 0) (*first)[w] = a;
  }
}

void BindingCensus::add_held(Constraint& c, Time t, double amount) {
  if (amount <= 0) return;
  for (std::size_t w = 0; w < windows_.size(); ++w)
    if (t >= windows_[w].start && t < windows_[w].end) c.held[w] += amount;
}

void BindingCensus::change_bound(int index, Time t, bool bound, bool down) {
  Constraint& c = constraints_[static_cast<std::size_t>(index)];
  if (c.down && !down) credit(c.down_hours, c.down_since, t);
  if (!c.down && down) c.down_since = t;
  c.down = down;
  if (bound == c.bound) return;
  for (int p : c.pairs) {
    Pair& pair = pairs_[static_cast<std::size_t>(p)];
    if (pair.since >= 0) credit(pair.overlap, pair.since, t);
    pair.since = -1;
  }
  if (c.bound) credit(c.bound_hours, c.since, t, &c.first_bound);
  c.bound = bound;
  c.since = t;
  for (int p : c.pairs) {
    Pair& pair = pairs_[static_cast<std::size_t>(p)];
    if (constraints_[static_cast<std::size_t>(pair.down)].bound &&
        constraints_[static_cast<std::size_t>(pair.up)].bound)
      pair.since = t;
  }
}

void BindingCensus::note_first_wait(std::uint64_t order_id, int c) {
  if (c < 0) return;
  SURGE_CHECK(order_id >= first_wait_.first_id(),
              "census: order " + std::to_string(order_id) + " waits after it was handed over");
  while (first_wait_.next_id() <= order_id) first_wait_.push_back();
  FirstWait& first = first_wait_[order_id];
  if (first.constraint < 0) first.constraint = c;
}

int BindingCensus::first_wait_of(std::uint64_t order_id) {
  SURGE_CHECK(order_id >= first_wait_.first_id(),
              "census: order " + std::to_string(order_id) + " asked for twice");
  // Orders before it that were never asked for (none: the tally asks for every order).
  while (!first_wait_.empty() && first_wait_.first_id() < order_id) first_wait_.pop_front();
  if (first_wait_.empty()) {
    first_wait_.skip_to(order_id + 1);
    return -1;
  }
  const int first = first_wait_.front().constraint;
  first_wait_.pop_front();
  return first;
}

void BindingCensus::stock_changed(int i, Time t, double on_hand, double backlog, double) {
  const int index = stock_[static_cast<std::size_t>(i)];
  Constraint& c = constraints_[static_cast<std::size_t>(index)];
  // Work held up: units that joined the backlog (customer, downstream or production demand).
  add_held(c, t, backlog - c.backlog);
  if (on_hand > c.on_hand) c.lost_short = false;  // a receipt: it can serve again
  c.on_hand = on_hand;
  c.backlog = backlog;
  set_bound(index, t, backlog > 0 || c.lost_short);
}

void BindingCensus::job_queued(int i, std::uint64_t tag, Time t) {
  const int index = resource_[static_cast<std::size_t>(i)];
  if (index < 0) return;
  Constraint& c = constraints_[static_cast<std::size_t>(index)];
  add_held(c, t, 1);
  if (c.kind == ConstraintKind::station) note_first_wait(tag, index);  // tags are order ids
}

void BindingCensus::limit_changed(int i, Time t, LimitState state, double held) {
  if (i < 0) return;
  const int index = limit_[static_cast<std::size_t>(i)];
  add_held(constraints_[static_cast<std::size_t>(index)], t, held);
  set_bound(index, t, state != LimitState::free, state == LimitState::down);
}

void BindingCensus::note_order_step(OrderStep step, std::uint64_t id, const CustomerOrder& order,
                                    Time t) {
  switch (step) {
    case OrderStep::backordered:
      note_first_wait(id, find(ConstraintKind::stock, order.fulfiller, order.product));
      break;
    case OrderStep::lost:
      if (!order.was_backordered) {  // lost on arrival: nothing on hand could fill it
        const int index = find(ConstraintKind::stock, order.fulfiller, order.product);
        if (index < 0) break;
        Constraint& c = constraints_[static_cast<std::size_t>(index)];
        add_held(c, t, order.quantity);
        c.lost_short = true;
        set_bound(index, t, true);
        note_first_wait(id, index);
      }
      break;
    case OrderStep::production_started: {
      const int index = find(ConstraintKind::line, order.fulfiller, order.product);
      if (index >= 0 && constraints_[static_cast<std::size_t>(index)].bound)
        note_first_wait(id, index);
      break;
    }
    default: break;
  }
}

void BindingCensus::finish(Time end) {
  for (std::size_t i = 0; i < constraints_.size(); ++i) set_bound(static_cast<int>(i), end, false);
}

int BindingCensus::best_upstream(int index, std::size_t w, double* hours) const {
  const Constraint& c = constraints_[static_cast<std::size_t>(index)];
  int best = -1;
  double most = 0;
  for (int p : c.pairs) {
    const Pair& pair = pairs_[static_cast<std::size_t>(p)];
    if (pair.down != index) continue;
    if (pair.overlap[w] > most) {
      most = pair.overlap[w];
      best = pair.up;
    }
  }
  if (best >= 0 && most < kUpstreamShare * c.bound_hours[w]) best = -1;
  if (hours) *hours = best >= 0 ? most : 0;
  return best;
}

std::string BindingCensus::phrase(int index, std::size_t w) const {
  const Constraint& c = constraints_[static_cast<std::size_t>(index)];
  return c.name + " " +
         binding_phrase(c.kind, c.bound_hours[w] > 0 && c.down_hours[w] >= 0.5 * c.bound_hours[w]);
}

std::string BindingCensus::chain(int head, std::size_t w) const {
  std::string text = phrase(head, w);
  std::set<int> seen{head};
  for (int at = best_upstream(head, w); at >= 0 && seen.insert(at).second;
       at = best_upstream(at, w))
    text.append(" \u2190 ").append(phrase(at, w));
  return text;
}

TargetBreak BindingCensus::break_of(const Target& t, const TargetResult& evaluated,
                                    const RecordTally::TargetTally& tally, std::size_t w) const {
  const Scenario& s = scenario_;
  TargetBreak b;
  b.key = evaluated.key;
  b.met = evaluated.met;
  if (b.met) return b;
  const KpiMetric* metric = find_target_metric(t.metric);
  int head = -1;
  if (metric && metric->scope == MetricScope::orders) {
    // The failing orders in the target's scope, by the constraint each waited on first.
    b.failing = tally.failing_orders;
    for (const auto& [c, n] : tally.failing_by_first_wait)
      if (n > b.waited_first) {
        b.waited_first = n;
        head = c;
      }
  } else if (metric && metric->scope == MetricScope::node && metric->node_type &&
             *metric->node_type == NodeType::service) {
    // Contacts that failed (abandoned, unanswered, or answered late) waited on the agents.
    for (std::size_t n = 0; n < s.nodes.size(); ++n) {
      const Node& node = s.nodes[n];
      if (node.type != NodeType::service || (!t.node.empty() && node.id != t.node)) continue;
      const double failing = tally.failing_contacts[n];
      b.failing += failing;
      const int agents = find(ConstraintKind::agents, static_cast<std::uint32_t>(n), 0);
      if (agents >= 0 && (head < 0 || failing > b.waited_first)) {
        head = agents;
        b.waited_first = failing;
      }
    }
  } else {
    // A node-wide or network-wide KPI: the constraint that bound longest in the window
    // (among the node's when the target names one).
    double most = 0;
    for (std::size_t i = 0; i < constraints_.size(); ++i) {
      const Constraint& c = constraints_[i];
      if (!t.node.empty() && s.nodes[c.node].id != t.node) continue;
      if (c.bound_hours[w] > most) {
        most = c.bound_hours[w];
        head = static_cast<int>(i);
      }
    }
  }
  if (head >= 0) {
    const Constraint& c = constraints_[static_cast<std::size_t>(head)];
    b.constraint = c.name;
    b.kind = to_string(c.kind);
    b.chain = chain(head, w);
  }
  return b;
}

void BindingCensus::report(const RecordTally& records, RunResult& result) const {
  for (std::size_t i = 0; i < constraints_.size(); ++i) {
    const Constraint& c = constraints_[i];
    for (std::size_t w = 0; w < windows_.size(); ++w) {
      CensusRow row;
      row.window = windows_[w].name;
      row.constraint = c.name;
      row.kind = to_string(c.kind);
      row.bound_hours = c.bound_hours[w];
      row.first_bound = c.first_bound[w];
      row.held = c.held[w];
      row.down_hours = c.down_hours[w];
      const int up = best_upstream(static_cast<int>(i), w, &row.upstream_hours);
      if (up >= 0) row.upstream = constraints_[static_cast<std::size_t>(up)].name;
      result.census.push_back(std::move(row));
    }
  }
  SURGE_CHECK(result.targets.size() == scenario_.targets.size(),
              "census: the targets are evaluated before where they break");
  for (std::size_t k = 0; k < scenario_.targets.size(); ++k) {
    const Target& t = scenario_.targets[k];
    std::size_t w = windows_.size();
    for (std::size_t i = 0; i < windows_.size(); ++i)
      if (windows_[i].name == t.window) w = i;
    if (w == windows_.size()) {
      TargetBreak b;
      b.key = result.targets[k].key;
      b.met = result.targets[k].met;
      result.breaks.push_back(b);
      continue;
    }
    result.breaks.push_back(break_of(t, result.targets[k], records.target(k), w));
  }
}

}  // namespace surge
