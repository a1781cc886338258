// Fulfilment centres (docs/model.md, "Flow of a customer order" step 3): stations in tandem,
// zero and unlimited servers, and the carrier's daily cut-off.
#include <catch2/catch.hpp>
#include <cmath>

#include "../support/run_support.hpp"

namespace surge {
namespace {

using test::load;
using test::t_interval;

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
    if (o.status == "delivered") {
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
    CHECK(o.status == "in_process");
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
    if (o.status == "delivered") CHECK(o.delivered - o.placed == Approx(0.25).margin(1e-9));
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
