// Decision deadlines of `surge optimise` (docs/experiments.md): a lever with a lead time must be
// committed that long before its change first matters.
#include <catch2/catch.hpp>

#include "surge/experiment/studies/optimise_output.hpp"
#include "surge/io/scenario_loader.hpp"

namespace surge {

TEST_CASE("commit-by dates count back from a lever's window or its order's date or the start",
          "[experiment][optimise]") {
  Scenario s = load_scenario_text(R"(name: deadlines
start_date: 2026-10-01
horizon: 60d
products:
  - {id: widget, price: 10, unit_cost: 4}
nodes:
  - id: supplier
    type: supplier
    products: {widget: {lead_time: 2d}}
  - id: wh
    type: fulfilment
    inventory: {widget: {initial: 100, source: supplier, policy: {type: sS, s: 50, S: 200}}}
    stations: [{name: pick, servers: 2, time: 5min}]
lanes:
  - {from: supplier, to: wh, lead_time: 1d}
markets:
  - {id: town, served_by: wh, demand: {product: widget, rate: 20/d}}
orders:
  - {id: prebuild, node: wh, product: widget, quantity: 0, at: 2026-11-20}
levers:
  - {path: nodes.wh.stations.pick.servers, values: 2..6, lead_time: 14d,
     during: {from: 2026-11-27, to: 2026-12-01}}
  - {path: orders.prebuild.quantity, values: "0..500 by 100", lead_time: 7d}
  - {path: nodes.wh.inventory.widget.initial, values: "100..300 by 100", lead_time: 3d}
)",
                                  "deadlines.yaml");
  SECTION("every lever changed") {
    std::vector<CommitBy> d = commit_by(s, {4, 300, 200});
    REQUIRE(d.size() == 3);
    // 2026-11-27 is day 57; 14 days earlier is day 43, 2026-11-13.
    CHECK(d[0].lever == "nodes.wh.stations.pick.servers");
    CHECK(d[0].at == 43 * 24.0);
    CHECK(d[0].when == "day 43 (2026-11-13)");
    // The order is placed on 2026-11-20 (day 50): its size must be settled a week before.
    CHECK(d[1].lever == "orders.prebuild.quantity");
    CHECK(d[1].at == 43 * 24.0);
    // A whole-run change matters from time 0: three days before the start is too late.
    CHECK(d[2].at == -3 * 24.0);
  }
  SECTION("a lever left at the file's value has no deadline") {
    std::vector<CommitBy> d = commit_by(s, {2, 300, 100});
    REQUIRE(d.size() == 1);
    CHECK(d[0].lever == "orders.prebuild.quantity");
  }
}

}  // namespace surge
