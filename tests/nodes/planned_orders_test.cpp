// One-off orders (the scenario's `orders`, docs/scenario-reference.md): placed at their time,
// from the source they name, through its lead time and lane; units conserved.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "../io/test_support.hpp"
#include "../support/run_support.hpp"

namespace surge {
namespace {

// A warehouse with no demand to speak of and no policy: only the planned orders move its stock.
// Supplier acme takes 3 days, supplier zeta 1 day; the lanes take 1 day and 2 days.
const char* kPrebuild = R"(name: prebuild
horizon: 20d
sample_every: 1d
products:
  - {id: w, price: 10}
nodes:
  - id: acme
    type: supplier
    products: {w: {lead_time: 3d}}
  - id: zeta
    type: supplier
    products: {w: {lead_time: 1d}}
  - id: dc
    type: warehouse
    inventory: {w: {initial: 0, sources: [{from: acme}, {from: zeta, backup: true}]}}
lanes:
  - {from: acme, to: dc, lead_time: 1d}
  - {from: zeta, to: dc, lead_time: 2d}
markets:
  - {id: m, served_by: dc, demand: {product: w, rate: 0.0001/d}}
orders:
  - {id: first, node: dc, product: w, quantity: 500, at: 2d}
  - {id: second, node: dc, product: w, quantity: 70, at: 132h, from: zeta}
)";

double on_hand_at(const RunResult& r, Time t) {
  for (const StockSample& s : r.stock_series)
    if (r.node_of(s) == "dc" && r.product_of(s) == "w" && s.time == Approx(t)) return s.on_hand;
  FAIL("no sample at " << t);
  return 0;
}

TEST_CASE("a planned order arrives after its source's lead time and the lane's", "[nodes]") {
  RunResult r = test::run(kPrebuild);
  // `first` from the primary source acme: ordered on day 2, dispatched day 5, in on day 6.
  // `second` from zeta: ordered at 5.5 d, dispatched 6.5 d, in at 8.5 d. The demand of
  // 0.0001/d takes nothing from these samples (a draw on them is as good as impossible, and
  // would show as a backlog here).
  CHECK(on_hand_at(r, 5 * kDay) == 0);
  CHECK(on_hand_at(r, 6 * kDay) == 500);
  CHECK(on_hand_at(r, 8 * kDay) == 500);
  CHECK(on_hand_at(r, 9 * kDay) == 570);
  test::check_conservation_lines(r);
}

TEST_CASE("a planned order of 0 units, or at another item, changes nothing", "[nodes]") {
  RunResult none =
      test::run(kPrebuild, 0, false, {"orders.first.quantity=0", "orders.second.quantity=0"});
  CHECK(on_hand_at(none, 19 * kDay) == 0);
}

TEST_CASE("planned order mistakes are located errors that say what is valid", "[io]") {
  struct Case {
    const char* order;
    const char* token;
    const char* message;
  };
  const Case cases[] = {
      {"{id: o, node: dc, product: w, quantity: 5, at: 20d}", "20d",
       "placed at or after the end of the run"},
      {"{id: o, node: dc, product: w, quantity: 5, at: 1d, from: acm}", "acm}",
       "`acm` is not a source of `w` at `dc`; did you mean `acme`?"},
      {"{id: o, node: acme, product: w, quantity: 5, at: 1d}", "w, q",
       "node `acme` holds no stock of `w`"},
      {"{id: o, node: dx, product: w, quantity: 5, at: 1d}", "dx", "unknown node `dx`"},
      {"{id: o, node: dc, product: w, quantity: -5, at: 1d}", "-5", "quantity"},
      {"{id: first, node: dc, product: w, quantity: 5, at: 1d}", "first",
       "duplicate order id `first`"},
  };
  const int order_line =
      1 + static_cast<int>(
              std::count(kPrebuild, kPrebuild + std::char_traits<char>::length(kPrebuild), '\n'));
  for (const Case& c : cases) {
    std::string text = std::string(kPrebuild) + "  - " + c.order + "\n";
    INFO(c.order);
    ScenarioError e = test::load_error(text);
    INFO(e.what());
    CHECK_THAT(e.message(), Catch::Contains(c.message));
    // At the order's own line, at the key the message is about.
    CHECK(e.line() == order_line);
    CHECK(e.column() == 5 + static_cast<int>(std::string(c.order).find(c.token)));
  }
}

}  // namespace
}  // namespace surge
