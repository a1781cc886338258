// The search on a case whose answer is known in closed form, with probes of a fixed count and
// probes that stop once their verdict is settled.
#include "surge/experiment/studies/search.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "surge/io/scenario_loader.hpp"

using namespace surge;

namespace {

// P(Poisson(mean) <= k).
double poisson_cdf(double mean, int k) {
  double term = std::exp(-mean), sum = term;
  for (int i = 1; i <= k; ++i) {
    term *= mean / i;
    sum += term;
  }
  return sum;
}

// The demand rate per day at which P(Poisson(rate * days) <= stock) equals p.
double rate_for(double p, int stock, double days) {
  double lo = 0, hi = 10 * stock / days;
  for (int i = 0; i < 100; ++i) {
    double mid = 0.5 * (lo + hi);
    (poisson_cdf(mid * days, stock) > p ? lo : hi) = mid;
  }
  return lo;
}

// 100 units and no replenishment, lost sales: every order is met exactly when the orders of
// the 10-day run number at most 100, so P(deliverable) = P(Poisson(10 r) <= 100).
Scenario fixed_stock() {
  const char* yaml = R"(name: fixed stock
horizon: 10d
seed: 3
products: [{id: unit, price: 1, unit_cost: 0}]
nodes:
  - {id: shop, type: warehouse, inventory: {unit: {initial: 100}}}
markets:
  - id: walk_in
    served_by: shop
    demand: {product: unit, rate: 5/d}
    on_stockout: lost_sale
targets:
  confidence: 0.9
  require:
    - {metric: lost_sales, at_most: 0}
)";
  return load_scenario_text(yaml, "fixed.yaml");
}

// A search of fixed_stock() over 2.4/d to 24/d in 8 steps: the reported limit must lie between
// the rate where P = 0.99 (a margin far beyond any probe's interval width) and r90, where P is
// exactly the required 0.9 (a probe is DELIVERABLE only when its interval clears 0.9); the
// bisection's resolution (21.6 / 2^8 per day) is added on both sides. Rates are per day, as the
// probes' YAML numbers are.
void check_bracket(const SearchResult& r) {
  REQUIRE(r.found);
  REQUIRE(!std::isnan(r.not_deliverable));
  double resolution = (24.0 - 2.4) / 256;
  double r90 = rate_for(0.90, 100, 10), r99 = rate_for(0.99, 100, 10);
  INFO("r90 = " << r90 << "/d, r99 = " << r99 << "/d, found " << r.deliverable << " .. "
                << r.not_deliverable);
  CHECK(r.deliverable <= r90 + resolution);
  CHECK(r.deliverable >= r99 - resolution);
  CHECK(r.not_deliverable - r.deliverable <= resolution + 1e-9);
}

}  // namespace

TEST_CASE(
    "search finds the largest demand rate a fixed stock can serve with the required confidence",
    "[experiment][search][slow]") {
  Scenario s = fixed_stock();
  McOptions options;
  options.replications = 400;
  SearchResult r = run_search(s, "markets.walk_in.demand.rate", 2.4, 24.0, "/d", 8, options,
                              /*settle=*/false);
  // Theory: the exact limit r90 has P = 0.9. With 400 replications the Wilson lower bound
  // reaches 0.9 only when the estimate is about 0.925 or more.
  check_bracket(r);
}

TEST_CASE("a search whose probes stop once settled still brackets the known limit",
          "[experiment][search][sequential]") {
  Scenario s = fixed_stock();
  McOptions options;
  options.replications = 400;
  options.threads = 2;
  SearchResult r =
      run_search(s, "markets.walk_in.demand.rate", 2.4, 24.0, "/d", 8, options, /*settle=*/true);
  // Each probe's verdict carries a 95% guarantee (Clopper-Pearson at 99% per look, 5 looks).
  check_bracket(r);
  // The high end (P(Poisson(240) <= 100) is nil) is settled at the first look; probes near the
  // limit need more. Every count is one of the looks.
  REQUIRE(r.probes.size() == 10);
  CHECK(r.probes[1].value == 24.0);
  CHECK(r.probes[1].replications == 30);
  CHECK(r.probes[1].judgement == Deliverability::not_deliverable);
  const std::vector<std::uint64_t> looks{30, 60, 120, 240, 400};
  std::uint64_t most = 0;
  for (const SearchProbe& p : r.probes) {
    CHECK(p.sequential);
    CHECK(std::find(looks.begin(), looks.end(), p.replications) != looks.end());
    CHECK(p.ci_method == "99% Clopper-Pearson per look, 5 looks");
    CHECK(p.unsettled == (p.judgement == Deliverability::at_risk));
    most = std::max(most, p.replications);
  }
  CHECK(most > 30);
  // The same probes, counts and verdicts on one thread.
  options.threads = 1;
  SearchResult one =
      run_search(s, "markets.walk_in.demand.rate", 2.4, 24.0, "/d", 8, options, /*settle=*/true);
  REQUIRE(one.probes.size() == r.probes.size());
  for (std::size_t i = 0; i < r.probes.size(); ++i) {
    CHECK(one.probes[i].value == r.probes[i].value);
    CHECK(one.probes[i].replications == r.probes[i].replications);
    CHECK(one.probes[i].probability == r.probes[i].probability);
  }
  CHECK(one.deliverable == r.deliverable);
}
