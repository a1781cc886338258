// KPIs that stream (docs/kpis.md, "What a run keeps"): orders and contacts are tallied as they
// close and their records recycled, so a run without --records keeps no record per order or
// contact, and the KPIs, targets and breaks are the same with records kept or not.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "../support/node_fakes.hpp"
#include "../support/run_support.hpp"
#include "surge/io/scenario_loader.hpp"
#include "surge/metrics/binding_census.hpp"
#include "surge/metrics/conservation.hpp"

namespace surge {
namespace {

// A warehouse replenished from a supplier, a market that backorders (with a promise that the
// slow replenishment sometimes breaks), and a service desk that its orders call.
const char* kSteady = R"(name: steady
horizon: 60d
products:
  - {id: w, price: 10, unit_cost: 4}
nodes:
  - id: acme
    type: supplier
    products: {w: {lead_time: 3d}}
  - id: dc
    type: warehouse
    inventory: {w: {initial: 200, source: acme, policy: {type: RQ, R: 150, Q: 300}}}
  - id: desk
    type: service
    agents: 3
    handle_time: {dist: exponential, mean: 6min}
    patience: {dist: exponential, mean: 5min}
lanes:
  - {from: acme, to: dc, lead_time: 0d}
markets:
  - id: m
    served_by: dc
    demand: {product: w, rate: 50/d}
    on_stockout: backorder
    delivery: {lead_time: 1d, promise: 2d}
    contacts: {per_order: 1, to: desk}
)";

TEST_CASE("a long run without records keeps no record per order or contact", "[metrics][memory]") {
  const RunResult short_run = test::run(kSteady, 0, false, {"horizon=60d"});
  const RunResult long_run = test::run(kSteady, 0, false, {"horizon=960d"});
  const double orders = long_run.kpi("run", "demand_orders");
  const double contacts = long_run.kpi("run", "contacts", "desk");
  REQUIRE(orders > 40000);
  REQUIRE(contacts > 40000);
  // The books hold the orders and contacts open at once (and those behind the oldest open
  // one): a few days' worth, the same in a run 16 times as long.
  CHECK(long_run.order_slots < orders / 50);
  CHECK(long_run.contact_slots < contacts / 50);
  CHECK(long_run.order_slots <= 2 * short_run.order_slots);
  CHECK(long_run.contact_slots <= 2 * short_run.contact_slots);
  CHECK(long_run.orders.empty());
  CHECK(long_run.contacts.empty());
  test::check_conservation_lines(long_run);
}

TEST_CASE("records kept or not, the flagship's KPIs, targets and breaks are identical",
          "[metrics][memory]") {
  const Scenario s = load_scenario_file(
      (std::filesystem::path(SURGE_SOURCE_DIR) / "scenarios" / "black_friday.yaml").string());
  const RunResult streamed = run_replication(s, 3, RunOptions{false});
  const RunResult kept = run_replication(s, 3, RunOptions{true});
  REQUIRE(streamed.kpis.size() == kept.kpis.size());
  for (std::size_t i = 0; i < kept.kpis.size(); ++i) {
    const KpiRow &a = streamed.kpis[i], &b = kept.kpis[i];
    INFO(b.window << " " << b.metric << " " << b.node << " " << b.product << " " << b.market);
    CHECK(a.metric == b.metric);
    // Bit for bit (NaN equals NaN here).
    CHECK(((a.value == b.value) || (std::isnan(a.value) && std::isnan(b.value))));
  }
  REQUIRE(streamed.targets.size() == kept.targets.size());
  for (std::size_t k = 0; k < kept.targets.size(); ++k) {
    CHECK(streamed.targets[k].value == kept.targets[k].value);
    CHECK(streamed.targets[k].met == kept.targets[k].met);
    CHECK(streamed.targets[k].first_break == kept.targets[k].first_break);
    CHECK(streamed.breaks[k].constraint == kept.breaks[k].constraint);
    CHECK(streamed.breaks[k].failing == kept.breaks[k].failing);
    CHECK(streamed.breaks[k].waited_first == kept.breaks[k].waited_first);
  }
  CHECK(streamed.trace_fingerprint == kept.trace_fingerprint);
  CHECK(streamed.orders.empty());
  // The records are every order and contact, in id order.
  bool in_order = true;
  for (std::size_t i = 0; i < kept.orders.size(); ++i)
    in_order = in_order && kept.orders[i].id == i;
  for (std::size_t i = 0; i < kept.contacts.size(); ++i)
    in_order = in_order && kept.contacts[i].id == i;
  CHECK(in_order);
  CHECK(kept.orders.size() > 1000);
  CHECK(kept.contacts.size() > 1000);
}

TEST_CASE("an order or contact the KPIs did not tally breaks conservation",
          "[metrics][memory][conservation]") {
  const Scenario s;  // no windows, scopes or targets: the tally only counts
  BindingCensus census(s, {});
  test::TestWorld env;
  RecordTally tally(s, {}, census, false);
  env.world.orders.stream_to(&tally);
  env.world.contacts.stream_to(&tally);
  OrderBook& book = env.world.orders;
  const std::uint64_t id = book.place(0, 0, 1.0, kNone);
  book.take(id, 0);
  book.fill_from_stock(id);
  const std::uint64_t contact = env.world.contacts.arrive(0, ContactCause::order, 0);
  env.world.contacts.answer(contact, 0);
  // Not yet handed over: the books still keep them, so the check refuses.
  CHECK_THROWS_AS(check_all_tallied(env.world, tally), ConservationError);
  book.flush();
  env.world.contacts.flush();
  CHECK_NOTHROW(check_all_tallied(env.world, tally));
  CHECK(tally.orders_taken(OrderStatus::in_process) == 1);
  CHECK(tally.contact_states()[1] == 1);  // in service
  // An order placed after the tally took them all was not tallied.
  book.stream_to(nullptr);
  book.place(0, 0, 1.0, kNone);
  CHECK_THROWS_AS(check_all_tallied(env.world, tally), ConservationError);
}

// A scenario of `products` products, each ordered by each of `markets` markets.
std::string scopes_scenario(int products, int markets) {
  std::string y = "name: scopes\nhorizon: 10d\nproducts:\n";
  for (int p = 0; p < products; ++p) y += "  - {id: p" + std::to_string(p) + ", price: 1}\n";
  y += "nodes:\n  - id: dc\n    type: warehouse\n    inventory:\n";
  for (int p = 0; p < products; ++p) y += "      p" + std::to_string(p) + ": {initial: 1}\n";
  y += "markets:\n";
  for (int m = 0; m < markets; ++m) {
    y += "  - id: m" + std::to_string(m) + "\n    served_by: dc\n    demand:\n";
    for (int p = 0; p < products; ++p)
      y += "      - {product: p" + std::to_string(p) + ", rate: 1/d}\n";
  }
  return y;
}

TEST_CASE("a broad order scope's lead times are those of the finest scopes it covers",
          "[metrics][memory]") {
  // Only the finest scopes keep lead times; every broader one gathers the same values a scope
  // of its own would have kept, for any number of products and markets.
  for (auto [products, markets] : {std::pair{1, 1}, {3, 1}, {1, 4}, {3, 4}}) {
    INFO(products << " products, " << markets << " markets");
    const Scenario s = load_scenario_text(scopes_scenario(products, markets), "scopes.yaml");
    const std::vector<Window> windows{{"run", 0, s.horizon}};
    BindingCensus census(s, windows);
    RecordTally tally(s, windows, census, false);
    const std::size_t mp1 = tally.markets_plus_one();
    const std::size_t scopes = static_cast<std::size_t>(products + 1) * mp1;
    std::vector<std::vector<double>> expected(scopes);
    for (std::uint64_t id = 0; id < 200; ++id) {
      CustomerOrder o;
      o.product = static_cast<std::uint32_t>((id * 7) % static_cast<std::uint64_t>(products));
      o.market = static_cast<std::uint32_t>((id * 5) % static_cast<std::uint64_t>(markets));
      o.quantity = 1;
      o.placed = static_cast<double>(id % 50);
      o.delivered = o.placed + static_cast<double>((id * 37) % 101) / 4.0;
      o.status = id % 9 == 0 ? OrderStatus::lost : OrderStatus::delivered;
      if (o.status == OrderStatus::lost) o.delivered = -1;
      tally.take_order(id, o);
      if (o.status != OrderStatus::delivered) continue;
      for (std::size_t p : {std::size_t{0}, std::size_t{o.product} + 1})
        for (std::size_t m : {std::size_t{0}, std::size_t{o.market} + 1})
          expected[p * mp1 + m].push_back(o.delivered - o.placed);
    }
    std::vector<double> buffer;
    std::size_t kept = 0;
    for (std::size_t scope = 0; scope < scopes; ++scope) {
      if (tally.source_scope(scope) != scope) continue;
      INFO("scope " << scope);
      const std::vector<OrderTally>& tallies = tally.order_scopes(0);
      if (tallies[scope].keeps_lead_times) kept += tallies[scope].lead_times.size();
      std::vector<double> got = tally.lead_times(0, scope, buffer);
      std::sort(got.begin(), got.end());
      std::vector<double> want = expected[scope];
      std::sort(want.begin(), want.end());
      CHECK(got == want);
    }
    // One value kept per delivered order, whatever the number of scopes.
    CHECK(kept == expected[0].size());
    CHECK(kept > 100);
  }
}

}  // namespace
}  // namespace surge
