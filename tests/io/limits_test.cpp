// Sanity limits of the loader (docs/reliability.md): a horizon, a time series, orders or a
// network far beyond sense are refused at the key that causes it, with the estimated size,
// before anything runs; what fits is not.
// tests/io/hostile_input_test.cpp has the rest of the estimate (events, orders, contacts).
#include <sys/resource.h>

#include <string>

#include "io/test_support.hpp"
#include "surge/experiment/replication/replication.hpp"

using surge::test::kMinimal;
using surge::test::load_error;

TEST_CASE("a horizon beyond 100 years is refused at the horizon", "[loader][limits]") {
  std::string text = kMinimal;
  text.replace(text.find("horizon: 10d"), 12, "horizon: 40000d");
  auto err = load_error(text);
  CHECK_ERROR_AT_TOKEN(err, text, "40000d", "`horizon` (40000d) is beyond 100 years");
  // 100 years exactly is allowed, with the default daily samples.
  text.replace(text.find("40000d"), 6, "36500d");
  CHECK_NOTHROW(surge::load_scenario_text(text, "s.yaml"));
}

TEST_CASE("time series beyond the memory limit are refused with their estimated size",
          "[loader][limits]") {
  std::string text = kMinimal;
  // One stock point: 10 days every 0.01 s is 86.4 million samples of 80 bytes, about 7 GB.
  text.replace(text.find("horizon: 10d"), 12, "horizon: 10d\nsample_every: 0.01s");
  auto err = load_error(text);
  CHECK_ERROR_AT_TOKEN(err, text, "0.01s",
                       "one replication would hold about 6.94 GB of memory, mostly for 8.64e+07 "
                       "time-series samples (1 series every 10ms); the limit is 2 GB: raise "
                       "`sample_every` or shorten `horizon`, or raise `limits.memory_gb`");
  // Without sample_every the error points at the horizon.
  auto at_horizon =
      load_error(text.substr(0, text.find("sample_every")) + text.substr(text.find("products:")),
                 {"horizon=1000w", "sample_every=1s"});
  CHECK(at_horizon.line() == 0);  // both came from --set: no position in the file
  CHECK_THAT(at_horizon.message(), Catch::Matchers::Contains("time-series samples"));
  // Under the limit is fine: 10 days every 0.1 s is 8.64 million samples, about 0.7 GB.
  std::string under = text;
  under.replace(under.find("0.01s"), 5, "0.1s");
  CHECK_NOTHROW(surge::load_scenario_text(under, "s.yaml"));
  // And the limit is raised deliberately in the scenario.
  CHECK_NOTHROW(surge::load_scenario_text(text + "limits: {memory_gb: 12}\n", "s.yaml"));
}

TEST_CASE("time series count only where the run keeps them", "[loader][limits]") {
  // The 86.4 million samples above (about 7 GB): `surge run` without -o keeps none (the
  // sample events still run: 8.64e7 of the 1e9 allowed), so it loads them; every other command,
  // and `surge validate` for them, counts them.
  std::string text = kMinimal;
  text.replace(text.find("horizon: 10d"), 12, "horizon: 10d\nsample_every: 0.01s");
  surge::LoadOptions no_series;
  no_series.time_series = false;
  CHECK_NOTHROW(surge::load_scenario_text(text, "s.yaml", {}, {}, no_series));
  CHECK_THAT(load_error(text).message(), Catch::Matchers::Contains("time-series samples"));
  // Their events still count: every 0.1 ms they are 8.64e9, beyond the limit either way.
  std::string many = text;
  many.replace(many.find("0.01s"), 5, "0.1ms");
  const std::string events = load_error(many, {}, no_series).message();
  CHECK_THAT(events, Catch::Matchers::Contains("run about 8.64e+09 events, mostly for 8.64e+09 "
                                               "time-series samples"));
}

TEST_CASE("a key given twice in one map is an error at the second one", "[loader]") {
  std::string text = kMinimal;
  text.replace(text.find("horizon: 10d"), 12, "horizon: 10d\nhorizon: 20d");
  auto err = load_error(text);
  CHECK_ERROR_AT_TOKEN(err, text, "horizon: 20d", "duplicate key `horizon` (first at line 2)");
  // Also inside flow maps, and the same key in two different maps is fine.
  std::string flow = kMinimal;
  flow.replace(flow.find("{id: widget, price: 10}"), 23, "{id: widget, price: 10, price: 11}");
  auto err2 = load_error(flow);
  CHECK_THAT(err2.message(), Catch::Matchers::Contains("duplicate key `price`"));
}

