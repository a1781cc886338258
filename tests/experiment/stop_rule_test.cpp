// The Monte Carlo runner's two halves on their own: the pool delivers in replication order
// whatever the threads, and each stop rule asks for the counts its documentation promises.
#include "surge/experiment/monte_carlo/stop_rule.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <optional>
#include <vector>

#include "experiment_support.hpp"
#include "surge/experiment/monte_carlo/replication_pool.hpp"
#include "surge/experiment/monte_carlo/sequential_verdict.hpp"
#include "surge/io/scenario_loader.hpp"

using namespace surge;

namespace {

// A result holding `n` replications, the first `met` of them deliverable.
void fill(McResult& r, std::uint64_t n, std::uint64_t met) {
  r.rows.clear();
  r.deliverable = 0;
  for (std::uint64_t i = 0; i < n; ++i) {
    ReplicationRow row;
    row.replication = i;
    row.deliverable = i < met;
    r.deliverable += row.deliverable ? 1 : 0;
    r.rows.push_back(row);
  }
}

}  // namespace

TEST_CASE("the pool delivers replications in order for one, two and five threads",
          "[experiment][mc]") {
  Scenario s = load_scenario_text(testing::small_campaign_scenario(), "small.yaml");
  for (unsigned threads : {1u, 2u, 5u}) {
    INFO("threads " << threads);
    std::uint64_t inspected = 0;
    ReplicationPool pool(s, headline_kpis(s), threads, [&](const RunResult&) { ++inspected; });
    std::vector<std::uint64_t> order;
    auto deliver = [&](ReplicationOutput&& out) { order.push_back(out.row.replication); };
    pool.run(0, 7, deliver);
    pool.run(7, 7, deliver);  // an empty range runs nothing
    pool.run(7, 11, deliver);
    pool.close();
    std::vector<std::uint64_t> expected{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    CHECK(order == expected);
    CHECK(inspected == 11);
  }
}

TEST_CASE("a failing delivery stops the pool and is rethrown after the threads stopped",
          "[experiment][mc]") {
  Scenario s = load_scenario_text(testing::small_campaign_scenario(), "small.yaml");
  ReplicationPool pool(s, headline_kpis(s), 3);
  std::vector<std::uint64_t> order;
  auto deliver = [&](ReplicationOutput&& out) {
    if (out.row.replication == 4) throw Error("disk full");
    order.push_back(out.row.replication);
  };
  CHECK_THROWS_WITH(pool.run(0, 40, deliver), "disk full");
  CHECK(order == std::vector<std::uint64_t>{0, 1, 2, 3});  // delivered before it stay delivered
}

TEST_CASE("the fixed count asks for N once, then stops", "[experiment][mc]") {
  McOptions o;
  o.replications = 25;
  auto rule = make_stop_rule(o, 0.9);
  McResult r;
  CHECK(rule->next_count(r) == std::optional<std::uint64_t>(25));
  fill(r, 25, 0);
  CHECK_FALSE(rule->next_count(r).has_value());
  CHECK_FALSE(r.sequential.used);
  CHECK_FALSE(r.precision.used);
}

TEST_CASE("precision asks for the minimum, then batches, and stops at the cap saying so",
          "[experiment][mc]") {
  McOptions o;
  o.precision = 0.01;  // never reached by 20 replications
  o.replications = 35;
  o.min_replications = 10;
  o.batch = 10;
  auto rule = make_stop_rule(o, 0.9);
  McResult r;
  r.kpi_stats.clear();
  CHECK(rule->next_count(r) == std::optional<std::uint64_t>(10));
  fill(r, 10, 5);
  CHECK(rule->next_count(r) == std::optional<std::uint64_t>(20));
  fill(r, 20, 10);
  CHECK(rule->next_count(r) == std::optional<std::uint64_t>(30));
  fill(r, 30, 15);
  CHECK(rule->next_count(r) == std::optional<std::uint64_t>(35));  // capped
  fill(r, 35, 17);
  CHECK_FALSE(rule->next_count(r).has_value());
  CHECK(r.precision.used);
  CHECK_FALSE(r.precision.reached);
  CHECK(r.precision.cap == 35);
  CHECK(r.precision.widest > 0.1);  // half of a 95% interval around 0.5 with 35 replications
  CHECK(r.precision.widest_what == "P(deliverable)");

  // A result already holding more than the minimum (a resume) is judged before running more;
  // every replication deliverable with a loose precision stops at once.
  McOptions loose = o;
  loose.precision = 0.2;
  auto again = make_stop_rule(loose, 0.9);
  McResult resumed;
  fill(resumed, 30, 30);
  CHECK(again->next_count(resumed) == std::optional<std::uint64_t>(30));
  CHECK_FALSE(again->next_count(resumed).has_value());
  CHECK(resumed.precision.reached);
}

TEST_CASE("the sequential looks stop at the first look that settles the verdict",
          "[experiment][mc]") {
  McOptions o;
  o.until_settled = true;
  o.replications = 1000;
  o.first_look = 30;
  auto rule = make_stop_rule(o, 0.9);
  McResult r;
  CHECK(rule->next_count(r) == std::optional<std::uint64_t>(30));
  fill(r, 30, 27);  // 0.9 of 30: straddles the required 0.9
  CHECK(rule->next_count(r) == std::optional<std::uint64_t>(60));
  fill(r, 60, 10);  // far below: settled NOT DELIVERABLE
  CHECK_FALSE(rule->next_count(r).has_value());
  CHECK(r.sequential.used);
  CHECK(r.sequential.settled);
  CHECK(r.sequential.looks_taken == 2);
  CHECK(r.sequential.schedule.looks == look_schedule(1000, 30).looks);

  // Never settled: every look is taken, the last is the cap.
  auto unsettled = make_stop_rule(o, 0.9);
  McResult u;
  for (std::uint64_t look : look_schedule(1000, 30).looks) {
    CHECK(unsettled->next_count(u) == std::optional<std::uint64_t>(look));
    fill(u, look, look * 9 / 10);
  }
  CHECK_FALSE(unsettled->next_count(u).has_value());
  CHECK_FALSE(u.sequential.settled);
  CHECK(u.sequential.looks_taken == look_schedule(1000, 30).looks.size());
}

TEST_CASE("precision wins over the looks, which win over the fixed count", "[experiment][mc]") {
  McOptions o;
  o.replications = 100;
  o.until_settled = true;
  o.precision = 0.1;
  o.min_replications = 30;
  McResult r;
  CHECK(make_stop_rule(o, 0.9)->next_count(r) == std::optional<std::uint64_t>(30));
  CHECK(r.precision.used);
  CHECK_FALSE(r.sequential.used);
}
