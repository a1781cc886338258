// The time series hold numbers for node, product and resource, with the names once per result,
// and a run asked not to keep them (RunOptions::time_series, `surge run` without an output
// file) keeps none and changes nothing else.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "surge/experiment/replication/replication.hpp"
#include "surge/io/scenario_loader.hpp"

namespace surge {
namespace {

Scenario flagship() {
  return load_scenario_file(std::string(SURGE_SOURCE_DIR) + "/scenarios/black_friday.yaml", {});
}

TEST_CASE("time-series samples name their stock point and resource through the result",
          "[metrics][series]") {
  Scenario s = flagship();
  RunResult r = run_replication(s, 0);
  REQUIRE(!r.stock_series.empty());
  REQUIRE(!r.resource_series.empty());
  CHECK(r.names.nodes.size() == s.nodes.size());
  CHECK(r.names.products.size() == s.products.size());
  for (const StockSample& x : r.stock_series) {
    REQUIRE(x.node < s.nodes.size());
    REQUIRE(x.product < s.products.size());
    CHECK(r.node_of(x) == s.nodes[x.node].id);
    CHECK(r.product_of(x) == s.products[x.product].id);
    const Node* node = s.find_node(r.node_of(x));
    REQUIRE(node != nullptr);
    bool stocked = false;
    for (const auto& item : node->inventory) stocked = stocked || item.product == r.product_of(x);
    CHECK(stocked);
  }
  for (const ResourceSample& x : r.resource_series) {
    REQUIRE(x.resource < r.names.resources.size());
    bool listed = false;
    for (const ResourceUse& u : r.resources)
      listed = listed || (u.node == r.node_of(x) && u.resource == r.resource_of(x));
    CHECK(listed);
  }
}

TEST_CASE("a run that keeps no time series computes the same KPIs and events",
          "[metrics][series]") {
  Scenario s = flagship();
  RunResult with = run_replication(s, 3);
  RunOptions options;
  options.time_series = false;
  RunResult without = run_replication(s, 3, options);
  CHECK(without.stock_series.empty());
  CHECK(without.resource_series.empty());
  CHECK(with.trace_fingerprint == without.trace_fingerprint);
  CHECK(with.events == without.events);
  REQUIRE(with.kpis.size() == without.kpis.size());
  for (std::size_t i = 0; i < with.kpis.size(); ++i) {
    INFO(with.kpis[i].window << " " << with.kpis[i].metric << " " << with.kpis[i].node);
    CHECK(with.kpis[i].metric == without.kpis[i].metric);
    if (std::isnan(with.kpis[i].value))
      CHECK(std::isnan(without.kpis[i].value));
    else
      CHECK(with.kpis[i].value == without.kpis[i].value);
  }
}

}  // namespace
}  // namespace surge
