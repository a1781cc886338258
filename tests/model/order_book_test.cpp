// The order book (docs/model.md, "The life of a customer order"): the one owner of an order's
// status. Every legal step is stamped and published; an illegal one is a bug in Surge and
// throws InternalError instead of corrupting the record.
#include "surge/model/order_book.hpp"

#include <catch2/catch.hpp>
#include <vector>

#include "../support/node_fakes.hpp"
#include "surge/kernel/error.hpp"

namespace surge {
namespace {

TEST_CASE("the order book stamps and publishes every step of an order's life", "[model][orders]") {
  test::TestWorld env;
  OrderBook& book = env.world.orders;
  env.at(1);
  std::uint64_t id = book.place(2, 3, 4.0, kNone);
  CHECK(book[id].status == OrderStatus::placed);
  CHECK(book[id].placed == 1);
  CHECK(book[id].market == 2);
  CHECK(book[id].product == 3);
  CHECK(book[id].quantity == 4);
  book.take(id, 7);
  CHECK(book[id].fulfiller == 7);
  book.backorder(id);
  CHECK(book[id].status == OrderStatus::backordered);
  env.at(2);
  book.fill_from_backlog(id);
  CHECK(book[id].status == OrderStatus::in_process);
  CHECK(book[id].picked == 2);
  CHECK_FALSE(book[id].from_stock);
  CHECK(book[id].was_backordered);
  env.at(3);
  book.ship(id, 5);
  CHECK(book[id].status == OrderStatus::in_transit);
  CHECK(book[id].shipped == 3);
  CHECK(book[id].delivery_scheduled == 5);
  CHECK(book[id].delivered < 0);
  CHECK(env.observer.units(Flow::shipped) == 4);
  CHECK(env.observer.flows.back().node == 7);
  env.at(5);
  book.deliver(id);
  CHECK(book[id].status == OrderStatus::delivered);
  CHECK(book[id].delivered == 5);
  CHECK(env.observer.steps_of(id) ==
        std::vector<OrderStep>{OrderStep::placed, OrderStep::backordered,
                               OrderStep::filled_from_backlog, OrderStep::shipped,
                               OrderStep::delivered});
  CHECK(book.placed() == 1);
  CHECK(book.kept() == 1);  // no sink: the book keeps every order
  CHECK(book.count(OrderStatus::delivered) == 1);
}

TEST_CASE("an illegal step of an order is an internal error", "[model][orders]") {
  test::TestWorld env;
  OrderBook& book = env.world.orders;
  std::uint64_t id = book.place(0, 0, 1.0, kNone);
  CHECK_THROWS_AS(book.ship(id, 0), InternalError);              // not yet in process
  CHECK_THROWS_AS(book.deliver(id), InternalError);              // not shipped
  CHECK_THROWS_AS(book.fill_from_backlog(id), InternalError);    // never backordered
  CHECK_THROWS_AS(book.made(id), InternalError);                 // not in production
  CHECK_THROWS_AS(book.fill_from_stock(id + 1), InternalError);  // no such order
  book.take(id, 0);
  CHECK_THROWS_AS(book.take(id, 1), InternalError);  // taken twice
  book.fill_from_stock(id);
  CHECK_THROWS_AS(book.fill_from_stock(id), InternalError);  // twice
  CHECK_THROWS_AS(book.lose(id), InternalError);             // in process: not losable
  CHECK_THROWS_AS(book.backorder(id), InternalError);
  env.at(2);
  CHECK_THROWS_AS(book.ship(id, 1), InternalError);  // delivered before shipped
  book.ship(id, 3);
  CHECK_THROWS_AS(book.deliver(id), InternalError);  // before its scheduled time
  env.at(3);
  book.deliver(id);
  CHECK_THROWS_AS(book.deliver(id), InternalError);  // twice
  // The record is unchanged by the refused steps.
  CHECK(book[id].status == OrderStatus::delivered);
  CHECK(book[id].delivered == 3);
}

TEST_CASE("a lost order leaves the book's life for good", "[model][orders]") {
  test::TestWorld env;
  OrderBook& book = env.world.orders;
  std::uint64_t sale = book.place(0, 0, 1.0, kNone), waiting = book.place(0, 0, 1.0, kNone);
  book.lose(sale);  // lost sale: straight from placed
  book.backorder(waiting);
  book.lose(waiting);  // ran out of patience
  for (std::uint64_t id : {sale, waiting}) {
    CHECK(book[id].status == OrderStatus::lost);
    CHECK_THROWS_AS(book.fill_from_backlog(id), InternalError);
    CHECK_THROWS_AS(book.lose(id), InternalError);
  }
}

TEST_CASE("a make-to-order order is made once, then ships", "[model][orders]") {
  test::TestWorld env;
  OrderBook& book = env.world.orders;
  std::uint64_t id = book.place(0, 0, 3.0, kNone);
  book.start_production(id);
  CHECK(book[id].picked < 0);
  env.at(4);
  book.made(id);
  CHECK(book[id].picked == 4);
  CHECK_THROWS_AS(book.made(id), InternalError);
  book.ship(id, 4);
  CHECK(book[id].status == OrderStatus::in_transit);
}

}  // namespace
}  // namespace surge
