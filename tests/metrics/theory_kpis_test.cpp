// The KPIs theory checks need (docs/kpis.md): the probability that a contact waits at all, the
// mean wait of every contact, the maximum backlog of a stock point, and the bullwhip ratio of an
// ordering stock point, each against its definition computed by hand from the run's records and
// time series. analysis/validation.py checks them against queueing and inventory theory.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <vector>

#include "../support/run_support.hpp"

namespace surge {
namespace {

// One desk, exponential handling and patience, so some callers are answered at once, some wait
// and some hang up.
const char* kDesk = R"(name: desk
horizon: 6d
warmup: 1d
products:
  - {id: w}
nodes:
  - id: wh
    type: warehouse
    inventory: {w: {initial: 10}}
  - id: desk
    type: service
    agents: 2
    handle_time: {dist: exponential, mean: 10min}
    patience: {dist: exponential, mean: 4min}
    arrivals: {rate: 11/h}
markets:
  - id: m
    served_by: wh
    demand: {product: w, rate: 1/d}
)";

TEST_CASE("wait probability and mean wait of all contacts follow the contact records",
          "[metrics][kpi]") {
  auto r = test::run_with_records(kDesk);
  const double from = 24, to = 144;
  double offered = 0, waited = 0, wait_sum = 0, answered_waits = 0, answered = 0;
  for (const auto& c : r.contacts) {
    if (c.arrived < from || c.arrived >= to) continue;
    if (c.answered >= 0) {
      offered += 1;
      answered += 1;
      wait_sum += c.answered - c.arrived;
      answered_waits += c.answered - c.arrived;
      waited += c.answered > c.arrived ? 1 : 0;
    } else if (c.abandoned >= 0) {
      offered += 1;
      waited += 1;
      wait_sum += c.abandoned - c.arrived;
    }
  }
  REQUIRE(offered > 100);
  REQUIRE(r.kpi("run", "abandoned", "desk") > 0);  // the case this test is about
  REQUIRE(waited < offered);                       // some were answered at once
  CHECK(r.kpi("run", "wait_probability", "desk") == Approx(waited / offered));
  CHECK(r.kpi("run", "mean_wait_all", "desk") == Approx(wait_sum / offered));
  CHECK(r.kpi("run", "mean_wait", "desk") == Approx(answered_waits / answered));
  // Hanging up ends a wait early, but counting those waits adds them: all >= answered only
  // would not hold in general, so compare with the definition above, not with mean_wait.
}

TEST_CASE("a contact answered on arrival never counts as waiting", "[metrics][kpi]") {
  // Unlimited agents: nobody ever waits.
  auto r = test::run(kDesk, 0, false, {"nodes.desk.agents=unlimited"});
  CHECK(r.kpi("run", "wait_probability", "desk") == 0);
  CHECK(r.kpi("run", "mean_wait_all", "desk") == 0);
}

// Stock 0, one-for-one replenishment that arrives exactly 2 days after each order: the backlog
// at t is 2 units per order placed in (t - 2d, t].
const char* kBacklog = R"(name: backlog
horizon: 30d
products:
  - {id: w, unit_cost: 1}
nodes:
  - id: vendor
    type: supplier
    products: {w: {lead_time: 0h}}
  - id: dc
    type: warehouse
    inventory: {w: {initial: 0, source: vendor, policy: {type: base_stock, level: 0}}}
lanes:
  - {from: vendor, to: dc, lead_time: 2d}
markets:
  - id: m
    served_by: dc
    demand: {product: w, rate: 3/d, size: 2}
campaigns:
  - {id: late, product: w, start: 20d, duration: 5d, uplift: 1}
)";

// The largest number of orders waiting at once within [from, to): order i waits over
// [placed_i, placed_i + 48h).
double max_waiting(const std::vector<OrderRecord>& orders, double from, double to) {
  double best = 0;
  for (const auto& a : orders) {
    // Candidate peaks: each arrival inside the window, and the window start.
    for (double t : {a.placed, from}) {
      if (t < from || t >= to) continue;
      double n = 0;
      for (const auto& b : orders) n += (b.placed <= t && t < b.placed + 48) ? 1 : 0;
      best = std::max(best, n);
    }
  }
  return best;
}

