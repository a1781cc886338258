// Targets and verdict inputs (docs/kpis.md, "Targets"), conservation lines, and
// reproducibility: the same seed gives the same tables, another replication does not.
#include "surge/metrics/targets.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "../support/run_support.hpp"
#include "surge/metrics/kpi_names.hpp"
#include "surge/metrics/scoped_kpis.hpp"

namespace surge {
namespace {

// 100 units, 10 orders a day of one unit, no replenishment: the shelf empties around day 10.
const char* kRunsOut = R"(name: runs out
horizon: 20d
products:
  - {id: w, price: 10}
nodes:
  - id: dc
    type: warehouse
    inventory: {w: {initial: 100}}
  - id: support
    type: service
    agents: 1
    handle_time: {dist: exponential, mean: 5min}
    arrivals: {rate: 6/h}
markets:
  - {id: m, served_by: dc, demand: {product: w, rate: 10/d}}
targets:
  require:
    - {metric: fill_rate, at_least: 0.99}
    - {metric: fill_rate, at_most: 1}
    - {metric: revenue, at_least: 1000}
    - {metric: lost_sales, at_most: 0}
    - {metric: service_level, node: support, answer_within: 2h, at_least: 0.5}
    - {metric: service_level, node: support, at_least: 0.99}
)";

const TargetResult& target(const RunResult& r, std::size_t i) {
  REQUIRE(r.targets.size() > i);
  return r.targets[i];
}

TEST_CASE("targets are met or missed against their KPI rows", "[metrics][targets]") {
  auto r = test::run_with_records(kRunsOut);
  REQUIRE(r.targets.size() == 6);
  const auto& missed = target(r, 0);
  CHECK(!missed.met);
  CHECK(missed.value == r.kpi("run", "fill_rate"));
  CHECK(missed.threshold == 0.99);
  // First break: the first day whose own fill rate misses 0.99, i.e. the day of the first
  // order not filled from stock (a day has far fewer than 100 orders).
  double first_unfilled = -1;
  for (const auto& o : r.orders)
    if (!o.from_stock) {
      first_unfilled = o.placed;
      break;
    }
  REQUIRE(first_unfilled > 0);
  CHECK(missed.first_break == std::floor(first_unfilled / 24) * 24);

  const auto& met = target(r, 1);
  CHECK(met.met);
  CHECK(met.first_break == -1);
  CHECK(target(r, 2).met);  // 100 units sold at 10
  CHECK(target(r, 2).value == 1000);
  CHECK(target(r, 3).met);  // backorders, not lost sales
  // A service-level target with its own T is recomputed: 2 h is generous, 60 s is not.
  CHECK(target(r, 4).met);
  CHECK(target(r, 4).value > r.kpi("run", "service_level", "support"));
  CHECK(!target(r, 5).met);
  CHECK(target(r, 5).value == r.kpi("run", "service_level", "support"));
  CHECK(target(r, 5).first_break == 0);  // some contact waits more than 60 s on day 0
}

TEST_CASE("every target has a unique stable key and words the terminal and report share",
          "[metrics][targets]") {
  auto r = test::run(kRunsOut);
  std::vector<std::string> keys, labels;
  for (const auto& t : r.targets) {
    keys.push_back(t.key);
    labels.push_back(t.label);
  }
  // Two fill-rate targets on the same scope: the second gets "#2"; a service level with its own
  // answer time names it in the key.
  CHECK(keys == std::vector<std::string>{"run.fill_rate", "run.fill_rate#2", "run.revenue",
                                         "run.lost_sales",
                                         "run.service_level[node=support,within=2h]",
                                         "run.service_level[node=support]"});
  CHECK(labels ==
        std::vector<std::string>{
            "fill rate over the run at least 99%", "fill rate over the run at most 100%",
            "revenue over the run at least 1,000", "lost sales over the run at most 0 units",
            "service level at support (answered within 2 h) over the run at least 50%",
            "service level at support (answered within 1 min) over the run at least 99%"});
  // Scopes read as words, in every part a target can name.
  Scenario s = test::load(kRunsOut);
  Target t;
  t.metric = "fill_rate";
  t.window = "promo";
  t.product = "spf";
  t.market = "influencer";
  t.value = 0.9;
  CHECK(target_label(s, t) == "fill rate of spf in market influencer during promo at least 90%");
  t.metric = "mean_lead_time";
  t.product = t.market = "";
  t.comparison = Comparison::at_most;
  t.value = 72;
  CHECK(target_label(s, t) == "mean lead time during promo at most 3 d");
}

TEST_CASE("ids that would break a column name are escaped in keys and labels of scoped KPIs",
          "[metrics][targets]") {
  CHECK(name_part("pick/pack") == "pick%2Fpack");
  CHECK(name_part("a,b=c[d]%") == "a%2Cb%3Dc%5Bd%5D%25");
  CHECK(name_part("fc") == "fc");
  Scenario s = test::load(kRunsOut);
  s.targets.resize(1);
  s.targets[0].node = "desk/1";
  CHECK(target_keys(s) == std::vector<std::string>{"run.fill_rate[node=desk%2F1]"});
  ScopedKpi k{"run", "utilisation", "fc", "", "", "pick/pack"};
  CHECK(k.label() == "run.utilisation[node=fc,resource=pick%2Fpack]");
}

TEST_CASE("a target without a value counts as missed", "[metrics][targets]") {
  // One order per 100 days and a run window of one hour: no orders, so no fill rate.
  auto r = test::run(kRunsOut, 0, false, {"warmup=479h", "markets.m.demand.rate=1/100d"});
  REQUIRE(r.kpi("run", "demand_orders") == 0);
  REQUIRE(std::isnan(r.kpi("run", "fill_rate")));
  CHECK(!target(r, 0).met);
  CHECK(!target(r, 1).met);  // even `at_most: 1` is missed without a value
}

TEST_CASE("the conservation lines are reported for every run", "[metrics][conservation]") {
  auto r = test::run(kRunsOut);
  test::check_conservation_lines(r);
  CHECK_THAT(r.conservation[0], Catch::Matchers::StartsWith("units w: initial 100"));
}

bool same_tables(const RunResult& a, const RunResult& b) {
  if (a.kpis.size() != b.kpis.size()) return false;
  for (std::size_t i = 0; i < a.kpis.size(); ++i) {
    const auto &x = a.kpis[i], &y = b.kpis[i];
    if (x.window != y.window || x.metric != y.metric || x.node != y.node ||
        x.product != y.product || x.market != y.market || x.resource != y.resource)
      return false;
    if (!(x.value == y.value || (std::isnan(x.value) && std::isnan(y.value)))) return false;
  }
  return true;
}

TEST_CASE("same seed and replication give identical KPI tables", "[metrics][determinism]") {
  Scenario s = test::load(kRunsOut);
  auto a = run_replication(s, 3), b = run_replication(s, 3);
  CHECK(same_tables(a, b));
  CHECK(a.trace_fingerprint == b.trace_fingerprint);
  CHECK(a.events == b.events);
  // Another replication, or another seed, takes another path.
  auto c = run_replication(s, 4);
  CHECK(!same_tables(a, c));
  CHECK(a.trace_fingerprint != c.trace_fingerprint);
  Scenario reseeded = test::load(kRunsOut, {"seed=7"});
  CHECK(!same_tables(a, run_replication(reseeded, 3)));
}

}  // namespace
}  // namespace surge
