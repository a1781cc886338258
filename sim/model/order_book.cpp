#include "surge/model/order_book.hpp"

#include <string>

#include "surge/kernel/error.hpp"

namespace surge {

namespace {
bool closed(const CustomerOrder& order) {
  return order.status == OrderStatus::delivered || order.status == OrderStatus::lost;
}
}  // namespace

void OrderBook::refuse(std::uint64_t id, OrderStatus from, OrderStep step) const {
  SURGE_CHECK(id < orders_.next_id(), "order " + std::to_string(id) + " does not exist");
  SURGE_CHECK(orders_.holds(id), "order " + std::to_string(id) + " step " + to_string(step) +
                                     " after it was closed and handed over");
  throw InternalError(std::string("internal: order step ") + to_string(step) + " of order " +
                      std::to_string(id) + " from status " + to_string(orders_[id].status) +
                      " (legal only from " + to_string(from) + ")");
}

void OrderBook::publish(OrderStep step, std::uint64_t id) {
  observer_.order_step(step, id, orders_[id], sim_.now());
}

std::uint64_t OrderBook::place(std::uint32_t market, std::uint32_t product, double quantity,
                               std::uint32_t campaign) {
  hand_over_closed();  // before the new order may take a freed slot
  const std::uint64_t id = orders_.next_id();
  CustomerOrder& order = orders_.push_back();
  order.market = market;
  order.product = product;
  order.campaign = campaign;
  order.quantity = quantity;
  order.placed = sim_.now();
  counts_[static_cast<std::size_t>(OrderStatus::placed)] += 1;
  publish(OrderStep::placed, id);
  return id;
}

void OrderBook::take(std::uint64_t id, std::uint32_t node) {
  SURGE_CHECK(orders_.holds(id), "order " + std::to_string(id) + " does not exist");
  CustomerOrder& order = orders_[id];
  SURGE_CHECK(order.status == OrderStatus::placed && order.fulfiller == kNone,
              "order " + std::to_string(id) + " taken twice");
  order.fulfiller = node;
}

void OrderBook::fill_from_stock(std::uint64_t id) {
  CustomerOrder& order = in(id, OrderStatus::placed, OrderStep::filled_from_stock);
  recount(order.status, OrderStatus::in_process);
  order.status = OrderStatus::in_process;
  order.from_stock = true;
  order.picked = sim_.now();
  publish(OrderStep::filled_from_stock, id);
}

void OrderBook::backorder(std::uint64_t id) {
  CustomerOrder& order = in(id, OrderStatus::placed, OrderStep::backordered);
  recount(order.status, OrderStatus::backordered);
  order.status = OrderStatus::backordered;
  order.was_backordered = true;
  publish(OrderStep::backordered, id);
}

void OrderBook::lose(std::uint64_t id) {
  OrderStatus from = orders_.holds(id) ? orders_[id].status : OrderStatus::placed;
  CustomerOrder& order =
      in(id, from == OrderStatus::backordered ? from : OrderStatus::placed, OrderStep::lost);
  recount(order.status, OrderStatus::lost);
  order.status = OrderStatus::lost;
  publish(OrderStep::lost, id);
}

void OrderBook::fill_from_backlog(std::uint64_t id) {
  CustomerOrder& order = in(id, OrderStatus::backordered, OrderStep::filled_from_backlog);
  recount(order.status, OrderStatus::in_process);
  order.status = OrderStatus::in_process;
  order.picked = sim_.now();
  publish(OrderStep::filled_from_backlog, id);
}

void OrderBook::start_production(std::uint64_t id) {
  CustomerOrder& order = in(id, OrderStatus::placed, OrderStep::production_started);
  recount(order.status, OrderStatus::in_process);
  order.status = OrderStatus::in_process;
  publish(OrderStep::production_started, id);
}

void OrderBook::made(std::uint64_t id) {
  CustomerOrder& order = in(id, OrderStatus::in_process, OrderStep::made);
  SURGE_CHECK(order.picked < 0, "order " + std::to_string(id) + " made twice");
  order.picked = sim_.now();
  publish(OrderStep::made, id);
}

void OrderBook::ship(std::uint64_t id, Time delivery) {
  CustomerOrder& order = in(id, OrderStatus::in_process, OrderStep::shipped);
  SURGE_CHECK(delivery >= sim_.now(), "order " + std::to_string(id) + " delivered before shipped");
  recount(order.status, OrderStatus::in_transit);
  order.status = OrderStatus::in_transit;
  order.shipped = sim_.now();
  order.delivery_scheduled = delivery;
  observer_.flow(Flow::shipped, order.fulfiller, order.product, order.quantity, 0.0, sim_.now());
  publish(OrderStep::shipped, id);
}

void OrderBook::deliver(std::uint64_t id) {
  CustomerOrder& order = in(id, OrderStatus::in_transit, OrderStep::delivered);
  SURGE_CHECK(sim_.now() == order.delivery_scheduled,
              "order " + std::to_string(id) + " delivered off its scheduled time");
  recount(order.status, OrderStatus::delivered);
  order.status = OrderStatus::delivered;
  order.delivered = sim_.now();
  publish(OrderStep::delivered, id);
}

void OrderBook::hand_over(bool open_too) {
  orders_.pop_front_while(
      [open_too](const CustomerOrder& order) { return open_too || closed(order); },
      [this](std::uint64_t id, const CustomerOrder& order) { sink_->take_order(id, order); });
}

void OrderBook::hand_over_closed() {
  if (sink_) hand_over(false);
}

void OrderBook::flush() {
  SURGE_CHECK(sink_, "order book: flush without a sink");
  hand_over(true);
}

}  // namespace surge
