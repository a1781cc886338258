#include "surge/nodes/factory.hpp"

namespace surge {

Factory::Factory(World& world, std::uint32_t node) : StockingNode(world, node) {
  const Calendar& calendar = world.calendar(spec_.calendar);
  for (const Line& line : spec_.lines)
    lines_.push_back(std::make_unique<ProductionLine>(world, node, line, calendar, *this));
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
  const Product& made = world_.scenario.products[product];
  bool all_on_hand = true;
  for (const auto& [component, per_unit] : made.bom) {
    const StockPoint* s = stock(world_.product_index(component));
    if (!s || !s->can_ship_now(per_unit * units)) all_on_hand = false;
  }
  if (!all_on_hand) {
    // The first refusal turns the batch's needs into requests: they count as demand and lower
    // the components' positions, so their policies reorder (docs/model.md: every request
    // counts, filled or not). Otherwise a position above s with too few units on hand for
    // one batch would block the line for ever.
    if (!waiting)
      for (const auto& [component, per_unit] : made.bom)
        if (StockPoint* s = stock(world_.product_index(component)))
          s->request_for_production(per_unit * units);
    return false;
  }
  for (const auto& [component, per_unit] : made.bom) {
    std::uint32_t c = world_.product_index(component);
    if (waiting)
      stock(c)->take_requested(per_unit * units);
    else
      stock(c)->take(per_unit * units);
    world_.observer.flow(Flow::consumed, node_, c, per_unit * units, 0.0, world_.sim.now());
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
