// A factory line on its own (docs/model.md, "Factory"), built by hand: first come first
// served, batches released whole, work only in open hours, replenishment rounded up to whole
// batches, make-to-order orders shipped when their last unit is made, and batches that wait
// for their components.
#include "surge/nodes/production_line.hpp"

#include <catch2/catch.hpp>
#include <utility>
#include <vector>

#include "../support/node_fakes.hpp"

namespace surge {
namespace {

using Arrivals = std::vector<std::pair<Time, double>>;

Line line_spec(double rate, double batch) {
  Line line;
  line.name = "gizmo";
  line.product = "gizmo";
  line.rate = rate;
  line.batch = batch;
  return line;
}

struct Plant {
  Plant(Line spec, Calendar hours = Calendar())
      : line_spec(std::move(spec)),
        calendar(std::move(hours)),
        line(env.world, 0, line_spec, 0, 2.5, calendar, RandomStream(3), owner) {
    line.start();
  }
  test::TestWorld env;
  test::FakeLineOwner owner{env.world};
  Line line_spec;
  Calendar calendar;
  ProductionLine line;
};

TEST_CASE("a replenishment request is rounded up to whole batches and delivered batch by batch",
          "[nodes][production_line]") {
  Plant plant(line_spec(10, 10));  // 10 units an hour, batches of 10
  test::FakeReceiver stock(plant.env.world);
  CHECK(plant.line.accept(ReplenishmentRequest{0, 25, &stock, nullptr}) == 30);
  plant.env.at(100);
  CHECK(stock.received == Arrivals{{1.0, 10}, {2.0, 10}, {3.0, 10}});
  // Production is published as it completes, at the line's cost per unit.
  CHECK(plant.env.observer.units(Flow::produced) == 30);
  CHECK(plant.env.observer.money(Flow::produced) == 30 * 2.5);
}

TEST_CASE("a line serves its jobs first come first served", "[nodes][production_line]") {
  Plant plant(line_spec(10, 10));
  test::FakeReceiver first(plant.env.world), second(plant.env.world);
  test::FakeTransport lane(plant.env.world);
  plant.line.accept(ReplenishmentRequest{0, 20, &first, nullptr});
  plant.line.accept(ReplenishmentRequest{0, 10, &second, &lane});  // through a lane
  plant.env.at(100);
  CHECK(first.received == Arrivals{{1.0, 10}, {2.0, 10}});
  REQUIRE(lane.dispatched.size() == 1);
  CHECK(lane.dispatched[0].t == 3.0);
  CHECK(lane.dispatched[0].to == &second);
  CHECK(second.received.empty());  // the lane carries it
}

TEST_CASE("a line works only in its calendar's open hours", "[nodes][production_line][calendar]") {
  // Open 08:00-16:00; one batch of 10 units at 1 an hour needs 10 open hours.
  Plant plant(line_spec(1, 10), test::daily(8, 16));
  test::FakeReceiver stock(plant.env.world);
  plant.line.accept(ReplenishmentRequest{0, 10, &stock, nullptr});
  plant.env.at(100);
  // 8 hours on day 0 (08:00-16:00), the last 2 on day 1: done at 24 + 10.
  CHECK(stock.received == Arrivals{{34.0, 10}});
}

TEST_CASE("a make-to-order customer order ships when its last unit is made",
          "[nodes][production_line]") {
  Plant plant(line_spec(10, 10));
  std::uint64_t id = plant.env.place(0, 25);
  plant.env.world.orders.take(id, 0);
  plant.line.make_order(id);
  CHECK(plant.env.world.orders[id].status == OrderStatus::in_process);
  plant.env.at(100);
  // Batches of 10, 10 and 5: 1 h, 1 h, 0.5 h.
  REQUIRE(plant.owner.made.size() == 1);
  CHECK(plant.owner.made[0] == std::pair<std::uint64_t, Time>{id, 2.5});
  CHECK(plant.env.observer.steps_of(id) ==
        std::vector<OrderStep>{OrderStep::placed, OrderStep::production_started, OrderStep::made});
  CHECK(plant.line.held_units() == 0);
}

TEST_CASE("units made for an unfinished customer order are held by the line",
          "[nodes][production_line]") {
  Plant plant(line_spec(10, 10));
  std::uint64_t id = plant.env.place(0, 25);
  plant.env.world.orders.take(id, 0);
  plant.line.make_order(id);
  plant.env.at(2.25);
  CHECK(plant.line.held_units() == 20);
  CHECK(plant.line.orders_in_process() == 1);
  CHECK(plant.owner.made.empty());
}

TEST_CASE("a batch waits until its components are on hand", "[nodes][production_line]") {
  Plant plant(line_spec(10, 10));
  test::FakeReceiver stock(plant.env.world);
  plant.owner.components_on_hand = false;
  plant.line.accept(ReplenishmentRequest{0, 10, &stock, nullptr});
  plant.env.at(5);
  CHECK(stock.received.empty());
  // Asked once as a new batch, then again (already waiting) when told components came.
  plant.owner.components_on_hand = true;
  plant.line.components_arrived();
  plant.env.at(100);
  CHECK(stock.received == Arrivals{{6.0, 10}});
  REQUIRE(plant.owner.asked.size() == 2);
  CHECK_FALSE(plant.owner.asked[0].second);
  CHECK(plant.owner.asked[1].second);
  CHECK(plant.owner.asked[0].first == 10);
}

// `ship` (docs/model.md, "Factory"): two replenishment orders of 25 and 10 units at 10 an hour
// in batches of 10, through a lane. The first is rounded up to 30 (batches end at 1, 2, 3 h),
// the second is 10 (its batch ends at 4 h).
TEST_CASE("ship as_made: a replenishment order leaves batch by batch as each batch is made",
          "[nodes][production_line][ship]") {
  Line spec = line_spec(10, 10);
  REQUIRE(spec.ship == LineShipping::as_made);  // the default
  Plant plant(spec);
  test::FakeReceiver first(plant.env.world), second(plant.env.world);
  test::FakeTransport lane(plant.env.world);
  plant.line.accept(ReplenishmentRequest{0, 25, &first, &lane});
  plant.line.accept(ReplenishmentRequest{0, 10, &second, &lane});
  plant.env.at(2.5);
  CHECK(plant.line.held_units() == 0);  // what is made has left
  plant.env.at(100);
  REQUIRE(lane.dispatched.size() == 4);
  const std::vector<std::pair<Time, double>> expected = {{1, 10}, {2, 10}, {3, 10}, {4, 10}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(lane.dispatched[i].t == expected[i].first);
    CHECK(lane.dispatched[i].units == expected[i].second);
    CHECK(lane.dispatched[i].to == (i < 3 ? &first : &second));
  }
}

TEST_CASE("ship complete: a replenishment order leaves whole when its last batch is made",
          "[nodes][production_line][ship]") {
  Line spec = line_spec(10, 10);
  spec.ship = LineShipping::complete;
  Plant plant(spec);
  test::FakeReceiver first(plant.env.world), second(plant.env.world);
  test::FakeTransport lane(plant.env.world);
  plant.line.accept(ReplenishmentRequest{0, 25, &first, &lane});
  plant.line.accept(ReplenishmentRequest{0, 10, &second, &lane});
  // Two batches of the first order made, held at the line (in process), nothing shipped.
  plant.env.at(2.5);
  CHECK(lane.dispatched.empty());
  CHECK(plant.line.held_units() == 20);
  plant.env.at(100);
  REQUIRE(lane.dispatched.size() == 2);
  CHECK(lane.dispatched[0].t == 3.0);
  CHECK(lane.dispatched[0].units == 30);
  CHECK(lane.dispatched[0].to == &first);
  CHECK(lane.dispatched[1].t == 4.0);  // the line went on with the next order meanwhile
  CHECK(lane.dispatched[1].units == 10);
  CHECK(lane.dispatched[1].to == &second);
  CHECK(plant.line.held_units() == 0);
  // Production is still published batch by batch, as it completes.
  CHECK(plant.env.observer.units(Flow::produced) == 40);
}

TEST_CASE("ship complete without a lane: the stock receives the order whole",
          "[nodes][production_line][ship]") {
  Line spec = line_spec(10, 10);
  spec.ship = LineShipping::complete;
  Plant plant(spec);
  test::FakeReceiver stock(plant.env.world);
  plant.line.accept(ReplenishmentRequest{0, 25, &stock, nullptr});
  plant.env.at(100);
  CHECK(stock.received == Arrivals{{3.0, 30}});
}

TEST_CASE("ship complete leaves a make-to-order customer order as it was: whole when made",
          "[nodes][production_line][ship]") {
  Line spec = line_spec(10, 10);
  spec.ship = LineShipping::complete;
  Plant plant(spec);
  std::uint64_t id = plant.env.place(0, 25);
  plant.env.world.orders.take(id, 0);
  plant.line.make_order(id);
  plant.env.at(2.25);
  CHECK(plant.line.held_units() == 20);
  plant.env.at(100);
  REQUIRE(plant.owner.made.size() == 1);
  CHECK(plant.owner.made[0] == std::pair<std::uint64_t, Time>{id, 2.5});
}

TEST_CASE("with a per-unit time a batch takes the sum of one draw per unit",
          "[nodes][production_line]") {
  Line spec = line_spec(0, 4);
  spec.time = Distribution::constant(0.5);
  Plant plant(spec);
  test::FakeReceiver stock(plant.env.world);
  plant.line.accept(ReplenishmentRequest{0, 4, &stock, nullptr});
  plant.env.at(100);
  CHECK(stock.received == Arrivals{{2.0, 4}});
}

}  // namespace
}  // namespace surge

namespace surge {
namespace {

TEST_CASE("a line publishes its backlog: at capacity while accepted units wait to start",
          "[nodes][production_line][census]") {
  Plant plant(line_spec(10, 10));
  test::FakeReceiver stock(plant.env.world);
  REQUIRE(plant.env.observer.limits.size() == 1);
  CHECK(plant.env.observer.limits[0].kind == LimitKind::line);
  plant.line.accept(ReplenishmentRequest{0, 30, &stock, nullptr});  // batches at 0, 1, 2 h
  plant.env.at(100);
  using States = std::vector<std::pair<Time, LimitState>>;
  // The last batch starts at 2 h: from then on nothing waits to start.
  CHECK(plant.env.observer.limit_states(0) ==
        States{{0.0, LimitState::free}, {0.0, LimitState::at_capacity}, {2.0, LimitState::free}});
  CHECK(plant.env.observer.held(0) == 20);  // the first batch started at once
}

}  // namespace
}  // namespace surge