TEST_CASE("a refused estimate names its largest part of any kind where it is written",
          "[loader][limits]") {
  // The estimate describes only its largest part (io/scenario/run_size.cpp): each kind of part
  // has its own words and place. Orders, samples, reviews and batches are in
  // hostile_input_test.cpp and the bad-input corpus; here the others.
  // The minimal scenario with one more node first under `nodes:`.
  auto with_nodes = [](const std::string& node) {
    std::string text = kMinimal;
    text.replace(text.find("nodes:\n"), 7, "nodes:\n  - " + node + "\n");
    return text;
  };
  struct Case {
    std::string text;
    const char* token;    // where the error must point
    const char* message;  // what it must say
  };
  const Case cases[] = {
      {std::string(kMinimal) +
           "campaigns:\n  - {id: promo, products: [widget], markets: [eu], start: 2d, "
           "duration: 5d, uplift: 1e12}\n",
       "1e12",
       "mostly for 5e+13 extra orders of `widget` in market `eu` from campaign `promo`; the "
       "limit is 2 GB: lower the uplift"},
      {with_nodes("{id: care, type: service, agents: 5, handle_time: 5min, "
                  "arrivals: {rate: 1e12/d}}"),
       "{rate: 1e12/d}",
       "mostly for 1e+13 contacts arriving at `care`; the limit is 2 GB: lower the rate"},
      {with_nodes("{id: acme, type: supplier, products: {widget: {lead_time: 1d}}, "
                  "disruptions: [{rate: 1e12/d, duration: 1h}]}"),
       "1e12/d",
       "one replication would run about 2e+13 events, mostly for 1e+13 disruptions of `acme`; "
       "the limit is 1e+09 events: lower the rate"},
  };
  for (const Case& c : cases) {
    auto err = load_error(c.text);
    CHECK_ERROR_AT_TOKEN(err, c.text, c.token, c.message);
  }
}

TEST_CASE("orders a run streams fit where the old per-record estimate refused them",
          "[loader][limits]") {
  // 20 million orders in 10 days. The estimate made when every order's record was kept to the
  // end (160 bytes each) put them at 3.2 GB and refused them at the 2 GB default. Delivered
  // orders keep one lead time each (docs/kpis.md, "What a run keeps"): at most 16 bytes in
  // one long list, 11-13 measured (docs/reliability.md, "What the memory estimate counts"), so
  // 0.34 GB with the program (24 MB), and the stock covers every order, so none waits. The run
  // itself peaks at 284 MB (measured; docs/reliability.md).
  std::string text = kMinimal;
  text.replace(text.find("rate: 10/d"), 10, "rate: 2e6/d");
  text.replace(text.find("initial: 100"), 12, "initial: 1e9");
  CHECK_NOTHROW(surge::load_scenario_text(text, "s.yaml"));
  // But when the stock runs out and is never replenished, the first order short of it waits
  // to the end and the order book holds every order placed after it (224 bytes each): 4.48 GB,
  // 4.82 GB with their lead times and the program.
  std::string short_stock = kMinimal;
  short_stock.replace(short_stock.find("rate: 10/d"), 10, "rate: 2e6/d");
  auto err = load_error(short_stock);
  CHECK_ERROR_AT_TOKEN(err, short_stock, "2e6/d",
                       "one replication would hold about 4.82 GB of memory, mostly for 2e+07 "
                       "orders of `widget` in market `eu`; the limit is 2 GB: lower the rate");
  // So does a station that passes a tenth of them (one server, 0.432 s an order: 2 million in
  // 10 days): 90% held to the end, 4.03 GB; with their lead times and the program 4.38 GB.
  std::string slow = text;
  slow.replace(slow.find("type: warehouse"), 15,
               "type: fulfilment\n    stations: [{name: pick, servers: 1, time: 0.432s}]");
  auto held = load_error(slow);
  CHECK_THAT(held.message(), Catch::Matchers::Contains("mostly for 2e+07 orders of `widget`"));
  CHECK_THAT(held.message(), Catch::Matchers::Contains("hold about 4.38 GB"));
  // Lost sales wait for nothing.
  CHECK_NOTHROW(
      surge::load_scenario_text(short_stock.replace(short_stock.find("rate: 2e6/d}"), 12,
                                                    "rate: 2e6/d}, on_stockout: lost_sale"),
                                "s.yaml"));
}

