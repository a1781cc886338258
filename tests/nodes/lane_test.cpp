// Lanes (docs/model.md, "Lanes"): per-shipment lead times and loading capacity. First a lane
// built by hand between fake stock points, then a whole scenario.
#include "surge/nodes/lane.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <utility>
#include <vector>

#include "../support/node_fakes.hpp"
#include "../support/run_support.hpp"

namespace surge {
namespace {

struct Road {
  explicit Road(Distribution lead_time, double capacity = kUnlimited, double cost = 0) {
    spec.from = "hub";
    spec.to = "shop";
    spec.lead_time = std::move(lead_time);
    spec.capacity = capacity;
    spec.cost = cost;
    lane = std::make_unique<TransportLane>(env.world, spec, 4, RandomStream(9));
  }
  test::TestWorld env;
  Lane spec;
  std::unique_ptr<TransportLane> lane;
  test::FakeReceiver shop{env.world};
};

TEST_CASE("each shipment on a lane draws its own lead time", "[nodes][lane]") {
  // 400 shipments, one every 6 minutes, each to its own receiver so its transit time is known;
  // lead time uniform on [24 h, 72 h]: mean 48 h, variance 48^2 / 12 = 192 h^2. One draw per
  // lane (or per run) would make every transit time the same, with variance 0.
  Road road(Distribution::uniform(24, 72));
  constexpr int kShipments = 400;
  std::vector<std::unique_ptr<test::FakeReceiver>> shops;
  std::vector<Time> sent;
  for (int i = 0; i < kShipments; ++i) {
    road.env.at(i * 0.1);
    shops.push_back(std::make_unique<test::FakeReceiver>(road.env.world));
    sent.push_back(road.env.now());
    road.lane->dispatch(0, 1, shops.back().get());
  }
  road.env.at(1000);
  std::vector<Time> transit, arrival;
  for (int i = 0; i < kShipments; ++i) {
    REQUIRE(shops[i]->received.size() == 1);
    arrival.push_back(shops[i]->received[0].first);
    transit.push_back(arrival.back() - sent[i]);
  }
  const double n = kShipments;
  double mean = 0, ss = 0;
  for (Time x : transit) mean += x / n;
  for (Time x : transit) ss += (x - mean) * (x - mean);
  const double variance = ss / (n - 1);
  // 99.9% bands (3.29 sd): the mean's sd is sqrt(192 / 400) = 0.69 h; the sample variance's
  // is sqrt((mu4 - sigma^4) / n) = sqrt((48^4 / 80 - 192^2) / 400) = 8.6 h^2.
  CHECK(mean == Approx(48).margin(3.29 * 0.69));
  CHECK(variance == Approx(192).margin(3.29 * 8.6));
  // Shipments overtake one another: arrivals are not in the order of dispatch.
  CHECK_FALSE(std::is_sorted(arrival.begin(), arrival.end()));
}

TEST_CASE("a lane with capacity loads its shipments one after another, first come first served",
          "[nodes][lane]") {
  Road road(Distribution::constant(1), 10, 0.5);  // loads 10 units an hour, 1 h in transit
  road.lane->dispatch(0, 20, &road.shop);
  road.lane->dispatch(0, 10, &road.shop);
  // Both are in transit (waiting to load counts) for the conservation census.
  Census census(1);
  road.lane->add_to(census);
  CHECK(census.in_transit[0] == 30);
  road.env.at(100);
  // The first loads for 2 h, the second after it for 1 h; each then travels 1 h.
  CHECK(road.shop.received == std::vector<std::pair<Time, double>>{{3.0, 20}, {4.0, 10}});
  // Dispatch is published at once, with the lane's cost per unit, for the origin node.
  CHECK(road.env.observer.units(Flow::transported) == 30);
  CHECK(road.env.observer.money(Flow::transported) == 15);
  CHECK(road.env.observer.flows.front().node == 4);
  CHECK(road.env.observer.flows.front().t == 0);
  Census after(1);
  road.lane->add_to(after);
  CHECK(after.in_transit[0] == 0);
}

TEST_CASE("a lane without capacity sends every shipment on its way at once", "[nodes][lane]") {
  Road road(Distribution::constant(2));
  road.lane->dispatch(0, 20, &road.shop);
  road.lane->dispatch(0, 10, &road.shop);
  road.lane->dispatch(0, 0, &road.shop);  // nothing to carry: no shipment
  road.env.at(100);
  CHECK(road.shop.received == std::vector<std::pair<Time, double>>{{2.0, 20}, {2.0, 10}});
}

// The hub ships to the shop over a lane that loads 24 units a day; the shop reorders
// one-for-one and sells 40 a day.
const char* kLane = R"(name: lane
horizon: 30d
products:
  - {id: w}
nodes:
  - id: hub
    type: warehouse
    inventory: {w: {initial: 100000}}
  - id: shop
    type: warehouse
    inventory: {w: {initial: 10, source: hub, policy: {type: base_stock, level: 10}}}
lanes:
  - {from: hub, to: shop, lead_time: 1d, capacity: 24/d}
markets:
  - {id: m, served_by: shop, demand: {product: w, rate: 40/d}}
)";

TEST_CASE("a lane with capacity loads at most its rate", "[nodes][lane]") {
  auto capped = test::run(kLane);
  auto open = test::run(kLane, 0, false, {"lanes.hub:shop.capacity=1000/d"});
  // Units sold = demand - still backordered at the end (orders ship whole from the shop).
  // The lane loads 24 a day and each load takes a day to arrive, so over 30 days the shop
  // receives at most 24 x 29 on top of its initial 10.
  auto units_shipped = [](const RunResult& r) {
    auto end = test::sample_at(r, "shop", "w", 30 * 24.0);
    return r.kpi("run", "demand_units") - end.backlog;
  };
  double delivered_capped = units_shipped(capped), delivered_open = units_shipped(open);
  CHECK(delivered_capped <= 24 * 29.0 + 10 + 1e-9);
  CHECK(delivered_capped >= 24 * 28.0);  // the lane is the bottleneck and runs flat out
  CHECK(delivered_open > delivered_capped + 200);
  test::check_conservation_lines(capped);
}

}  // namespace
}  // namespace surge

