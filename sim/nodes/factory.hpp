#pragma once
// A factory: production lines plus stock of components and, when it makes to stock, of
// finished goods. Make-to-stock: customer and replenishment orders are served from
// finished-goods stock, whose own replenishment orders go to the line. Make-to-order: every
// order goes straight to the line.
#include <memory>
#include <vector>

#include "surge/nodes/production_line.hpp"
#include "surge/nodes/stocking_node.hpp"

namespace surge {

class Factory : public StockingNode, public ProductionLineOwner {
 public:
  Factory(World& world, std::uint32_t node);
  void start() override;

  // The line that makes `product`, or null.
  ProductionLine* line_for(std::uint32_t product);

  bool can_ship_now(std::uint32_t product, double units) const override;
  double accept(const ReplenishmentRequest& request) override;
  void accept_order(std::uint64_t order_id) override;
  void release(std::uint64_t order_id) override { hand_to_carrier(order_id); }
  void stock_arrived(std::uint32_t product) override;
  bool take_components(std::uint32_t product, double units, bool waiting) override;
  void order_made(std::uint64_t order_id) override;
  void add_to(Census& census) const override;

 private:
  bool makes_to_order() const { return spec_.mode == ProductionMode::make_to_order; }
  std::vector<std::unique_ptr<ProductionLine>> lines_;
};

}  // namespace surge
