// Customer service (docs/model.md, "Service centre"): queueing against Erlang C, abandonment,
// zero and unlimited agents, and contacts raised while the centre is closed.
#include <catch2/catch.hpp>
#include <cmath>

#include "../support/run_support.hpp"

namespace surge {
namespace {

using test::load;
using test::per_replication;
using test::t_interval;

// A service node fed only by its standalone stream; the warehouse and market exist because a
// scenario needs a market, and order nothing the service node sees.
const char* kCallCentre = R"(name: call centre
horizon: 40d
warmup: 2d
products:
  - {id: w}
nodes:
  - id: dc
    type: warehouse
    inventory: {w: {initial: 1000}}
  - id: support
    type: service
    agents: 1
    handle_time: {dist: exponential, mean: 6min}
    arrivals: {rate: 8/h}
markets:
  - {id: m, served_by: dc, demand: {product: w, rate: 1/d}}
)";

TEST_CASE("service queue M/M/1 mean wait matches Erlang C", "[nodes][service][stats]") {
  // lambda 8/h, mu 10/h: rho 0.8, Wq = rho / (mu - lambda) = 0.4 h.
  Scenario s = load(kCallCentre);
  const double theory = test::erlang_c_mean_wait(8, 10, 1);
  REQUIRE(theory == Approx(0.4));
  auto waits = per_replication(
      s, 20, [](const RunResult& r) { return r.kpi("run", "mean_wait", "support"); });
  auto ci = t_interval(waits);
  INFO("mean wait CI " << ci.text() << ", Erlang C " << theory);
  CHECK(ci.contains(theory));
}

TEST_CASE("service queue M/M/c wait and service level and utilisation match Erlang C",
          "[nodes][service][stats]") {
  // c = 5 agents, lambda 40/h, mu 10/h: offered load 4, rho 0.8.
  Scenario s = load(kCallCentre,
                    {"nodes.support.agents=5", "nodes.support.arrivals.rate=40/h", "horizon=20d"});
  const double lambda = 40, mu = 10;
  const int c = 5;
  const double wq = test::erlang_c_mean_wait(lambda, mu, c);
  // P(wait <= T) = 1 - C * exp(-(c mu - lambda) T) with T the default 60 s.
  const double within = 60.0 / 3600.0;
  const double sl = 1 - test::erlang_c(lambda, mu, c) * std::exp(-(c * mu - lambda) * within);
  std::vector<double> waits, levels, utilisations;
  for (int r = 0; r < 20; ++r) {
    RunResult result = run_replication(s, static_cast<std::uint64_t>(r));
    waits.push_back(result.kpi("run", "mean_wait", "support"));
    levels.push_back(result.kpi("run", "service_level", "support"));
    utilisations.push_back(result.kpi("run", "utilisation", "support", "", "", "agents"));
    CHECK(result.kpi("run", "abandoned", "support") == 0);
  }
  auto wait_ci = t_interval(waits), sl_ci = t_interval(levels), u_ci = t_interval(utilisations);
  INFO("wait " << wait_ci.text() << " vs " << wq);
  CHECK(wait_ci.contains(wq));
  INFO("service level " << sl_ci.text() << " vs " << sl);
  CHECK(sl_ci.contains(sl));
  INFO("utilisation " << u_ci.text() << " vs 0.8");
  CHECK(u_ci.contains(0.8));
}

TEST_CASE("service queue M/M/3 at high load matches Erlang C", "[nodes][service][stats][slow]") {
  // rho 0.9 with 3 agents: waits are long and strongly correlated, so longer runs and more
  // replications are needed for a tight interval.
  Scenario s = load(kCallCentre, {"nodes.support.agents=3", "nodes.support.arrivals.rate=27/h",
                                  "horizon=200d", "warmup=5d"});
  const double theory = test::erlang_c_mean_wait(27, 10, 3);
  auto waits = per_replication(
      s, 30, [](const RunResult& r) { return r.kpi("run", "mean_wait", "support"); });
  auto ci = t_interval(waits);
  INFO("mean wait CI " << ci.text() << ", Erlang C " << theory);
  CHECK(ci.contains(theory));
  CHECK(ci.half < 0.1 * theory);  // the interval is informative
}

TEST_CASE("callers abandon when their patience runs out", "[nodes][service]") {
  // Overloaded single agent (12/h against 10/h) with short patience: many give up.
  auto r =
      test::run_with_records(kCallCentre, {"nodes.support.arrivals.rate=12/h",
                                           "nodes.support.patience={dist: constant, value: 3min}",
                                           "warmup=0d", "horizon=10d"});
  double abandoned = r.kpi("run", "abandoned", "support");
  double answered = r.kpi("run", "answered", "support");
  double contacts = r.kpi("run", "contacts", "support");
  CHECK(abandoned > 0);
  CHECK(r.kpi("run", "abandonment_rate", "support") == Approx(abandoned / (abandoned + answered)));
  CHECK(r.kpi("run", "jobs_abandoned", "support", "", "", "agents") == abandoned);
  // Every contact is answered, abandoned or still waiting / in service at the horizon.
  CHECK(contacts >= answered + abandoned);
  CHECK(contacts - answered - abandoned <= 6);  // one in service, a few within patience
  std::size_t n_abandoned = 0;
  for (const auto& c : r.contacts) {
    if (c.abandoned < 0) continue;
    ++n_abandoned;
    CHECK(c.answered < 0);
    // Constant patience: each caller gave up exactly 3 minutes after arriving.
    CHECK(c.abandoned - c.arrived == Approx(3.0 / 60).margin(1e-9));
  }
  CHECK(static_cast<double>(n_abandoned) == abandoned);
  // Nobody who was answered had waited longer than their patience.
  for (const auto& c : r.contacts)
    if (c.answered >= 0) CHECK(c.answered - c.arrived <= 3.0 / 60 + 1e-9);
  test::check_conservation_lines(r);
}

TEST_CASE("zero agents answer nothing and the run still balances", "[nodes][service]") {
  SECTION("without patience everyone waits") {
    auto r = test::run_with_records(kCallCentre, {"nodes.support.agents=0", "horizon=5d"});
    CHECK(r.kpi("run", "answered", "support") == 0);
    CHECK(r.kpi("run", "abandoned", "support") == 0);
    CHECK(r.kpi("run", "contacts", "support") > 0);
    CHECK(std::isnan(r.kpi("run", "service_level", "support")));  // nothing offered
    CHECK(std::isnan(r.kpi("run", "utilisation", "support", "", "", "agents")));
    CHECK(r.kpi("run", "mean_queue", "support", "", "", "agents") > 0);
    for (const auto& c : r.contacts) CHECK(c.answered < 0);
    test::check_conservation_lines(r);
  }
  SECTION("with patience everyone abandons") {
    auto r = test::run_with_records(kCallCentre,
                                    {"nodes.support.agents=0", "horizon=5d",
                                     "nodes.support.patience={dist: exponential, mean: 2min}"});
    double contacts = r.kpi("run", "contacts", "support");
    double abandoned = r.kpi("run", "abandoned", "support");
    CHECK(r.kpi("run", "answered", "support") == 0);
    CHECK(abandoned > 0);
    CHECK(contacts - abandoned <= 3);  // at most a few still waiting at the horizon
    CHECK(r.kpi("run", "abandonment_rate", "support") == 1.0);
    CHECK(r.kpi("run", "service_level", "support") == 0.0);
    test::check_conservation_lines(r);
  }
}

TEST_CASE("unlimited agents answer every contact at once", "[nodes][service]") {
  auto r = test::run_with_records(kCallCentre, {"nodes.support.agents=unlimited",
                                                "nodes.support.arrivals.rate=200/h", "horizon=5d"});
  CHECK(r.kpi("run", "mean_wait", "support") == 0);
  CHECK(r.kpi("run", "service_level", "support") == 1);
  CHECK(r.kpi("run", "mean_queue", "support", "", "", "agents") == 0);
  CHECK(r.kpi("run", "utilisation", "support", "", "", "agents") == 0);  // documented
  for (const auto& c : r.contacts) CHECK(c.answered == c.arrived);
}

// Orders around the clock, one contact each, to a centre open 09:00-17:00 on weekdays.
const char* kClosedCentre = R"(name: office hours
horizon: 7d
products:
  - {id: w}
calendars:
  office: {mon-fri: "09:00-17:00"}
nodes:
  - id: dc
    type: warehouse
    inventory: {w: {initial: 100000}}
  - id: support
    type: service
    calendar: office
    agents: unlimited
    handle_time: 1min
    arrivals: {rate: 5/h}
markets:
  - id: m
    served_by: dc
    demand: {product: w, rate: 4/h}
    contacts: {per_order: 1, to: support}
)";