TEST_CASE("a network too large for the memory limit is refused at its largest part",
          "[loader][limits]") {
  // The network's own memory counts: a stock point 7,168 bytes, a demand stream 768 and a
  // random stream drawn from 3,072 (docs/reliability.md). A warehouse of 3,000 stock points
  // is 21.5 MB, a supplier of 3,000 random lead times 9.2 MB, their 11 daily samples 2.6 MB
  // and the program 24 MB: 57.4 MB.
  std::string products, inventory, supplies;
  for (int i = 0; i < 3000; ++i) {
    std::string id = "p" + std::to_string(i);
    products += "  - {id: " + id + ", price: 10}\n";
    inventory += "      " + id + ": {initial: 100, source: acme}\n";
    supplies += "      " + id + ": {lead_time: {dist: uniform, min: 1d, max: 2d}}\n";
  }
  auto scenario = [&](const std::string& limit_gb) {
    return "name: t\nhorizon: 10d\nlimits: {memory_gb: " + limit_gb + "}\nproducts:\n" + products +
           "nodes:\n  - id: acme\n    type: supplier\n    products:\n" + supplies +
           "  - id: wh\n    type: warehouse\n    inventory:\n" + inventory +
           "lanes:\n  - {from: acme, to: wh, lead_time: 1d}\n"
           "markets:\n  - {id: eu, served_by: wh, demand: {product: p0, rate: 10/d}}\n";
  };
  std::string text = scenario("0.04");
  auto err = load_error(text);
  CHECK_ERROR_AT_TOKEN(err, text, "p0: {initial",
                       "one replication would hold about 0.0574 GB of memory, mostly for 3e+03 "
                       "stock points at `wh` (the network itself); the limit is 0.04 GB: stock "
                       "fewer products there, or raise `limits.memory_gb`");
  // With room for it, the same network loads.
  CHECK_NOTHROW(surge::load_scenario_text(scenario("0.06"), "s.yaml"));
  // Random streams are named where they are drawn: without the warehouse's stock points,
  // the supplier's 3,000 random lead times are the largest part.
  std::string streams = scenario("0.02");
  streams.replace(
      streams.find("  - id: wh\n"), streams.find("lanes:") - streams.find("  - id: wh\n"),
      "  - id: wh\n    type: warehouse\n    inventory: {p0: {initial: 100, source: acme}}\n");
  auto random = load_error(streams);
  CHECK_THAT(random.message(),
             Catch::Matchers::Contains("mostly for 3e+03 random streams at `acme` (the network "
                                       "itself); the limit is 0.02 GB: make fewer of its times "
                                       "random"));
}

TEST_CASE("orders are held for as long as the longest replenishment up the sources",
          "[loader][limits]") {
  // 20 million orders over 100 days from a stock point that runs out: its supplier's 9 days
  // and the lane's 1 day make 10 days' orders held at once, 2 million of 224 bytes: 0.45 GB,
  // with their lead times (0.32 GB) and the program 0.79 GB.
  std::string text = kMinimal;
  text.replace(text.find("horizon: 10d"), 12, "horizon: 100d");
  text.replace(text.find("rate: 10/d"), 10, "rate: 2e5/d");
  text.replace(text.find("{initial: 100}"), 14,
               "{initial: 100, source: acme, policy: {type: sS, s: 10, S: 100}}");
  text.replace(text.find("nodes:\n"), 7,
               "nodes:\n  - {id: acme, type: supplier, products: {widget: {lead_time: 9d}}}\n");
  text += "lanes:\n  - {from: acme, to: dc, lead_time: 1d}\n";
  CHECK_NOTHROW(surge::load_scenario_text(text, "s.yaml"));
  auto err = load_error(text + "limits: {memory_gb: 0.7}\n");
  CHECK_THAT(err.message(), Catch::Matchers::Contains(
                                "one replication would hold about 0.792 GB of memory, mostly for "
                                "2e+07 orders of `widget` in market `eu`"));
  // A random lead time counts at its longest: uniform up to 19 days makes 20 days' orders.
  std::string longer = text;
  longer.replace(longer.find("lead_time: 9d"), 13, "lead_time: {dist: uniform, min: 1d, max: 19d}");
  auto err2 = load_error(longer + "limits: {memory_gb: 0.7}\n");
  CHECK_THAT(err2.message(), Catch::Matchers::Contains("hold about 1.24 GB"));
}

