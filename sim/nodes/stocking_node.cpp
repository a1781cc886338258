#include "surge/nodes/stocking_node.hpp"

#include "surge/kernel/error.hpp"

namespace surge {

StockingNode::StockingNode(World& world, std::uint32_t node)
    : world_(world), node_(node), spec_(world.scenario.nodes[node]) {
  stock_.resize(world.scenario.products.size());
  for (const auto& item : spec_.inventory) {
    std::uint32_t p = world_.product_index(item.product);
    stock_[p] = std::make_unique<StockPoint>(world_, node_, p, item, *this);
  }
}

void StockingNode::start() {
  for (auto& s : stock_)
    if (s) s->start();
}

bool StockingNode::can_ship_now(std::uint32_t product, double units) const {
  const StockPoint* s = stock(product);
  return s && s->can_ship_now(units);
}

double StockingNode::accept(const ReplenishmentRequest& request) {
  StockPoint* s = stock(request.product);
  if (!s) throw InternalError("internal: node " + spec_.id + " holds no stock of the product");
  s->replenishment(request);
  return request.units;
}

void StockingNode::accept_order(std::uint64_t order_id) {
  const CustomerOrder& order = world_.orders[order_id];
  StockPoint* s = stock(order.product);
  if (!s) throw InternalError("internal: node " + spec_.id + " cannot fill this order");
  world_.orders.take(order_id, node_);
  s->customer_order(order_id, *world_.markets[order.market]);
}

void StockingNode::withdraw(std::uint64_t order_id) {
  StockPoint* s = stock(world_.orders[order_id].product);
  if (!s) throw InternalError("internal: node " + spec_.id + " holds no such backorder");
  s->withdraw(order_id);
}

void StockingNode::hand_to_carrier(std::uint64_t order_id) {
  world_.markets[world_.orders[order_id].market]->hand_over(order_id);
}

void StockingNode::add_to(Census& census) const {
  for (const auto& s : stock_)
    if (s) {
      census.on_hand[s->product()] += s->on_hand();
      census.orders_waiting += static_cast<double>(s->backlogged_orders());
    }
}

}  // namespace surge
