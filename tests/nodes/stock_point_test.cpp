// The stock point on its own (docs/model.md, "Stock points and replenishment" and "Flow of a
// customer order" step 2), built by hand with fake collaborators: strict FIFO allocation,
// whole customer orders, partial shipments downstream, what a stock-out leaves to the market,
// and ordering from sources.
#include "surge/nodes/stock_point.hpp"

#include <catch2/catch.hpp>
#include <memory>
#include <vector>

#include "../support/node_fakes.hpp"
#include "surge/policies/replenishment_policy.hpp"

namespace surge {
namespace {

using test::FakeMarket;
using test::FakeSource;
using test::FakeStockOwner;
using test::FakeTransport;

// One stock point of product 0 at node 0 with `initial` units, no sources; started unless
// the test gives it sources first.
struct Shelf {
  explicit Shelf(double initial, bool start = true) : point(env.world, 0, 0, initial, owner) {
    if (start) point.start();
  }
  test::TestWorld env;
  FakeStockOwner owner{env.world};
  FakeMarket market{env.world};
  StockPoint point;

  std::uint64_t order(double quantity) {
    std::uint64_t id = env.place(0, quantity);
    env.world.orders.take(id, 0);
    point.customer_order(id, market);
    return id;
  }
  const CustomerOrder& record(std::uint64_t id) const { return env.world.orders[id]; }
  std::vector<std::uint64_t> released() const {
    std::vector<std::uint64_t> ids;
    for (const auto& r : owner.released) ids.push_back(r.first);
    return ids;
  }
};

TEST_CASE("a stock point fills a customer order whole from stock when nobody waits ahead",
          "[nodes][stock_point]") {
  Shelf shelf(5);
  std::uint64_t id = shelf.order(3);
  CHECK(shelf.released() == std::vector<std::uint64_t>{id});
  CHECK(shelf.record(id).status == OrderStatus::in_process);
  CHECK(shelf.record(id).from_stock);
  CHECK(shelf.market.short_of_stock.empty());
  CHECK(shelf.point.on_hand() == 2);
  CHECK(shelf.env.observer.units(Flow::demanded) == 3);
  CHECK(shelf.env.observer.stock[0].back().a == 2);  // published on hand
}

TEST_CASE("a stock point allocates strictly first come first served", "[nodes][stock_point]") {
  Shelf shelf(5);
  std::uint64_t big = shelf.order(10);   // more than on hand: the market backorders it
  std::uint64_t small = shelf.order(2);  // on hand could fill it, but `big` waits ahead
  CHECK(shelf.released().empty());
  CHECK(shelf.market.short_of_stock == std::vector<std::uint64_t>{big, small});
  CHECK(shelf.point.on_hand() == 5);
  CHECK(shelf.point.backlog_units() == 12);
  CHECK(shelf.point.backlogged_orders() == 2);
  CHECK(shelf.point.inventory_position() == 5 - 12);
  shelf.env.at(1);
  shelf.point.receive(6);  // 11 on hand: fills `big`, 1 left is too few for `small`
  CHECK(shelf.released() == std::vector<std::uint64_t>{big});
  CHECK(shelf.point.on_hand() == 1);
  shelf.env.at(2);
  shelf.point.receive(1);
  CHECK(shelf.released() == std::vector<std::uint64_t>{big, small});
  CHECK(shelf.owner.released[1].second == 2);
  for (std::uint64_t id : {big, small}) {
    CHECK_FALSE(shelf.record(id).from_stock);
    CHECK(shelf.record(id).was_backordered);
    CHECK(shelf.record(id).status == OrderStatus::in_process);
  }
  CHECK(shelf.point.on_hand() == 0);
  CHECK(shelf.point.backlog_units() == 0);
}

TEST_CASE("a customer order is never split: a partial quantity on hand is not shipped",
          "[nodes][stock_point]") {
  Shelf shelf(3);
  std::uint64_t id = shelf.order(4);
  CHECK(shelf.released().empty());
  CHECK(shelf.point.on_hand() == 3);
  CHECK(shelf.record(id).status == OrderStatus::backordered);
}

TEST_CASE("when the market loses the sale the stock point keeps neither the order nor stock",
          "[nodes][stock_point]") {
  Shelf shelf(1);
  shelf.market.backorders = false;
  std::uint64_t id = shelf.order(2);
  CHECK(shelf.record(id).status == OrderStatus::lost);
  CHECK(shelf.point.on_hand() == 1);
  CHECK(shelf.point.backlog_units() == 0);
  CHECK(shelf.point.backlogged_orders() == 0);
  // A lost order is still demand (the policy and the forecast see it).
  CHECK(shelf.env.observer.units(Flow::demanded) == 2);
  shelf.point.receive(5);
  CHECK(shelf.released().empty());
}

TEST_CASE("a withdrawn backorder leaves the backlog and stops blocking the orders behind it",
          "[nodes][stock_point]") {
  Shelf shelf(0);
  std::uint64_t first = shelf.order(5);
  std::uint64_t second = shelf.order(1);
  shelf.env.at(3);
  // The first customer runs out of patience: the market loses the order and withdraws it.
  shelf.env.world.orders.lose(first);
  shelf.point.withdraw(first);
  CHECK(shelf.point.backlog_units() == 1);
  CHECK(shelf.point.backlogged_orders() == 1);
  shelf.point.receive(1);
  CHECK(shelf.released() == std::vector<std::uint64_t>{second});
  CHECK(shelf.record(first).status == OrderStatus::lost);
  CHECK(shelf.point.on_hand() == 0);
}

TEST_CASE("a downstream request ships what is on hand at once and the rest as stock arrives",
          "[nodes][stock_point]") {
  Shelf shelf(4);
  FakeTransport lane(shelf.env.world);
  test::FakeReceiver downstream(shelf.env.world);
  shelf.point.replenishment(ReplenishmentRequest{0, 10, &downstream, &lane});
  REQUIRE(lane.dispatched.size() == 1);
  CHECK(lane.dispatched[0].units == 4);
  CHECK(lane.dispatched[0].to == &downstream);
  CHECK(shelf.point.backlog_units() == 6);
  // A customer order behind the request waits for it (FIFO between all requests).
  std::uint64_t id = shelf.order(1);
  shelf.env.at(1);
  shelf.point.receive(3);
  CHECK(lane.dispatched.back().units == 3);
  CHECK(lane.dispatched.back().t == 1);
  CHECK(shelf.released().empty());
  shelf.env.at(2);
  shelf.point.receive(10);  // 3 complete the request, 1 fills the order, 6 stay
  CHECK(lane.total() == 10);
  CHECK(shelf.released() == std::vector<std::uint64_t>{id});
  CHECK(shelf.point.on_hand() == 6);
  CHECK(shelf.point.backlog_units() == 0);
  CHECK(shelf.env.observer.units(Flow::demanded) == 11);
}

TEST_CASE("a request with no lane is delivered straight to the requester", "[nodes][stock_point]") {
  Shelf shelf(2);
  test::FakeReceiver downstream(shelf.env.world);
  shelf.point.replenishment(ReplenishmentRequest{0, 5, &downstream, nullptr});
  CHECK(downstream.total() == 2);
  shelf.point.receive(3);
  CHECK(downstream.total() == 5);
}

// A continuous-review policy written here, so these tests depend on the stock point's
// contract with policies (ask after every change of position, order what it says) and not on
// how policies are declared: when the position is at or below s, order up to S.
class ReorderPoint : public ReplenishmentPolicy {
 public:
  ReorderPoint(double s, double S) : s_(s), S_(S) {}
  double order_quantity(const StockState& state) override {
    double position = state.position();
    return position <= s_ ? S_ - position : 0;
  }

