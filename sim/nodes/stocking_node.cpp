#include "surge/nodes/stocking_node.hpp"

#include "surge/kernel/error.hpp"

namespace surge {

StockingNode::StockingNode(World& world, const StockingSpec& setup)
    : world_(world), node_(setup.node), spec_(setup.spec) {
  SURGE_CHECK(setup.item_products.size() == spec_.inventory.size(),
              "stocking node: one product index per inventory item");
  stock_.resize(setup.products);
  for (std::size_t i = 0; i < spec_.inventory.size(); ++i) {
    std::uint32_t p = setup.item_products[i];
    stock_[p] = std::make_unique<StockPoint>(world_, node_, p, spec_.inventory[i].initial, *this);
  }
}

void StockingNode::serve(std::uint32_t market, CustomerMarket& customer) {
  if (markets_.size() <= market) markets_.resize(market + 1, nullptr);
  markets_[market] = &customer;
}

CustomerMarket& StockingNode::market_of(std::uint64_t order_id) const {
  std::uint32_t market = world_.orders[order_id].market;
  SURGE_CHECK(market < markets_.size() && markets_[market],
              "node " + spec_.id + " got an order of a market it does not serve");
  return *markets_[market];
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
  CustomerMarket& market = market_of(order_id);
  world_.orders.take(order_id, node_);
  s->customer_order(order_id, market);
}

void StockingNode::withdraw(std::uint64_t order_id) {
  StockPoint* s = stock(world_.orders[order_id].product);
  if (!s) throw InternalError("internal: node " + spec_.id + " holds no such backorder");
  s->withdraw(order_id);
}

void StockingNode::hand_to_carrier(std::uint64_t order_id) {
  market_of(order_id).hand_over(order_id);
}

void StockingNode::add_to(Census& census) const {
  for (const auto& s : stock_)
    if (s) {
      census.on_hand[s->product()] += s->on_hand();
      census.orders_waiting += static_cast<double>(s->backlogged_orders());
    }
}

}  // namespace surge
