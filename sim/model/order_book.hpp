#pragma once
// The one owner of every customer order's life. Markets, stock points, lines and carriers ask
// it to move an order from one status to the next; it checks that the step is legal from the
// order's status (an illegal one is a bug in Surge: InternalError), stamps its time, and
// publishes it to the Observer. The transitions (docs/model.md, "The life of a customer
// order"):
//
//   placed -> in_process     filled from stock on arrival, or taken by a make-to-order line
//   placed -> backordered    short of stock; the market keeps the customer waiting
//   placed -> lost           short of stock; the market loses the sale
//   backordered -> in_process  filled when stock arrived
//   backordered -> lost        the customer ran out of patience
//   in_process -> in_transit   handed to the market's carrier (shipped)
//   in_transit -> delivered    the last mile is done (an event at its time)
#include <cstdint>
#include <vector>

#include "surge/kernel/simulator.hpp"
#include "surge/model/entities.hpp"
#include "surge/model/observer.hpp"

namespace surge {

class OrderBook {
 public:
  OrderBook(const Simulator& sim, Observer& observer) : sim_(sim), observer_(observer) {}

  // A market places an order now; it is `placed` until a node takes it.
  std::uint64_t place(std::uint32_t market, std::uint32_t product, double quantity,
                      std::uint32_t campaign);
  // The node that serves the market takes the order (it fills, backorders or makes it next).
  void take(std::uint64_t id, std::uint32_t node);
  void fill_from_stock(std::uint64_t id);
  void backorder(std::uint64_t id);
  void lose(std::uint64_t id);
  void fill_from_backlog(std::uint64_t id);
  void start_production(std::uint64_t id);
  void made(std::uint64_t id);  // its last unit is made; it stays in process
  // Handed to the carrier now; the carrier will deliver it at `delivery` (>= now).
  void ship(std::uint64_t id, Time delivery);
  void deliver(std::uint64_t id);  // at its scheduled delivery time

  const CustomerOrder& operator[](std::uint64_t id) const { return orders_[id]; }
  std::size_t size() const { return orders_.size(); }
  const std::vector<CustomerOrder>& records() const { return orders_; }

 private:
  // The order, after checking that it exists and is in `from` (the step is legal). One test on
  // the hot path; refuse() says what was wrong.
  CustomerOrder& in(std::uint64_t id, OrderStatus from, OrderStep step) {
    if (id >= orders_.size() || orders_[id].status != from) [[unlikely]]
      refuse(id, from, step);
    return orders_[id];
  }
  [[noreturn, gnu::cold, gnu::noinline]] void refuse(std::uint64_t id, OrderStatus from,
                                                     OrderStep step) const;
  void publish(OrderStep step, std::uint64_t id);

  const Simulator& sim_;
  Observer& observer_;
  std::vector<CustomerOrder> orders_;
};

}  // namespace surge
