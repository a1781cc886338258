#pragma once
// What warehouses, fulfilment centres and factories share: a stock point per product they
// hold, serving replenishment requests and customer orders from it. Subclasses decide what
// happens to a customer order once it has been taken from stock.
#include <cstdint>
#include <memory>
#include <vector>

#include "surge/model/scenario.hpp"
#include "surge/model/world.hpp"
#include "surge/nodes/stock_point.hpp"

namespace surge {

// What a stocking node is built from: its index, its spec, and the product index of each of
// its inventory items (in the order of spec.inventory) among the scenario's `products`.
struct StockingSpec {
  std::uint32_t node = 0;
  const Node& spec;
  std::vector<std::uint32_t> item_products;
  std::size_t products = 0;
};

class StockingNode : public SupplySource,
                     public OrderFulfiller,
                     public StockPointOwner,
                     public CensusSource {
 public:
  StockingNode(World& world, const StockingSpec& setup);

  // Wiring, before the run: this node fills the orders of market `market` (an index) and
  // hands them to it.
  void serve(std::uint32_t market, CustomerMarket& customer);

  StockPoint* stock(std::uint32_t product) { return stock_[product].get(); }
  const StockPoint* stock(std::uint32_t product) const { return stock_[product].get(); }
  std::uint32_t index() const { return node_; }
  virtual void start();

  bool can_ship_now(std::uint32_t product, double units) const override;
  double accept(const ReplenishmentRequest& request) override;
  void accept_order(std::uint64_t order_id) override;
  void withdraw(std::uint64_t order_id) override;
  void add_to(Census& census) const override;

 protected:
  // The market an order came from (it decides stock-outs and takes the finished order).
  CustomerMarket& market_of(std::uint64_t order_id) const;
  // Hands a finished customer order to its market's carrier.
  void hand_to_carrier(std::uint64_t order_id);

  World& world_;
  std::uint32_t node_;
  const Node& spec_;
  std::vector<std::unique_ptr<StockPoint>> stock_;  // by product index; null where not held
  std::vector<CustomerMarket*> markets_;            // by market index; null where not served
};

}  // namespace surge
