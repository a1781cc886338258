// Sanity limits of the loader (docs/reliability.md): a horizon or a time series far beyond
// sense is refused at the key that causes it, with the estimated size, before anything runs.
// tests/io/hostile_input_test.cpp has the rest of the estimate (events, orders, contacts).
#include "io/test_support.hpp"

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
  // One stock point: 10 days every 0.01 s is 86.4 million samples, about 11 GB.
  text.replace(text.find("horizon: 10d"), 12, "horizon: 10d\nsample_every: 0.01s");
  auto err = load_error(text);
  CHECK_ERROR_AT_TOKEN(err, text, "0.01s",
                       "one replication would hold about 11.1 GB of memory, mostly for 8.64e+07 "
                       "time-series samples (1 series every 10ms); the limit is 2 GB: raise "
                       "`sample_every` or shorten `horizon`, or raise `limits.memory_gb`");
  // Without sample_every the error points at the horizon.
  auto at_horizon =
      load_error(text.substr(0, text.find("sample_every")) + text.substr(text.find("products:")),
                 {"horizon=1000w", "sample_every=1s"});
  CHECK(at_horizon.line() == 0);  // both came from --set: no position in the file
  CHECK_THAT(at_horizon.message(), Catch::Matchers::Contains("time-series samples"));
  // Under the limit is fine: 10 days every 0.1 s is 8.64 million samples, about 1.1 GB.
  std::string under = text;
  under.replace(under.find("0.01s"), 5, "0.1s");
  CHECK_NOTHROW(surge::load_scenario_text(under, "s.yaml"));
  // And the limit is raised deliberately in the scenario.
  CHECK_NOTHROW(surge::load_scenario_text(text + "limits: {memory_gb: 12}\n", "s.yaml"));
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
