#include "surge/nodes/factory.hpp"

#include <utility>

#include "surge/kernel/error.hpp"

namespace surge {

Factory::Factory(World& world, const StockingSpec& setup, const Calendar& calendar,
                 std::vector<FactoryLine> lines)
    : StockingNode(world, setup) {
  for (FactoryLine& line : lines) {
    lines_.push_back(std::make_unique<ProductionLine>(world, node_, line.spec, line.product,
                                                      line.cost_per_unit, calendar,
                                                      std::move(line.time), *this));
    bom_.push_back(std::move(line.components));
  }
}

void Factory::start() {
  StockingNode::start();
  for (auto& line : lines_) line->start();
}

ProductionLine* Factory::line_for(std::uint32_t product) {
  for (auto& line : lines_)
    if (line->product() == product) return line.get();
  return nullptr;
}

bool Factory::can_ship_now(std::uint32_t product, double units) const {
  // Finished goods in stock, or a make-to-order line that will make it.
  if (!makes_to_order() && stock(product)) return StockingNode::can_ship_now(product, units);
  for (const auto& line : lines_)
    if (line->product() == product) return true;
  return false;
}

double Factory::accept(const ReplenishmentRequest& request) {
  if (!makes_to_order() && stock(request.product)) return StockingNode::accept(request);
  return line_for(request.product)->accept(request);
}

void Factory::accept_order(std::uint64_t order_id) {
  const CustomerOrder& order = world_.orders[order_id];
  if (!makes_to_order() && stock(order.product)) {
    StockingNode::accept_order(order_id);
    return;
  }
  world_.orders.take(order_id, node_);
  line_for(order.product)->make_order(order_id);
}

void Factory::stock_arrived(std::uint32_t) {
  for (auto& line : lines_) line->components_arrived();
}

bool Factory::take_components(std::uint32_t product, double units, bool waiting) {
  std::size_t line = 0;
  while (line < lines_.size() && lines_[line]->product() != product) ++line;
  SURGE_CHECK(line < lines_.size(), "factory: components asked for a product it does not make");
  const std::vector<Component>& bom = bom_[line];
  bool all_on_hand = true;
  for (const Component& c : bom) {
    const StockPoint* s = stock(c.product);
    if (!s || !s->can_ship_now(c.per_unit * units)) all_on_hand = false;
  }
  if (!all_on_hand) {
    // The first refusal turns the batch's needs into requests: they count as demand and lower
    // the components' positions, so their policies reorder (docs/model.md: every request
    // counts, filled or not). Otherwise a position above s with too few units on hand for
    // one batch would block the line for ever.
    if (!waiting)
      for (const Component& c : bom)
        if (StockPoint* s = stock(c.product)) s->request_for_production(c.per_unit * units);
    return false;
  }
  for (const Component& c : bom) {
    if (waiting)
      stock(c.product)->take_requested(c.per_unit * units);
    else
      stock(c.product)->take(c.per_unit * units);
    world_.observer.flow(Flow::consumed, node_, c.product, c.per_unit * units, 0.0,
                         world_.sim.now());
  }
  return true;
}

void Factory::order_made(std::uint64_t order_id) {
  world_.orders.made(order_id);
  hand_to_carrier(order_id);
}

void Factory::add_to(Census& census) const {
  StockingNode::add_to(census);
  for (const auto& line : lines_) {
    census.in_process[line->product()] += line->held_units();
    census.orders_in_process += line->orders_in_process();
  }
}

}  // namespace surge
