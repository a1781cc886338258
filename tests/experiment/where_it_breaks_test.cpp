// Known answers (tests/diagnosis/): scenarios built so that the cause of failure is known, run
// once and as a Monte Carlo. The run's break, the verdict's `Where it breaks` and its share
// name the constraint and its upstream cause given at the top of each file.
#include <catch2/catch.hpp>
#include <string>

#include "surge/experiment/monte_carlo/monte_carlo.hpp"
#include "surge/experiment/monte_carlo/verdict.hpp"
#include "surge/experiment/replication/replication.hpp"
#include "surge/experiment/replication/replication_row.hpp"
#include "surge/io/scenario_loader.hpp"

using namespace surge;

namespace {

struct KnownAnswer {
  const char* file;
  const char* chain;  // where it breaks, traced upstream
};

const KnownAnswer kKnownAnswers[] = {
    {"fc_stock_too_small", "fc/widget out of stock"},
    {"pick_too_small", "fc/pick station at capacity"},
    {"agents_too_small", "support/agents all busy"},
    {"line_too_slow",
     "fc/widget out of stock \u2190 dc/widget out of stock \u2190 plant/widget line at capacity"},
    {"lane_at_capacity", "fc/widget out of stock \u2190 dc->fc lane at capacity"},
    {"supplier_outage", "wh/widget out of stock \u2190 acme/widget supplier down"},
    {"one_product_runs_out", "fc/gadget out of stock"},
};

Scenario known(const std::string& file) {
  return load_scenario_file(std::string(SURGE_SOURCE_DIR) + "/tests/diagnosis/" + file + ".yaml");
}

}  // namespace

TEST_CASE("one run names where each known case breaks", "[experiment][breaks]") {
  for (const KnownAnswer& k : kKnownAnswers) {
    INFO(k.file);
    RunResult r = run_replication(known(k.file), 0);
    const TargetBreak* b = r.where_it_breaks();
    REQUIRE(b);
    CHECK(b->chain == k.chain);
    // Most of the failing work waited there first.
    CHECK(b->waited_first > 0.5 * b->failing);
  }
}

TEST_CASE("the verdict names where each known case breaks in its failing replications",
          "[experiment][breaks]") {
  for (const KnownAnswer& k : kKnownAnswers) {
    INFO(k.file);
    Scenario s = known(k.file);
    McOptions o;
    o.replications = 6;
    o.threads = 2;
    McResult mc = run_monte_carlo(s, o);
    Verdict v = make_verdict(s, mc);
    REQUIRE(v.probability < 1);
    CHECK(v.breaks == k.chain);
    CHECK(v.breaks_share > 0.8);
  }
}

TEST_CASE("with two products, the one that runs out is named for its own target only",
          "[experiment][breaks]") {
  RunResult r = run_replication(known("one_product_runs_out"), 0);
  REQUIRE(r.breaks.size() == 3);
  CHECK(r.breaks[0].met);  // widget's fill rate
  CHECK(r.breaks[0].chain.empty());
  CHECK_FALSE(r.breaks[1].met);
  CHECK(r.breaks[1].constraint == "fc/gadget");
  CHECK(r.breaks[1].kind == "stock");
  CHECK_FALSE(r.breaks[2].met);  // all products: gadget's orders are the failing ones
  CHECK(r.breaks[2].constraint == "fc/gadget");
  // The census: widget's stock point never bound; gadget's did.
  for (const CensusRow& c : r.census)
    if (c.window == "run" && c.constraint == "fc/widget") CHECK(c.bound_hours == 0);
}

TEST_CASE("a chain's head is its first name, whatever characters the name holds",
          "[experiment][breaks]") {
  CHECK(chain_head("fc/earbuds out of stock \u2190 dc/earbuds out of stock") == "fc/earbuds");
  CHECK(chain_head("dc->fc lane at capacity") == "dc->fc");
  CHECK(chain_head("east fc/pick station at capacity") == "east fc/pick");
  CHECK(chain_head("acme/chips supplier down") == "acme/chips");
  CHECK(chain_head("support/agents all busy") == "support/agents");
  CHECK(chain_head("") == "");
}

TEST_CASE("the verdict's break is the most frequent head, with its most frequent chain",
          "[experiment][breaks]") {
  const std::string deep = "fc/x out of stock \u2190 dc/x out of stock";
  BreakVote v = vote_breaks({deep, "fc/x out of stock", deep, "fc/pick station at capacity",
                             "fc/pick station at capacity", ""});
  CHECK(v.chain == deep);  // fc/x heads 3 of the 6; among those, `deep` twice
  CHECK(v.share == Approx(0.5));
  CHECK(vote_breaks({"", ""}).chain.empty());
  CHECK(vote_breaks({}).share == 0);
}
