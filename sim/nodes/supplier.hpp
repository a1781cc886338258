#pragma once
// An external supplier with unlimited stock. An order is raised to the minimum order and the
// next multiple, becomes ready after the product's lead time, then is dispatched at the
// product's capacity (units per hour, which may change over time: from its instant, also for the
// order in dispatch) onto the lane. While a disruption lasts nothing is
// dispatched; lead times keep running (docs/model.md).
#include <cstdint>
#include <deque>
#include <vector>

#include "surge/kernel/event.hpp"
#include "surge/kernel/random.hpp"
#include "surge/model/scenario.hpp"
#include "surge/model/world.hpp"

namespace surge {

// One product a supplier supplies, resolved for the running model.
struct SuppliedProduct {
  std::uint32_t product = 0;             // index
  const SupplierTerms* terms = nullptr;  // lead time, capacity, minimum order, multiple
  double unit_cost = 0;                  // purchase cost of a unit dispatched
  RandomStream lead_time;                // one draw per order
};

class Supplier : public SupplySource, public EventHandler {
 public:
  // `products` in any order; `disruption_streams[i]` drives spec.disruptions[i] (the gaps
  // between random outages and every outage's duration).
  Supplier(World& world, std::uint32_t node, const Node& spec,
           std::vector<SuppliedProduct> products, std::vector<RandomStream> disruption_streams);
  void start();

  bool can_ship_now(std::uint32_t product, double units) const override;
  double accept(const ReplenishmentRequest& request) override;
  void handle(const Event& event) override;
  bool disrupted() const { return outages_ > 0; }
  std::uint32_t index() const { return node_; }

 private:
  enum Kind : std::uint32_t { kReady, kDispatched, kOutageStart, kOutageEnd, kRandomOutage };
  struct Order {
    ReplenishmentRequest request;
  };
  struct ProductLine {
    SuppliedProduct supplied;
    std::deque<std::uint32_t> ready;  // orders waiting for dispatch
    bool dispatching = false;
    double outstanding = 0;  // units accepted and not yet dispatched
    int limit = -1;          // its index as a limit (docs/kpis.md, "Binding constraints")
  };

  ProductLine* line_for(std::uint32_t product);
  void try_dispatch(ProductLine& line);
  void ship(ProductLine& line, std::uint32_t order);
  // Publishes the line's state as a limit; `held`: units that just became ready and must wait.
  void publish(const ProductLine& line, double held = 0);

  World& world_;
  std::uint32_t node_;
  const Node& spec_;
  std::vector<ProductLine> lines_;
  std::vector<Order> orders_;
  std::vector<RandomStream> outage_streams_;  // one per random disruption entry
  int outages_ = 0;                           // overlapping outages count
};

}  // namespace surge
