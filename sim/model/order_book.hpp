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
//
// Delivered and lost orders are closed. Once a sink is attached (stream_to), each closed order
// is handed to it, in id order, when the next order is placed after it and every order placed
// before it are closed, and its slot is recycled: the book keeps only the orders from the
// oldest open one on, whatever the length of the run (docs/performance.md, "Memory"). So a
// closed order stays readable until the next order is placed (a node that withdraws a lost
// backorder reads it), and only place() invalidates references to records. Ids stay unique:
// whoever still holds the id of a handed-over order can ask handed_over(id) (it is closed:
// delivered or lost).
#include <array>
#include <cstdint>

#include "surge/kernel/simulator.hpp"
#include "surge/model/entities.hpp"
#include "surge/model/id_ring.hpp"
#include "surge/model/observer.hpp"
#include "surge/model/record_sink.hpp"

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

  // A kept order (not handed over); see handed_over().
  const CustomerOrder& operator[](std::uint64_t id) const { return orders_[id]; }
  // The order is closed and its record gone to the sink (its id must have been placed).
  bool handed_over(std::uint64_t id) const { return id < orders_.first_id(); }
  std::uint64_t placed() const { return orders_.next_id(); }  // orders placed so far
  // Orders now in each status (handed-over ones included), for the conservation check.
  double count(OrderStatus status) const { return counts_[static_cast<std::size_t>(status)]; }
  // Orders kept now, and the slots they take (tests: the book does not grow with the run).
  std::size_t kept() const { return orders_.size(); }
  std::size_t capacity() const { return orders_.capacity(); }

  // From now on closed orders go to `sink` in id order and their slots are recycled.
  void stream_to(RecordSink* sink) { sink_ = sink; }
  // The end of the run: every order still kept, open or closed, to the sink in id order.
  void flush();

 private:
  // The order, after checking that it exists and is in `from` (the step is legal). One test on
  // the hot path; refuse() says what was wrong.
  CustomerOrder& in(std::uint64_t id, OrderStatus from, OrderStep step) {
    if (!orders_.holds(id) || orders_[id].status != from) [[unlikely]]
      refuse(id, from, step);
    return orders_[id];
  }
  // Moves a kept order from one status to the next in the counts.
  void recount(OrderStatus from, OrderStatus to) {
    counts_[static_cast<std::size_t>(from)] -= 1;
    counts_[static_cast<std::size_t>(to)] += 1;
  }
  // Hands the closed orders at the front to the sink (none without one); in place().
  void hand_over_closed();
  // Hands the orders at the front to the sink while they are closed (or all, `open_too`).
  void hand_over(bool open_too);
  [[noreturn, gnu::cold, gnu::noinline]] void refuse(std::uint64_t id, OrderStatus from,
                                                     OrderStep step) const;
  void publish(OrderStep step, std::uint64_t id);

  const Simulator& sim_;
  Observer& observer_;
  IdRing<CustomerOrder> orders_;
  std::array<double, 6> counts_{};  // by OrderStatus
  RecordSink* sink_ = nullptr;
};

}  // namespace surge