TEST_CASE("contacts cost memory only while the agents cannot answer them", "[loader][limits]") {
  // 20 million calls in 10 days at a desk that answers 14,400 (5 agents, 5 minutes each) and
  // whose callers never give up: the contact book holds nearly all of them, 144 bytes each.
  std::string text = kMinimal;
  text.replace(text.find("nodes:\n"), 7,
               "nodes:\n  - {id: care, type: service, agents: 5, handle_time: 5min, arrivals: "
               "{rate: 2e6/d}}\n");
  auto err = load_error(text);
  CHECK_ERROR_AT_TOKEN(err, text, "{rate: 2e6/d}",
                       "one replication would hold about 2.9 GB of memory, mostly for 2e+07 "
                       "contacts arriving at `care`; the limit is 2 GB: lower the rate");
  // Callers who give up after a minute are closed and tallied: nothing is held.
  std::string patient = text;
  patient.replace(patient.find("handle_time: 5min"), 17, "handle_time: 5min, patience: 1min");
  CHECK_NOTHROW(surge::load_scenario_text(patient, "s.yaml"));
  // And enough agents answer them all.
  std::string staffed = text;
  staffed.replace(staffed.find("agents: 5,"), 10, "agents: 100000,");
  CHECK_NOTHROW(surge::load_scenario_text(staffed, "s.yaml"));
}

TEST_CASE("records kept for --records count in the memory a run needs", "[loader][limits]") {
  // The 20 million orders that fit above, each with its record (160 bytes: measured 118-156,
  // docs/reliability.md) when `surge run --records -o` keeps them: 3.2 GB more, 3.54 GB in
  // all, refused at the orders, with the way out that keeps the scenario as it is.
  std::string text = kMinimal;
  text.replace(text.find("rate: 10/d"), 10, "rate: 2e6/d");
  text.replace(text.find("initial: 100"), 12, "initial: 1e9");
  surge::LoadOptions records;
  records.records = true;
  auto err = load_error(text, {}, records);
  CHECK_ERROR_AT_TOKEN(err, text, "2e6/d",
                       "one replication would hold about 3.54 GB of memory, 3.2 GB of it for the "
                       "records of its orders and contacts (`--records`), the most for 2e+07 "
                       "orders of `widget` in market `eu`; the limit is 2 GB: run without "
                       "`--records`, or raise `limits.memory_gb`");
  CHECK_NOTHROW(surge::load_scenario_text(text, "s.yaml"));  // without records, as above
  CHECK_NOTHROW(
      surge::load_scenario_text(text + "limits: {memory_gb: 4}\n", "s.yaml", {}, {}, records));
  // A tenth of them with their records: 0.35 GB, fine at the default limit.
  std::string tenth = text;
  tenth.replace(tenth.find("rate: 2e6/d"), 11, "rate: 2e5/d");
  CHECK_NOTHROW(surge::load_scenario_text(tenth, "s.yaml", {}, {}, records));
  // So are 20 million through a plan applied with --plan: the run loads the planned scenario
  // with the same options.
  const std::string planned = std::string(kMinimal) + "plans:\n  surge_up: {set: " +
                              "{markets.eu.demand.rate: 2e6/d, nodes.dc.inventory.widget." +
                              "initial: 1e9}, cost: 0}\n";
  CHECK_NOTHROW(surge::load_scenario_text(planned, "s.yaml", {}, {"surge_up"}));
  try {
    surge::load_scenario_text(planned, "s.yaml", {}, {"surge_up"}, records);
    FAIL("the planned run's records must be refused");
  } catch (const surge::ScenarioError& e) {
    CHECK_THAT(e.message(), Catch::Matchers::Contains("3.2 GB of it for the records"));
  }
}

