#pragma once
// Stand-ins for the collaborators of a node, for the unit tests under tests/nodes/ that build
// one node by hand (no YAML, no model builder): a World with a recording observer, a market, a
// source, a lane, receivers and owners that record what the node asks of them. Each test then
// drives the node through its public interface and the simulator, and checks the documented
// behaviour (docs/model.md) on what was recorded.
#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "surge/model/calendar.hpp"
#include "surge/model/world.hpp"
#include "surge/nodes/production_line.hpp"
#include "surge/nodes/service_queue.hpp"
#include "surge/nodes/stock_point.hpp"

namespace surge::test {

// Keeps everything a node publishes.
class RecordingObserver : public Observer {
 public:
  struct Levels {
    Time t;
    double a, b, c;  // stock: on hand, backlog, on order; resource: waiting, busy, available
  };
  struct FlowRecord {
    Flow kind;
    std::uint32_t node, product;
    double units, money;
    Time t;
  };
  struct Job {
    int resource;
    Time t, waited;
  };
  struct Step {
    OrderStep step;
    std::uint64_t order;
    Time t;
  };
  struct LimitChange {
    int limit;
    Time t;
    LimitState state;
    double held;
  };
  struct Queued {
    int resource;
    std::uint64_t tag;
    Time t;
  };

  int add_stock_point(std::uint32_t, std::uint32_t, double on_hand) override {
    stock.push_back({{0, on_hand, 0, 0}});
    return static_cast<int>(stock.size() - 1);
  }
  int add_resource(std::uint32_t, const std::string&, ResourceKind, double) override {
    resources.emplace_back();
    return static_cast<int>(resources.size() - 1);
  }
  void stock_changed(int i, Time t, double on_hand, double backlog, double on_order) override {
    stock[static_cast<std::size_t>(i)].push_back({t, on_hand, backlog, on_order});
  }
  void resource_changed(int i, Time t, double waiting, double busy, double available) override {
    resources[static_cast<std::size_t>(i)].push_back({t, waiting, busy, available});
  }
  void job_started(int i, Time t, Time waited) override { started.push_back({i, t, waited}); }
  void job_abandoned(int i, Time t, Time waited) override { abandoned.push_back({i, t, waited}); }
  void flow(Flow kind, std::uint32_t node, std::uint32_t product, double units, double money,
            Time t) override {
    flows.push_back({kind, node, product, units, money, t});
  }
  void order_step(OrderStep step, std::uint64_t order, const CustomerOrder&, Time t) override {
    steps.push_back({step, order, t});
  }
  int add_limit(LimitKind kind, std::uint32_t node, std::uint32_t other) override {
    limits.push_back({kind, node, other});
    return static_cast<int>(limits.size() - 1);
  }
  void limit_changed(int i, Time t, LimitState state, double held) override {
    limit_changes.push_back({i, t, state, held});
  }
  void job_queued(int i, std::uint64_t tag, Time t) override { queued.push_back({i, tag, t}); }
  // A limit's changes of state (repeated publications of the same state dropped) and the
  // units held over all its publications.
  std::vector<std::pair<Time, LimitState>> limit_states(int limit) const {
    std::vector<std::pair<Time, LimitState>> out;
    for (const auto& c : limit_changes)
      if (c.limit == limit && (out.empty() || out.back().second != c.state))
        out.push_back({c.t, c.state});
    return out;
  }
  double held(int limit) const {
    double sum = 0;
    for (const auto& c : limit_changes) sum += c.limit == limit ? c.held : 0;
    return sum;
  }

  // Total units (or money) of one kind of flow.
  double units(Flow kind) const {
    double sum = 0;
    for (const auto& f : flows) sum += f.kind == kind ? f.units : 0;
    return sum;
  }
  double money(Flow kind) const {
    double sum = 0;
    for (const auto& f : flows) sum += f.kind == kind ? f.money : 0;
    return sum;
  }
  // The steps one order took, in order.
  std::vector<OrderStep> steps_of(std::uint64_t order) const {
    std::vector<OrderStep> out;
    for (const auto& s : steps)
      if (s.order == order) out.push_back(s.step);
    return out;
  }

