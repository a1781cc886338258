// Fulfilment centres (docs/model.md, "Flow of a customer order" step 3): stations in tandem,
// zero and unlimited servers, and the carrier's daily cut-off. First a centre built by hand
// with a fake market, then whole scenarios.
#include "surge/nodes/fulfilment_centre.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "../support/node_fakes.hpp"
#include "../support/run_support.hpp"

namespace surge {
namespace {

using test::load;
using test::t_interval;

using Handed = std::vector<std::pair<std::uint64_t, Time>>;

// A centre (node 0) holding `initial` units of product 0, with a pick station (1 h, one
// server) then a pack station (30 min, one server), on `hours`, serving market 0.
struct Centre {
  explicit Centre(double initial, std::optional<Time> cutoff = std::nullopt,
                  Calendar hours = Calendar())
      : calendar(std::move(hours)) {
    spec.id = "fc";
    spec.type = NodeType::fulfilment;
    spec.inventory.push_back(StockItem{"w", initial, {}, {}});
    spec.stations.push_back(Station{"pick", 1, Distribution::constant(1.0), ""});
    spec.stations.push_back(Station{"pack", 1, Distribution::constant(0.5), ""});
    spec.cutoff = cutoff;
    std::vector<FulfilmentStation> stations;
    for (const Station& s : spec.stations)
      stations.push_back(FulfilmentStation{s, calendar, RandomStream(11)});
    centre = std::make_unique<FulfilmentCentre>(env.world, StockingSpec{0, spec, {0}, 1}, calendar,
                                                std::move(stations));
    centre->serve(0, market);
    centre->start();
  }
  std::uint64_t order(double quantity) {
    std::uint64_t id = env.place(0, quantity);
    centre->accept_order(id);
    return id;
  }
  test::TestWorld env;
  Node spec;
  Calendar calendar;
  test::FakeMarket market{env.world};
  std::unique_ptr<FulfilmentCentre> centre;
};

TEST_CASE("a centre built by hand passes each order through its stations in turn, then ships it",
          "[nodes][fulfilment]") {
  Centre fc(10);
  std::uint64_t a = fc.order(2), b = fc.order(3);
  CHECK(fc.env.world.orders[a].fulfiller == 0);
  // Units taken from stock are in process until shipped.
  Census census(1);
  fc.centre->add_to(census);
  CHECK(census.on_hand[0] == 5);
  CHECK(census.in_process[0] == 5);
  CHECK(census.orders_in_process == 2);
  fc.env.at(100);
  // a: pick 0-1, pack 1-1.5. b: pick 1-2 (waits for the picker), pack 2-2.5.
  CHECK(fc.market.handed == Handed{{a, 1.5}, {b, 2.5}});
  CHECK(fc.env.observer.steps_of(b) == std::vector<OrderStep>{OrderStep::placed,
                                                              OrderStep::filled_from_stock,
                                                              OrderStep::shipped});
  Census after(1);
  fc.centre->add_to(after);
  CHECK(after.in_process[0] == 0);
  CHECK(fc.env.observer.units(Flow::shipped) == 5);
}

TEST_CASE("a centre built by hand sends an order short of stock to its market, then fills it",
          "[nodes][fulfilment]") {
  Centre fc(1);
  std::uint64_t id = fc.order(4);
  CHECK(fc.market.short_of_stock == std::vector<std::uint64_t>{id});
  fc.env.at(5);
  fc.centre->stock(0)->receive(3);  // 4 on hand: the order leaves the backlog for the stations
  fc.env.at(100);
  CHECK(fc.market.handed == Handed{{id, 6.5}});
  CHECK(fc.env.world.orders[id].was_backordered);
}

TEST_CASE("with a cut-off the carrier collects at that time on days the centre is open",
          "[nodes][fulfilment][calendar]") {
  // Open Monday to Friday 08:00-18:00; the carrier comes at 16:00.
  std::array<std::vector<Calendar::Interval>, 7> week;
  for (int d = 0; d < 5; ++d) week[static_cast<std::size_t>(d)].push_back({8, 18});
  Centre fc(100, 16.0, Calendar(week, {}));
  fc.env.at(9);
  std::uint64_t monday = fc.order(1);  // done at 10:30, collected at 16:00
  fc.env.at(4 * 24 + 17);
  std::uint64_t friday = fc.order(1);  // picked 17:00-18:00, packed Monday 08:00-08:30
  fc.env.at(400);
  CHECK(fc.market.handed == Handed{{monday, 16.0}, {friday, 7 * 24 + 16.0}});
}

// Plenty of stock, two stations in tandem; the last mile is instant.
const char* kTandem = R"(name: tandem
horizon: 30d
warmup: 2d
products:
  - {id: w, price: 10}
nodes:
  - id: fc
    type: fulfilment
    inventory: {w: {initial: 1000000}}
    stations:
      - {name: pick, servers: 1, time: {dist: exponential, mean: 4min}}
      - {name: pack, servers: 1, time: {dist: exponential, mean: 5min}}
markets:
  - {id: m, served_by: fc, demand: {product: w, rate: 9/h}}
)";

TEST_CASE("fulfilment stations in tandem behave as a Jackson network",
          "[nodes][fulfilment][stats]") {
  // Poisson 9/h into exponential stations of 15/h and 12/h: by Burke's theorem both are M/M/1,
  // so the waits are rho / (mu - lambda): 0.6 / 6 = 0.1 h and 0.75 / 3 = 0.25 h.
  Scenario s = load(kTandem);
  std::vector<double> pick, pack, lead;
  for (int r = 0; r < 20; ++r) {
    RunResult result = run_replication(s, static_cast<std::uint64_t>(r));
    pick.push_back(result.kpi("run", "mean_wait", "fc", "", "", "pick"));
    pack.push_back(result.kpi("run", "mean_wait", "fc", "", "", "pack"));
    lead.push_back(result.kpi("run", "mean_lead_time"));
    test::check_conservation_lines(result);
  }
  auto pick_ci = t_interval(pick), pack_ci = t_interval(pack), lead_ci = t_interval(lead);
  INFO("pick " << pick_ci.text() << " pack " << pack_ci.text() << " lead " << lead_ci.text());
  CHECK(pick_ci.contains(0.1));
  CHECK(pack_ci.contains(0.25));
  // Lead time = sojourn in both stations: 1 / (mu - lambda) each, 1/6 + 1/3 = 0.5 h.
  CHECK(lead_ci.contains(0.5));
}

TEST_CASE("every order passes the stations in order", "[nodes][fulfilment]") {
  auto r = test::run_with_records(kTandem, {"horizon=3d", "warmup=0d"});
  double picked = r.kpi("run", "jobs_started", "fc", "", "", "pick");
  double packed = r.kpi("run", "jobs_started", "fc", "", "", "pack");
  CHECK(picked >= packed);
  CHECK(picked - packed <= 10);  // the few orders between the two at the horizon
  double delivered = 0;
  for (const auto& o : r.orders)
    if (o.status == OrderStatus::delivered) {
      ++delivered;
      CHECK(o.from_stock);
      CHECK(o.delivered == o.shipped);  // instant last mile
      CHECK(o.shipped > o.placed);      // the stations took time
    }
  CHECK(delivered <= packed);
  CHECK(packed - delivered <= 1);  // at most the one in the pack station
}

TEST_CASE("a station with zero servers holds every order and the run still balances",
          "[nodes][fulfilment]") {
  auto r = test::run_with_records(kTandem,
                                  {"nodes.fc.stations.pack.servers=0", "horizon=3d", "warmup=0d"});
  CHECK(r.kpi("run", "jobs_started", "fc", "", "", "pack") == 0);
  CHECK(std::isnan(r.kpi("run", "utilisation", "fc", "", "", "pack")));
  CHECK(r.kpi("run", "mean_queue", "fc", "", "", "pack") > 10);
  for (const auto& o : r.orders) {
    CHECK(o.status == OrderStatus::in_process);
    CHECK(o.shipped < 0);
  }
  CHECK(r.kpi("run", "demand_orders") == static_cast<double>(r.orders.size()));
  CHECK(std::isnan(r.kpi("run", "mean_lead_time")));
  test::check_conservation_lines(r);
}

TEST_CASE("unlimited servers never make an order wait", "[nodes][fulfilment]") {
  auto r = test::run_with_records(
      kTandem,
      {"nodes.fc.stations.pick.servers=unlimited", "nodes.fc.stations.pack.servers=unlimited",
       "nodes.fc.stations.pick.time=10min", "nodes.fc.stations.pack.time=5min",
       "markets.m.demand.rate=100/h", "horizon=2d", "warmup=0d"});
  CHECK(r.kpi("run", "mean_wait", "fc", "", "", "pick") == 0);
  CHECK(r.kpi("run", "mean_wait", "fc", "", "", "pack") == 0);
  CHECK(r.kpi("run", "utilisation", "fc", "", "", "pick") == 0);  // documented for unlimited
  for (const auto& o : r.orders)
    if (o.status == OrderStatus::delivered)
      CHECK(o.delivered - o.placed == Approx(0.25).margin(1e-9));
}

// One quick station, a carrier at 16:00 on days the centre is open (weekdays 08:00-18:00).
const char* kCutoff = R"(name: cutoff
horizon: 21d
products:
  - {id: w}
calendars:
  weekdays: {mon-fri: "08:00-18:00"}
nodes:
  - id: fc
    type: fulfilment
    calendar: weekdays
    cutoff: "16:00"
    inventory: {w: {initial: 100000}}
    stations:
      - {name: pick, servers: unlimited, time: 30min}
markets:
  - id: m
    served_by: fc
    demand: {product: w, rate: 3/h}
    delivery: {lead_time: 1d, promise: 2d}
)";