TEST_CASE("contacts raised while the centre is closed arrive when it opens",
          "[nodes][service][calendar]") {
  auto r = test::run_with_records(kClosedCentre);
  auto open = [](Time t) {
    long day = static_cast<long>(std::floor(t / 24));
    double h = t - day * 24.0;
    return day % 7 < 5 && h >= 9 - 1e-9 && h < 17;
  };
  std::size_t from_orders = 0, standalone = 0, at_opening = 0;
  for (const auto& c : r.contacts) {
    INFO("contact arrived at " << c.arrived);
    CHECK(open(c.arrived));
    CHECK(c.answered == c.arrived);
    if (c.cause == ContactCause::order) ++from_orders;
    if (c.cause == ContactCause::standalone) ++standalone;
    if (std::fmod(c.arrived, 24.0) < 10.0) ++at_opening;
  }
  CHECK(standalone > 0);
  // Orders placed overnight call back in the first open hour, 09:00-10:00; those after Friday
  // 17:00 would call on Monday, after the horizon, so they never arrive. Every other order
  // produced exactly one contact.
  std::size_t expected = 0;
  for (const auto& o : r.orders) expected += o.placed < 4 * 24 + 17 ? 1 : 0;
  CHECK(from_orders == expected);
  CHECK(at_opening > 10);  // the overnight orders (16 h x 4/h a night) call in that hour
  test::check_conservation_lines(r);
}