  std::vector<std::vector<Levels>> stock, resources;  // first entry: the registration
  std::vector<FlowRecord> flows;
  std::vector<Job> started, abandoned;
  std::vector<Step> steps;
  struct LimitKey {
    LimitKind kind;
    std::uint32_t node, other;
  };
  std::vector<LimitKey> limits;
  std::vector<LimitChange> limit_changes;
  std::vector<Queued> queued;
};

// The world a node under test runs in; `at(t)` runs the simulator up to t.
struct TestWorld {
  RecordingObserver observer;
  World world{observer};
  void at(Time t) { world.sim.run(t); }
  Time now() const { return world.sim.now(); }
  // An order of `market` for `quantity` units of `product`, placed now (the node that fills it
  // takes it in accept_order).
  std::uint64_t place(std::uint32_t product, double quantity, std::uint32_t market = 0) {
    return world.orders.place(market, product, quantity, kNone);
  }
};

// A market whose customers wait for stock (`backorders`) or leave (lost sale), and whose
// carrier delivers instantly. Records whom it was asked about and what it was handed.
class FakeMarket : public CustomerMarket {
 public:
  explicit FakeMarket(World& world, bool backorders = true)
      : world_(world), backorders(backorders) {}
  bool waits_for_stock(std::uint64_t id) override {
    short_of_stock.push_back(id);
    if (!backorders) {
      world_.orders.lose(id);
      return false;
    }
    world_.orders.backorder(id);
    return true;
  }
  void hand_over(std::uint64_t id) override {
    handed.push_back({id, world_.sim.now()});
    world_.orders.ship(id, world_.sim.now());
  }

  std::vector<std::uint64_t> short_of_stock;
  std::vector<std::pair<std::uint64_t, Time>> handed;  // order, time

 private:
  World& world_;

 public:
  bool backorders;
};

// Takes units into stock, recording when.
class FakeReceiver : public StockReceiver {
 public:
  explicit FakeReceiver(const World& world) : world_(world) {}
  void receive(double units) override { received.push_back({world_.sim.now(), units}); }
  double total() const {
    double sum = 0;
    for (const auto& r : received) sum += r.second;
    return sum;
  }
  std::vector<std::pair<Time, double>> received;  // time, units

 private:
  const World& world_;
};

// A lane that records dispatches and delivers nothing (the test decides).
class FakeTransport : public Transport {
 public:
  struct Dispatch {
    Time t;
    std::uint32_t product;
    double units;
    StockReceiver* to;
  };
  explicit FakeTransport(const World& world) : world_(world) {}
  void dispatch(std::uint32_t product, double units, StockReceiver* to) override {
    dispatched.push_back({world_.sim.now(), product, units, to});
  }
  double total() const {
    double sum = 0;
    for (const auto& d : dispatched) sum += d.units;
    return sum;
  }
  std::vector<Dispatch> dispatched;

 private:
  const World& world_;
};

// A source that accepts every request as it is and records it.
class FakeSource : public SupplySource {
 public:
  explicit FakeSource(bool ships_now = true) : ships_now(ships_now) {}
  bool can_ship_now(std::uint32_t, double) const override { return ships_now; }
  double accept(const ReplenishmentRequest& request) override {
    accepted.push_back(request);
    return request.units;
  }
  double total() const {
    double sum = 0;
    for (const auto& r : accepted) sum += r.units;
    return sum;
  }
  bool ships_now;
  std::vector<ReplenishmentRequest> accepted;
};

// The node a stock point belongs to: records the customer orders it releases.
class FakeStockOwner : public StockPointOwner {
 public:
  explicit FakeStockOwner(const World& world) : world_(world) {}
  void release(std::uint64_t id) override { released.push_back({id, world_.sim.now()}); }
  std::vector<std::pair<std::uint64_t, Time>> released;

 private:
  const World& world_;
};

// The node a service queue belongs to: records starts, completions and abandonments.
class FakeQueueOwner : public ServiceQueueOwner {
 public:
  explicit FakeQueueOwner(const World& world) : world_(world) {}
  void started(std::uint64_t tag, int) override { starts.push_back({tag, world_.sim.now()}); }
  void served(std::uint64_t tag, int) override { served_.push_back({tag, world_.sim.now()}); }
  void abandoned(std::uint64_t tag, int) override { gave_up.push_back({tag, world_.sim.now()}); }
  std::vector<std::pair<std::uint64_t, Time>> starts, served_, gave_up;

 private:
  const World& world_;
};

// The factory a line belongs to: components are on hand or not, as the test says.
class FakeLineOwner : public ProductionLineOwner {
 public:
  explicit FakeLineOwner(World& world) : world_(world) {}
  bool take_components(std::uint32_t, double units, bool waiting) override {
    asked.push_back({units, waiting});
    return components_on_hand;
  }
  void order_made(std::uint64_t id) override {
    made.push_back({id, world_.sim.now()});
    world_.orders.made(id);
  }
  bool components_on_hand = true;
  std::vector<std::pair<double, bool>> asked;        // units, already waiting
  std::vector<std::pair<std::uint64_t, Time>> made;  // order, time

 private:
  World& world_;
};

// A calendar open every day in [from, to) hours (no holidays).
inline Calendar daily(Time from, Time to) {
  std::array<std::vector<Calendar::Interval>, 7> week;
  for (auto& day : week) day.push_back({from, to});
  return Calendar(week, {});
}

}  // namespace surge::test