namespace surge {
namespace {

using States = std::vector<std::pair<Time, LimitState>>;

TEST_CASE("a lane with capacity publishes when it loads at capacity and what waits for it",
          "[nodes][lane][census]") {
  test::TestWorld env;
  Lane spec;
  spec.from = "hub";
  spec.to = "shop";
  spec.lead_time = Distribution::constant(10);
  spec.capacity = 5;  // units an hour
  TransportLane lane(env.world, spec, 4, RandomStream(9), 7);
  test::FakeReceiver shop(env.world);
  REQUIRE(env.observer.limits.size() == 1);
  CHECK(env.observer.limits[0].kind == LimitKind::lane);
  CHECK(env.observer.limits[0].node == 4);
  CHECK(env.observer.limits[0].other == 7);
  lane.dispatch(0, 10, &shop);  // loads from 0 h to 2 h: at capacity, nothing waiting behind
  lane.dispatch(0, 15, &shop);  // waits, then loads from 2 h to 5 h
  env.at(100);
  CHECK(env.observer.limit_states(0) ==
        States{{0.0, LimitState::at_capacity}, {5.0, LimitState::free}});
  CHECK(env.observer.held(0) == 15);  // the second shipment found the lane loading
}

TEST_CASE("a lane without capacity is not a limit", "[nodes][lane][census]") {
  test::TestWorld env;
  Lane spec;
  spec.lead_time = Distribution::constant(1);
  TransportLane lane(env.world, spec, 0, RandomStream(9), 1);
  CHECK(env.observer.limits.empty());
}

}  // namespace
}  // namespace surge