TEST_CASE("with a cut-off the carrier collects only at the cut-off time", "[nodes][fulfilment]") {
  auto r = test::run_with_records(kCutoff);
  std::size_t shipped = 0;
  for (const auto& o : r.orders) {
    if (o.shipped < 0) continue;
    ++shipped;
    INFO("order placed " << o.placed << " shipped " << o.shipped);
    CHECK(std::fmod(o.shipped, 24.0) == Approx(16.0).margin(1e-9));
    long day = static_cast<long>(std::floor(o.shipped / 24));
    CHECK(day % 7 < 5);  // never on a weekend: no open hours there
    CHECK(o.shipped >= o.placed);
    // Picking starts at the next opening and takes 30 min; the first collection after that.
    CHECK(o.shipped - o.placed < 4 * 24.0);  // Friday 16:00 misses carry over to Monday 16:00
    CHECK(o.delivered - o.shipped == Approx(24.0));
  }
  CHECK(shipped > 0);
  test::check_conservation_lines(r);
}

TEST_CASE("without a cut-off orders ship as soon as the last station is done",
          "[nodes][fulfilment]") {
  Scenario s = load(kCutoff);
  s.nodes[0].cutoff.reset();
  auto r = run_replication(s, 0, RunOptions{true});
  bool off_cutoff = false;
  for (const auto& o : r.orders)
    if (o.shipped >= 0 && std::fabs(std::fmod(o.shipped, 24.0) - 16.0) > 1e-6) off_cutoff = true;
  CHECK(off_cutoff);
}

}  // namespace
}  // namespace surge