TEST_CASE("records that break the memory limit are named however they are spread",
          "[loader][limits]") {
  surge::LoadOptions records;
  records.records = true;
  // 2 million orders (their records 0.32 GB) beside 8.64 million time-series samples (0.69
  // GB, the largest part): 0.75 GB without the records, 1.07 GB with them. The records are
  // the cause, though no part is mostly records.
  std::string spread = kMinimal;
  spread.replace(spread.find("rate: 10/d"), 10, "rate: 2e5/d");
  spread.replace(spread.find("initial: 100"), 12, "initial: 1e9");
  spread.replace(spread.find("horizon: 10d"), 12, "horizon: 10d\nsample_every: 0.1s");
  spread += "limits: {memory_gb: 1}\n";
  CHECK_NOTHROW(surge::load_scenario_text(spread, "s.yaml"));
  auto err = load_error(spread, {}, records);
  CHECK_ERROR_AT_TOKEN(err, spread, "2e5/d",
                       "0.32 GB of it for the records of its orders and contacts (`--records`), "
                       "the most for 2e+06 orders of `widget` in market `eu`; the limit is 1 GB: "
                       "run without `--records`");
  // 200,000 contacts that one agent cannot answer: held, 144 bytes each, more than their
  // records (96), and the records still tip it over the limit.
  std::string held = kMinimal;
  held.replace(held.find("nodes:\n"), 7,
               "nodes:\n  - {id: care, type: service, agents: 1, handle_time: 1h, "
               "arrivals: {rate: 2e4/d}}\n");
  held += "limits: {memory_gb: 0.06}\n";
  CHECK_NOTHROW(surge::load_scenario_text(held, "s.yaml"));
  auto held_err = load_error(held, {}, records);
  CHECK_ERROR_AT_TOKEN(held_err, held, "{rate: 2e4/d}",
                       "of it for the records of its orders and contacts (`--records`), the most "
                       "for 2e+05 contacts arriving at `care`");
  // When the run breaks the events limit too, dropping the records is not the way out: the
  // refusal is the scenario's, as `surge validate` gives it (its events here).
  std::string both = kMinimal;
  both.replace(both.find("rate: 10/d"), 10, "rate: 2e6/d");
  both.replace(both.find("initial: 100"), 12, "initial: 1e9");
  both += "limits: {events: 1e6}\n";
  auto both_err = load_error(both, {}, records);
  CHECK_ERROR_AT_TOKEN(both_err, both, "2e6/d",
                       "one replication would run about 4e+07 events, mostly for 2e+07 orders "
                       "of `widget` in market `eu`; the limit is 1e+06 events: lower the rate");
  CHECK(load_error(both).message() == both_err.message());
  // And a run that breaks the memory limit without its records is refused for it, as validate
  // refuses it, though the records add to the total it gives.
  std::string over = both.substr(0, both.find("limits:")) + "limits: {memory_gb: 0.3}\n";
  CHECK_THAT(load_error(over, {}, records).message(),
             Catch::Matchers::Contains("would hold about 3.54 GB of memory, mostly for 2e+07 "
                                       "orders of `widget` in market `eu`; the limit is 0.3 GB: "
                                       "lower the rate"));
  // And the events limit alone keeps its own words.
  auto events = load_error(
      both.substr(0, both.find("limits:")) + "limits: {events: 1e6, memory_gb: 4}\n", {}, records);
  CHECK_THAT(events.message(),
             Catch::Matchers::Contains("mostly for 2e+07 orders of `widget` in market `eu`; "
                                       "the limit is 1e+06 events: lower the rate"));
}

#ifdef __linux__
TEST_CASE("an accepted run peaks below its memory estimate and above half of it",
          "[loader][limits][slow]") {
  // The estimate is an upper bound, and one with room to spare refuses no run that fits in
  // half the limit: here on the 20 million orders of the test above, in this process (its own
  // peak resident set, which Linux gives in KB), one replication as `surge run` without `-o`.
  std::string text = kMinimal;
  text.replace(text.find("rate: 10/d"), 10, "rate: 2e6/d");
  text.replace(text.find("initial: 100"), 12, "initial: 1e9");
  auto refused = load_error(text + "limits: {memory_gb: 1e-9}\n");
  const std::string& message = refused.message();
  auto about = message.find("hold about ");
  REQUIRE(about != std::string::npos);
  const double estimate = std::stod(message.substr(about + 11)) * 1e9;
  surge::RunOptions options;
  options.time_series = false;
  auto result = surge::run_replication(surge::load_scenario_text(text, "s.yaml"), 0, options);
  rusage usage{};
  REQUIRE(getrusage(RUSAGE_SELF, &usage) == 0);
  const double peak = static_cast<double>(usage.ru_maxrss) * 1024;
  INFO("estimate " << estimate << " bytes, peak " << peak << " bytes");
  CHECK(peak <= estimate);
  CHECK(peak >= estimate / 2);
}
#endif
