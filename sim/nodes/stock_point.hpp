#pragma once
// Inventory of one product at one node: on hand, on order, a FIFO backlog of unmet requests,
// and the replenishment policy that reorders from the node's sources. Customer orders ship
// whole (all units at once); replenishment requests from downstream ship partially as stock
// allows. Allocation is strict FIFO: a new request is served from stock only when nobody
// waits ahead of it (docs/model.md). What a stock-out does to a customer order (backorder,
// lost sale, patience) is its market's decision: the stock point only says it cannot fill it.
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "surge/kernel/event.hpp"
#include "surge/model/world.hpp"
#include "surge/policies/replenishment_policy.hpp"

namespace surge {

class StockPointOwner {
 public:
  virtual ~StockPointOwner() = default;
  // A customer order was taken from stock: the owner moves it on (stations, carrier).
  virtual void release(std::uint64_t order_id) = 0;
  // Units arrived (a line blocked on components may now start).
  virtual void stock_arrived(std::uint32_t /*product*/) {}
};

struct ResolvedSource {
  SupplySource* node = nullptr;
  Transport* lane = nullptr;  // null: the source delivers straight into this stock point
  double share = 1;
  bool backup = false;
};

class StockPoint : public StockReceiver, public EventHandler {
 public:
  // `node` and `product` are indices (what it publishes is attributed to them); it starts with
  // `initial` units on hand.
  StockPoint(World& world, std::uint32_t node, std::uint32_t product, double initial,
             StockPointOwner& owner);

  // Sources and policy are set after every node exists (sources may be built later).
  void set_sources(std::vector<ResolvedSource> sources, std::unique_ptr<ReplenishmentPolicy> p);
  // A one-off order (the scenario's `orders`): at time `at`, `units` ordered from source
  // `source` (an index into the sources given), through its lane, on top of the policy's
  // orders. Scheduled by start().
  void plan_order(Time at, std::size_t source, double units);
  void start();

  // A customer order of `market`, taken by this node: filled whole from stock now, or the
  // market decides whether it waits in the backlog.
  void customer_order(std::uint64_t order_id, CustomerMarket& market);
  // A backordered customer order whose customer gave up: it leaves the backlog.
  void withdraw(std::uint64_t order_id);
  void replenishment(const ReplenishmentRequest& request);
  // Takes units for production if all are on hand and nobody waits ahead; false otherwise.
  bool take(double units);
  // A production batch that could not start asks for `units`: they count as demand now and
  // as backlog (lowering the position) until the batch takes them with take_requested.
  void request_for_production(double units);
  void take_requested(double units);
  void receive(double units) override;
  void handle(const Event& event) override;

  bool can_ship_now(double units) const { return backlog_.empty() && on_hand_ >= units; }
  double on_hand() const { return on_hand_; }
  double on_order() const { return on_order_; }
  double backlog_units() const { return backlog_units_; }
  double inventory_position() const { return on_hand_ + on_order_ - backlog_units_; }
  StockState stock_state() const { return {on_hand_, backlog_units_, on_order_}; }
  std::uint32_t product() const { return product_; }
  std::size_t backlogged_orders() const { return backlogged_orders_; }
  // Units of a future own-line delivery that were counted as on order before the line made them.
  void add_on_order(double units) { on_order_ += units; }

 private:
  enum Kind : std::uint32_t { kReview, kPlannedOrder };
  struct PlannedOrder {
    Time at;
    std::size_t source;
    double units;
  };
  struct Request {
    bool customer = false;
    std::uint64_t order_id = 0;
    double remaining = 0;
    StockReceiver* deliver_to = nullptr;
    Transport* lane = nullptr;
  };

  void demand(double units);  // common bookkeeping for every request
  void serve_backlog();
  void ship(Request& request, double units);
  void apply_policy();
  void place_order(double units);
  void send(const ResolvedSource& source, double units);
  void publish();

  World& world_;
  std::uint32_t node_, product_;
  StockPointOwner& owner_;
  int stock_point_ = -1;
  std::vector<ResolvedSource> sources_;
  std::vector<PlannedOrder> planned_;
  std::unique_ptr<ReplenishmentPolicy> policy_;
  std::deque<Request> backlog_;
  double on_hand_ = 0, on_order_ = 0, backlog_units_ = 0;
  std::size_t backlogged_orders_ = 0;  // customer orders waiting here
};

}  // namespace surge
