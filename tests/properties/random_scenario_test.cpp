// Property tests on random valid scenarios (random_scenario.hpp; docs/reliability.md). Every
// case goes YAML text -> load_scenario_text -> run_replication, as `surge run` does, and checks:
//   - conservation of units, orders and contacts (the run's own end-of-run balances, which
//     throw when broken, plus each record's life being consistent);
//   - no negative stock, queue or statistic, and every ratio in [0, 1];
//   - the clock never goes backwards (the kernel refuses an event in the past; samples and
//     records are in time order inside [0, horizon]);
//   - the same seed gives identical results (KPIs, series, event count and trace fingerprint);
//   - results do not depend on the order the nodes are listed in the file.
// A few dozen cases run in the default suite, a few hundred more under [slow]. A failing case
// prints its number and YAML text: paste it into a file and `surge run` it.
#include "properties/random_scenario.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "support/run_support.hpp"
#include "surge/experiment/replication/replication.hpp"
#include "surge/io/scenario_loader.hpp"

namespace surge::test {
namespace {

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }
// Equal up to the rounding of a sum taken in another order (network-wide costs add the stock
// points in the order the nodes are listed).
bool same_up_to_summation(double a, double b) {
  return same(a, b) || std::abs(a - b) <= 1e-12 * std::max(std::abs(a), std::abs(b));
}

using RowKey =
    std::tuple<std::string, std::string, std::string, std::string, std::string, std::string>;

std::vector<std::pair<RowKey, double>> sorted_kpis(const RunResult& r) {
  std::vector<std::pair<RowKey, double>> rows;
  for (const auto& k : r.kpis)
    rows.push_back({RowKey{k.window, k.metric, k.node, k.product, k.market, k.resource}, k.value});
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return rows;
}

// Two KPI tables with the same rows and bit-identical values (NaN equal to NaN).
void check_same_kpis(const RunResult& a, const RunResult& b, bool exact = true) {
  auto ra = sorted_kpis(a), rb = sorted_kpis(b);
  REQUIRE(ra.size() == rb.size());
  for (std::size_t i = 0; i < ra.size(); ++i) {
    const auto& [w, m, n, p, mk, res] = ra[i].first;
    INFO(w << " " << m << " node=" << n << " product=" << p << " market=" << mk
           << " resource=" << res);
    CHECK(ra[i].first == rb[i].first);
    INFO(ra[i].second << " vs " << rb[i].second);
    if (exact)
      CHECK((same(ra[i].second, rb[i].second)));
    else
      CHECK((same_up_to_summation(ra[i].second, rb[i].second)));
  }
}

void check_same_series(const RunResult& a, const RunResult& b) {
  auto key = [](const StockSample& s) { return std::tie(s.node, s.product, s.time); };
  auto sa = a.stock_series, sb = b.stock_series;
  auto by_key = [&](const StockSample& x, const StockSample& y) { return key(x) < key(y); };
  std::sort(sa.begin(), sa.end(), by_key);
  std::sort(sb.begin(), sb.end(), by_key);
  REQUIRE(sa.size() == sb.size());
  for (std::size_t i = 0; i < sa.size(); ++i) {
    INFO(a.node_of(sa[i]) << " " << a.product_of(sa[i]) << " t=" << sa[i].time);
    CHECK(key(sa[i]) == key(sb[i]));
    CHECK(a.node_of(sa[i]) == b.node_of(sb[i]));
    CHECK(a.product_of(sa[i]) == b.product_of(sb[i]));
    CHECK(sa[i].on_hand == sb[i].on_hand);
    CHECK(sa[i].backlog == sb[i].backlog);
    CHECK(sa[i].on_order == sb[i].on_order);
    CHECK(sa[i].ordered == sb[i].ordered);
    CHECK(sa[i].demand == sb[i].demand);
  }
}

bool is_ratio(const std::string& metric) {
  for (const char* m :
       {"fill_rate", "order_fill_rate", "otif", "service_level", "abandonment_rate", "utilisation"})
    if (metric == m) return true;
  return false;
}

void check_invariants(const Scenario& s, const RunResult& r) {
  // Conservation: run_replication throws when a balance breaks; these are the lines it checked.
  check_conservation_lines(r);
  CHECK(r.events > 0);

  // No negative statistic; ratios in [0, 1]. campaign_margin may be negative (a discount
  // below unit cost, docs/kpis.md).
  for (const auto& k : r.kpis) {
    INFO(k.window << " " << k.metric << " node=" << k.node << " product=" << k.product
                  << " market=" << k.market << " resource=" << k.resource << " = " << k.value);
    if (std::isnan(k.value)) continue;
    CHECK(std::isfinite(k.value));
    if (k.metric != "campaign_margin") CHECK(k.value >= 0);
    if (is_ratio(k.metric)) CHECK(k.value <= 1 + 1e-12);
  }
  // Time series: nothing negative (inventory position may be: backlog above stock), and
  // each series in time order inside [0, horizon].
  const StockSample* prev = nullptr;
  for (const auto& x : r.stock_series) {
    INFO("stock " << r.node_of(x) << " " << r.product_of(x) << " t=" << x.time);
    CHECK(x.on_hand >= 0);
    CHECK(x.backlog >= 0);
    CHECK(x.on_order >= 0);
    CHECK(x.ordered >= 0);
    CHECK(x.demand >= 0);
    CHECK(x.time >= 0);
    CHECK(x.time <= s.horizon + 1e-9);
    if (prev && prev->node == x.node && prev->product == x.product) CHECK(x.time > prev->time);
    prev = &x;
  }
  const ResourceSample* rprev = nullptr;
  for (const auto& x : r.resource_series) {
    INFO("resource " << r.node_of(x) << " " << r.resource_of(x) << " t=" << x.time);
    CHECK((std::isnan(x.utilisation) || (x.utilisation >= 0 && x.utilisation <= 1 + 1e-12)));
    CHECK(x.queue_length >= 0);
    CHECK(x.time <= s.horizon + 1e-9);
    if (rprev && rprev->node == x.node && rprev->resource == x.resource)
      CHECK(x.time > rprev->time);
    rprev = &x;
  }
  // Orders: each record's life runs forward in time and matches its status.
  for (const auto& o : r.orders) {
    INFO("order " << o.id << " " << to_string(o.status) << " placed " << o.placed << " shipped "
                  << o.shipped << " delivered " << o.delivered);
    CHECK(o.quantity >= 1);
    CHECK(o.placed >= 0);
    CHECK(o.placed <= s.horizon);
    if (o.shipped >= 0) CHECK(o.shipped >= o.placed);
    if (o.delivered >= 0) CHECK(o.delivered >= o.shipped);
    CHECK((o.status == OrderStatus::delivered) == (o.delivered >= 0));
    if (o.status == OrderStatus::lost) CHECK(o.shipped < 0);
    if (o.status == OrderStatus::backordered) CHECK(o.shipped < 0);
    if (o.from_stock) CHECK(o.status != OrderStatus::lost);
    CHECK((o.status == OrderStatus::delivered || o.status == OrderStatus::in_transit ||
           o.status == OrderStatus::in_process || o.status == OrderStatus::backordered ||
           o.status == OrderStatus::lost));
  }
  // Contacts: answered, abandoned or still waiting; never both.
  for (const auto& c : r.contacts) {
    INFO("contact " << c.id << " arrived " << c.arrived << " answered " << c.answered
                    << " abandoned " << c.abandoned << " finished " << c.finished);
    CHECK(c.arrived >= 0);
    CHECK_FALSE((c.answered >= 0 && c.abandoned >= 0));
    if (c.answered >= 0) CHECK(c.answered >= c.arrived);
    if (c.abandoned >= 0) CHECK(c.abandoned >= c.arrived);
    if (c.finished >= 0) CHECK(c.finished >= c.answered);
    if (c.finished >= 0) CHECK(c.answered >= 0);
  }
}

ScenarioGenerator::Text generated(std::uint64_t, ScenarioGenerator& gen) { return gen.generate(); }

// Invariants on one run, and the same seed giving identical results.
void check_case(std::uint64_t case_number) {
  ScenarioGenerator gen(0x5eed0000 + case_number);
  auto text = generated(case_number, gen);
  const std::string yaml = text.yaml();
  INFO("random case " << case_number << ":\n" << yaml);
  Scenario s;
  REQUIRE_NOTHROW(s = load_scenario_text(yaml, "random.yaml"));
  RunResult first;
  REQUIRE_NOTHROW(first = run_replication(s, 0, RunOptions{true}));
  check_invariants(s, first);

  RunResult again = run_replication(s, 0, RunOptions{true});
  CHECK(again.events == first.events);
  CHECK(again.trace_fingerprint == first.trace_fingerprint);
  check_same_kpis(first, again);
  check_same_series(first, again);
  CHECK(again.orders.size() == first.orders.size());
  CHECK(again.contacts.size() == first.contacts.size());
}

// The nodes listed in another order => the same results (random streams are keyed by id).
void check_node_order(std::uint64_t case_number) {
  ScenarioGenerator gen(0x5eed0000 + case_number);
  auto text = generated(case_number, gen);
  const std::string yaml = text.yaml();
  RunResult first = run_replication(load_scenario_text(yaml, "random.yaml"), 0, RunOptions{true});
  gen.shuffle(text.nodes);
  INFO("random case " << case_number << ":\n" << yaml << "nodes reordered:\n" << text.yaml());
  RunResult other =
      run_replication(load_scenario_text(text.yaml(), "random.yaml"), 0, RunOptions{true});
  CHECK(other.events == first.events);
  check_same_kpis(first, other, false);
  check_same_series(first, other);
  CHECK(other.orders.size() == first.orders.size());
  CHECK(other.contacts.size() == first.contacts.size());
}

}  // namespace

TEST_CASE("random valid scenarios conserve, stay non-negative and repeat with the same seed",
          "[properties]") {
  for (std::uint64_t n = 0; n < 30; ++n) {
    DYNAMIC_SECTION("case " << n) { check_case(n); }
  }
}

TEST_CASE("many more random valid scenarios keep the same properties", "[properties][slow]") {
  for (std::uint64_t n = 30; n < 330; ++n) {
    DYNAMIC_SECTION("case " << n) { check_case(n); }
  }
}

// Equal-time events run in insertion order; nodes start in the order of their ids (not of the
// file), so what they schedule for one instant ties the same way however the file lists them.
TEST_CASE("random valid scenarios give the same results whatever the order of their nodes",
          "[properties]") {
  for (std::uint64_t n = 0; n < 30; ++n) {
    DYNAMIC_SECTION("case " << n) { check_node_order(n); }
  }
}

}  // namespace surge::test
