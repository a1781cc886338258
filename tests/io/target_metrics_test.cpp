// The target-able metrics are declared once (metrics/kpi_metrics.cpp); each declaration must
// name rows the KPI table really has in the scope it declares, or a target the loader accepts
// could never be evaluated.
#include <catch2/catch.hpp>
#include <string>

#include "../support/run_support.hpp"
#include "surge/metrics/kpi_metrics.hpp"

namespace surge {
namespace {

// Two products, two markets, a station, a service desk: every scope has rows of its own.
const char* kAllScopes = R"(name: scopes
horizon: 30d
products:
  - {id: a, price: 10, unit_cost: 4, holding_cost: 0.01/d}
  - {id: b, price: 20, unit_cost: 8}
nodes:
  - id: fc
    type: fulfilment
    inventory: {a: {initial: 400}, b: {initial: 400}}
    stations: [{name: pick, servers: 2, time: 5min}]
  - {id: desk, type: service, agents: 2, handle_time: 5min}
markets:
  - id: north
    served_by: fc
    demand: [{product: a, rate: 5/d}, {product: b, rate: 5/d}]
    delivery: {lead_time: 1d, promise: 2d}
    contacts: {per_order: 0.5, to: desk}
  - {id: south, served_by: fc, demand: {product: a, rate: 5/d}}
campaigns:
  - {id: promo, product: a, start: 10d, duration: 5d, uplift: 2}
)";

TEST_CASE("every declared target metric has KPI rows in the scope it declares", "[io][metrics]") {
  RunResult r = test::run(kAllScopes);
  REQUIRE_FALSE(target_metrics().empty());
  for (const KpiMetric& m : target_metrics()) {
    INFO(m.name);
    for (const char* window : {"run", "promo"}) {
      INFO(window);
      switch (m.scope) {
        case MetricScope::orders:
          CHECK_FALSE(std::isnan(r.kpi(window, m.name)));
          CHECK_FALSE(std::isnan(r.kpi(window, m.name, "", "a", "north")));
          CHECK_FALSE(std::isnan(r.kpi(window, m.name, "", "b")));
          CHECK_FALSE(std::isnan(r.kpi(window, m.name, "", "", "south")));
          break;
        case MetricScope::node: {
          const char* node = m.node_type == NodeType::service ? "desk" : "fc";
          CHECK_FALSE(std::isnan(r.kpi(window, m.name, node)));
          break;
        }
        case MetricScope::network: CHECK_FALSE(std::isnan(r.kpi(window, m.name))); break;
      }
    }
    CHECK_FALSE(m.description.empty());
    CHECK_FALSE(m.unit.empty());
  }
}

TEST_CASE("a target on each declared metric loads in its declared scope", "[io][metrics]") {
  for (const KpiMetric& m : target_metrics()) {
    INFO(m.name);
    std::string scope = m.scope == MetricScope::node
                            ? (m.node_type == NodeType::service ? ", node: desk" : ", node: fc")
                        : m.scope == MetricScope::orders ? ", product: a, market: north"
                                                         : "";
    std::string text = std::string(kAllScopes) + "targets:\n  require:\n    - {metric: " + m.name +
                       scope + ", at_least: 0}\n";
    CHECK_NOTHROW(test::load(text));
  }
}

}  // namespace
}  // namespace surge