TEST_CASE("agents start contacts only in open hours and finish the one in hand",
          "[nodes][service][calendar]") {
  // One agent with 50-minute calls: calls started shortly before 17:00 finish after closing.
  auto r = test::run_with_records(
      kClosedCentre,
      {"nodes.support.agents=1", "nodes.support.handle_time=50min", "markets.m.demand.rate=1/h"});
  bool finished_after_close = false;
  for (const auto& c : r.contacts) {
    if (c.answered < 0) continue;
    long day = static_cast<long>(std::floor(c.answered / 24));
    double h = c.answered - day * 24.0;
    CHECK(day % 7 < 5);
    CHECK(h >= 9 - 1e-9);
    CHECK(h < 17);
    if (c.finished >= 0 && c.finished - day * 24.0 > 17) finished_after_close = true;
  }
  CHECK(finished_after_close);
}

TEST_CASE("orders raise contacts per order and per late order", "[nodes][service][contacts]") {
  // 5 units, orders of 2, no replenishment: from the third order on nobody is delivered, so
  // each of those orders calls once more when its 1-day promise passes.
  const char* text = R"(name: late orders
horizon: 10d
products:
  - {id: w}
nodes:
  - id: dc
    type: warehouse
    inventory: {w: {initial: 5}}
  - id: support
    type: service
    agents: unlimited
    handle_time: 1min
markets:
  - id: m
    served_by: dc
    demand: {product: w, rate: 3/d, size: 2}
    delivery: {lead_time: 6h, promise: 1d}
    contacts: {per_order: 1, per_late_order: 1, to: support}
)";
  auto r = test::run_with_records(text);
  double per_order = 0, late = 0;
  for (const auto& c : r.contacts) {
    per_order += c.cause == ContactCause::order ? 1 : 0;
    late += c.cause == ContactCause::late_order ? 1 : 0;
  }
  CHECK(per_order == static_cast<double>(r.orders.size()));
  double expected_late = 0;
  for (std::size_t i = 2; i < r.orders.size(); ++i)
    expected_late += r.orders[i].placed + 24 <= 240 ? 1 : 0;
  CHECK(late == expected_late);
}

}  // namespace
}  // namespace surge
