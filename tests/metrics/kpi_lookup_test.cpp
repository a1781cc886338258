// RunResult::kpi answers from a hash index once compute_kpis has built it (a large model asks
// for a value per stock point among millions of rows). The index must give exactly what the
// row-by-row search gives: the first row of the scope, NaN when none, and the search itself
// when rows were added after indexing.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "surge/experiment/replication/replication.hpp"
#include "surge/io/scenario_loader.hpp"
#include "surge/metrics/run_result.hpp"

namespace surge {
namespace {

RunResult many_rows() {
  RunResult r;
  for (int n = 0; n < 50; ++n)
    for (int p = 0; p < 40; ++p) {
      const std::string node = "n" + std::to_string(n), product = "p" + std::to_string(p);
      r.kpis.push_back({"run", "on_hand", node, product, "", "", n * 100.0 + p});
      r.kpis.push_back({"run", "max_backlog", node, product, "", "", -(n * 100.0 + p)});
    }
  // Scopes that differ only in which field holds a name, and a duplicated scope.
  r.kpis.push_back({"run", "utilisation", "dc", "", "", "pick", 0.5});
  r.kpis.push_back({"run", "utilisation", "", "dc", "", "pick", 0.6});
  r.kpis.push_back({"run", "utilisation", "dc", "pick", "", "", 0.7});
  r.kpis.push_back({"run", "utilisation", "dc", "", "", "pick", 0.9});
  return r;
}

TEST_CASE("KPI lookups by index give what the row-by-row search gives", "[metrics][kpi]") {
  RunResult linear = many_rows();
  RunResult indexed = many_rows();
  indexed.index_kpis();
  REQUIRE(indexed.kpi_index.size() == indexed.kpis.size());
  for (const KpiRow& k : linear.kpis) {
    const double want = linear.kpi(k.window, k.metric, k.node, k.product, k.market, k.resource);
    CHECK(indexed.kpi(k.window, k.metric, k.node, k.product, k.market, k.resource) == want);
  }
  CHECK(indexed.kpi("run", "on_hand", "n7", "p3") == 703.0);
  CHECK(indexed.kpi("run", "utilisation", "dc", "", "", "pick") == 0.5);  // the first row
  CHECK(indexed.kpi("run", "utilisation", "", "dc", "", "pick") == 0.6);
  CHECK(indexed.kpi("run", "utilisation", "dc", "pick") == 0.7);
  CHECK(std::isnan(indexed.kpi("run", "on_hand", "n7", "p40")));
  CHECK(std::isnan(indexed.kpi("black_friday", "on_hand", "n7", "p3")));
  CHECK(std::isnan(indexed.kpi("run", "on_hand", "n7p3")));
}

TEST_CASE("KPI rows added after indexing are still found", "[metrics][kpi]") {
  RunResult r = many_rows();
  r.index_kpis();
  r.kpis.push_back({"run", "total_cost", "", "", "", "", 42.0});
  CHECK(r.kpi("run", "total_cost") == 42.0);
  CHECK(r.kpi("run", "on_hand", "n49", "p39") == 4939.0);
}

TEST_CASE("a run's KPIs come indexed and read the same as its rows", "[metrics][kpi]") {
  Scenario s =
      load_scenario_file(std::string(SURGE_SOURCE_DIR) + "/scenarios/black_friday.yaml", {});
  RunResult r = run_replication(s, 0);
  REQUIRE(r.kpi_index.size() == r.kpis.size());
  RunResult linear = r;
  linear.kpi_index.clear();  // stale: searched row by row
  for (const KpiRow& k : r.kpis) {
    const double got = r.kpi(k.window, k.metric, k.node, k.product, k.market, k.resource);
    const double want = linear.kpi(k.window, k.metric, k.node, k.product, k.market, k.resource);
    if (std::isnan(want))
      CHECK(std::isnan(got));
    else
      CHECK(got == want);
  }
}

}  // namespace
}  // namespace surge