 private:
  double s_, S_;
};

std::unique_ptr<ReplenishmentPolicy> ss_policy(double s, double S) {
  return std::make_unique<ReorderPoint>(s, S);
}

TEST_CASE("a continuous-review policy orders from the source when the position reaches s",
          "[nodes][stock_point]") {
  Shelf shelf(5);
  FakeSource source;
  shelf.point.set_sources({ResolvedSource{&source, nullptr, 1, false}}, ss_policy(3, 10));
  shelf.order(1);  // position 4 > 3: nothing
  CHECK(source.accepted.empty());
  shelf.order(1);  // position 3 <= 3: order up to 10
  REQUIRE(source.accepted.size() == 1);
  CHECK(source.accepted[0].units == 7);
  CHECK(source.accepted[0].deliver_to == &shelf.point);
  CHECK(shelf.point.on_order() == 7);
  CHECK(shelf.point.inventory_position() == 10);
  CHECK(shelf.env.observer.units(Flow::ordered) == 7);
  shelf.point.receive(7);
  CHECK(shelf.point.on_order() == 0);
  CHECK(shelf.point.on_hand() == 10);
}

TEST_CASE("a backup source gets the whole order only when no primary can ship it now",
          "[nodes][stock_point]") {
  Shelf shelf(5);
  FakeSource primary(false), backup(true);
  shelf.point.set_sources(
      {ResolvedSource{&backup, nullptr, 1, true}, ResolvedSource{&primary, nullptr, 1, false}},
      ss_policy(3, 10));
  shelf.order(2);
  CHECK(primary.accepted.empty());
  REQUIRE(backup.accepted.size() == 1);
  CHECK(backup.accepted[0].units == 7);
  primary.ships_now = true;
  shelf.point.receive(7);
  shelf.order(7);  // position 3 again
  REQUIRE(primary.accepted.size() == 1);
  CHECK(primary.accepted[0].units == 7);
  CHECK(backup.accepted.size() == 1);
}

TEST_CASE("shares split an order among the primary sources, the last taking the rest",
          "[nodes][stock_point]") {
  Shelf shelf(3, false);
  FakeSource a, b;
  shelf.point.set_sources(
      {ResolvedSource{&a, nullptr, 0.6, false}, ResolvedSource{&b, nullptr, 0.4, false}},
      ss_policy(3, 20));  // starts at its reorder point: orders 17 at start-up
  shelf.point.start();
  REQUIRE(a.accepted.size() == 1);
  REQUIRE(b.accepted.size() == 1);
  CHECK(a.accepted[0].units == 10);  // round(17 x 0.6)
  CHECK(b.accepted[0].units == 7);
}

}  // namespace
}  // namespace surge
