// Baseline demand (docs/model.md, "Flow of a customer order" step 1): Poisson arrivals at
// rate x weekly x seasonal, order sizes drawn and rounded.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "../support/run_support.hpp"

namespace surge {
namespace {

using test::load;
using test::t_interval;

// Orders are only counted; the warehouse never runs out.
const char* kDemand = R"(name: demand
horizon: 28d
products:
  - {id: w, price: 10}
nodes:
  - id: dc
    type: warehouse
    inventory: {w: {initial: 10000000}}
markets:
  - {id: m, served_by: dc, demand: {product: w, rate: 40/d}}
)";

long weekday(Time t) { return static_cast<long>(std::floor(t / 24)) % 7; }

TEST_CASE("baseline demand is a Poisson process at the given rate", "[demand][stats]") {
  Scenario s = load(kDemand);
  auto counts = test::per_replication(
      s, 20, [](const RunResult& r) { return r.kpi("run", "demand_orders"); });
  auto ci = t_interval(counts);
  INFO("orders " << ci.text() << " vs " << 40 * 28);
  CHECK(ci.contains(40 * 28.0));
  // Poisson: the variance across replications is the mean. (n-1) s^2 / mean is chi-square
  // with n-1 = 19 degrees of freedom; its 0.5% and 99.5% points are 6.84 and 38.58.
  double ss = 0;
  for (double c : counts) ss += (c - ci.mean) * (c - ci.mean);
  double statistic = ss / (40 * 28.0);
  INFO("dispersion statistic " << statistic);
  CHECK(statistic > 6.84);
  CHECK(statistic < 38.58);
}

TEST_CASE("a weekly profile of zero stops orders on those days", "[demand]") {
  auto r = test::run_with_records(kDemand, {"markets.m.demand.weekly=[1, 1, 1, 1, 1, 0, 0]"});
  std::map<long, int> per_weekday;
  for (const auto& o : r.orders) ++per_weekday[weekday(o.placed)];
  CHECK(per_weekday[5] == 0);
  CHECK(per_weekday[6] == 0);
  for (long d = 0; d < 5; ++d) CHECK(per_weekday[d] > 0);
}

TEST_CASE("weekly profile factors scale each weekday's orders", "[demand][stats]") {
  // Monday 3x, the other days 1x: Monday sees 3 x 40 x 4 Mondays, the rest 40 x 24 days.
  Scenario s = load(kDemand, {"markets.m.demand.weekly=[3, 1, 1, 1, 1, 1, 1]"});
  std::vector<double> mondays, others;
  for (int rep = 0; rep < 20; ++rep) {
    auto r = run_replication(s, static_cast<std::uint64_t>(rep), RunOptions{true});
    double mon = 0;
    for (const auto& o : r.orders) mon += weekday(o.placed) == 0 ? 1 : 0;
    mondays.push_back(mon);
    others.push_back(static_cast<double>(r.orders.size()) - mon);
  }
  auto mon_ci = t_interval(mondays), other_ci = t_interval(others);
  INFO("mondays " << mon_ci.text() << " others " << other_ci.text());
  CHECK(mon_ci.contains(3 * 40 * 4.0));
  CHECK(other_ci.contains(40 * 24.0));
}

TEST_CASE("a seasonal window multiplies the rate inside it", "[demand][stats]") {
  Scenario s = load(kDemand, {"markets.m.demand.seasonal=[{from: 7d, to: 14d, factor: 2.5}]"});
  std::vector<double> inside, outside;
  for (int rep = 0; rep < 20; ++rep) {
    auto r = run_replication(s, static_cast<std::uint64_t>(rep), RunOptions{true});
    double in = 0;
    for (const auto& o : r.orders) in += (o.placed >= 7 * 24.0 && o.placed < 14 * 24.0) ? 1 : 0;
    inside.push_back(in);
    outside.push_back(static_cast<double>(r.orders.size()) - in);
  }
  auto in_ci = t_interval(inside), out_ci = t_interval(outside);
  INFO("inside " << in_ci.text() << " outside " << out_ci.text());
  CHECK(in_ci.contains(2.5 * 40 * 7));
  CHECK(out_ci.contains(40 * 21.0));
}

TEST_CASE("order sizes follow their distribution, rounded and at least 1", "[demand]") {
  SECTION("empirical sizes") {
    auto r = test::run_with_records(
        kDemand, {"markets.m.demand.size={dist: empirical, values: [1, 2, 5], weights: [5, 3, 2]}",
                  "horizon=200d"});
    std::map<double, double> freq;
    for (const auto& o : r.orders) freq[o.quantity] += 1;
    REQUIRE(freq.size() == 3);
    const double n = static_cast<double>(r.orders.size());
    // Each frequency is binomial: within 3.3 standard deviations (two-sided 99.9%).
    for (auto [value, p] : {std::pair{1.0, 0.5}, std::pair{2.0, 0.3}, std::pair{5.0, 0.2}}) {
      INFO("size " << value);
      CHECK(std::fabs(freq[value] - n * p) < 3.3 * std::sqrt(n * p * (1 - p)));
    }
    double units = freq[1] + 2 * freq[2] + 5 * freq[5];
    CHECK(r.kpi("run", "demand_units") == units);
  }
  SECTION("constant sizes round to the nearest whole number") {
    auto r = test::run_with_records(kDemand, {"markets.m.demand.size=2.6"});
    for (const auto& o : r.orders) CHECK(o.quantity == 3);
  }
  SECTION("sizes below one are raised to one") {
    auto r = test::run_with_records(kDemand, {"markets.m.demand.size=0.2"});
    for (const auto& o : r.orders) CHECK(o.quantity == 1);
  }
}

}  // namespace
}  // namespace surge
