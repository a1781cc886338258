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

// One line of a factory, resolved for the running model.
struct FactoryLine {
  const Line& spec;
  std::uint32_t product = 0;  // index of the product it makes
  double cost_per_unit = 0;   // production cost of a unit made
  RandomStream time;          // per-unit work times (when the spec has `time`)
  // The bill of materials of the product: component index and units per unit made.
  std::vector<Component> components;
};

class Factory : public StockingNode, public ProductionLineOwner {
 public:
  // `calendar` is the factory's (its lines work in its open hours).
  Factory(World& world, const StockingSpec& setup, const Calendar& calendar,
          std::vector<FactoryLine> lines);
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
  std::vector<std::vector<Component>> bom_;  // by the line's position in lines_
};

}  // namespace surge