TEST_CASE("the maximum backlog is the largest backlog held in the window", "[metrics][kpi]") {
  auto r = test::run_with_records(kBacklog);
  REQUIRE(r.orders.size() > 50);
  // Every order waits, and is delivered by its own replenishment two days later (FIFO).
  for (const auto& o : r.orders) REQUIRE_FALSE(o.from_stock);
  CHECK(r.kpi("run", "max_backlog", "dc", "w") == 2 * max_waiting(r.orders, 0, 720));
  CHECK(r.kpi("late", "max_backlog", "dc", "w") == 2 * max_waiting(r.orders, 480, 600));
  // At least the mean, and at least every sampled backlog.
  CHECK(r.kpi("run", "max_backlog", "dc", "w") >= r.kpi("run", "mean_backlog", "dc", "w"));
  for (const auto& x : r.stock_series) CHECK(r.kpi("run", "max_backlog", "dc", "w") >= x.backlog);
}

TEST_CASE("the backlog left at the end of the run counts, even when it arose at that moment",
          "[metrics][kpi]") {
  // dc reviews daily (also at the horizon) and orders from wh, which has no stock and no
  // source: wh's backlog only grows, by a step at each review, the last one at the horizon.
  auto r = test::run(R"(name: end
horizon: 10d
products:
  - {id: w}
nodes:
  - id: wh
    type: warehouse
    inventory: {w: {initial: 0}}
  - id: dc
    type: warehouse
    inventory:
      w: {initial: 50, source: wh,
          policy: {type: order_up_to, review: 1d, forecast: {type: moving_average, periods: 2}}}
lanes:
  - {from: wh, to: dc, lead_time: 1d}
markets:
  - id: m
    served_by: dc
    demand: {product: w, rate: 20/d}
)");
  double last = -1, at_end = 0;
  for (const auto& x : r.stock_series)
    if (r.node_of(x) == "wh" && x.time >= last) {
      last = x.time;
      at_end = x.backlog;
    }
  REQUIRE(last == 240);
  REQUIRE(at_end > 0);
  CHECK(r.kpi("run", "max_backlog", "wh", "w") == at_end);
}

TEST_CASE("the warm-up never enters the maximum backlog", "[metrics][kpi]") {
  // Orders only in the first two days (a seasonal factor of 0 afterwards): all their backlog
  // is gone by day 4, so a run window starting on day 5 saw none.
  auto r = test::run(kBacklog, 0, false,
                     {"warmup=5d", "markets.m.demand.seasonal=[{from: 2d, to: 30d, factor: 0}]"});
  CHECK(r.kpi("run", "max_backlog", "dc", "w") == 0);
  auto all =
      test::run(kBacklog, 0, false, {"markets.m.demand.seasonal=[{from: 2d, to: 30d, factor: 0}]"});
  CHECK(all.kpi("run", "max_backlog", "dc", "w") > 0);
}

TEST_CASE("the bullwhip ratio is the variance of orders over that of demand, per period",
          "[metrics][kpi]") {
  // A periodic order-up-to policy with a moving average amplifies the daily demand.
  auto r = test::run(R"(name: bullwhip
horizon: 60d
warmup: 10d
products:
  - {id: w, unit_cost: 1}
nodes:
  - id: vendor
    type: supplier
    products: {w: {lead_time: 0h}}
  - id: dc
    type: warehouse
    inventory:
      w: {initial: 1000, source: vendor,
          policy: {type: order_up_to, review: 1d, forecast: {type: moving_average, periods: 3}}}
lanes:
  - {from: vendor, to: dc, lead_time: 2d}
markets:
  - id: m
    served_by: dc
    demand: {product: w, rate: 100/d}
)");
  std::vector<double> ordered, demand;
  for (const auto& x : r.stock_series)
    if (x.time > 240 && x.time <= 1440) {
      ordered.push_back(x.ordered);
      demand.push_back(x.demand);
    }
  REQUIRE(ordered.size() == 50);
  auto variance = [](const std::vector<double>& v) {
    double mean = 0, ss = 0;
    for (double x : v) mean += x / static_cast<double>(v.size());
    for (double x : v) ss += (x - mean) * (x - mean);
    return ss / static_cast<double>(v.size() - 1);
  };
  double expected = variance(ordered) / variance(demand);
  CHECK(expected > 1);  // the case this test is about: amplification
  CHECK(r.kpi("run", "bullwhip_ratio", "dc", "w") == Approx(expected).epsilon(1e-12));
  // Only stock points that order have one.
  CHECK(std::isnan(r.kpi("run", "bullwhip_ratio", "vendor", "w")));
}

}  // namespace
}  // namespace surge
