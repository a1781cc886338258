// Stream keys (docs/kernel.md, "Random streams"): the one function that names every random
// stream of a model, from ids.
#include "surge/model/stream_keys.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "../support/run_support.hpp"

namespace surge {
namespace {

std::string text(const StreamKey& key) { return key.entity + " | " + key.purpose; }

TEST_CASE("stream keys are formed from the owner's id, a part of it and the purpose",
          "[model][random]") {
  // These are the names the streams have always had: a change here shifts every draw of the
  // streams concerned (and so every golden file that uses them).
  CHECK(text(stream_key(StreamOwner::node, "fc", "pick", "service")) == "fc/pick | service");
  CHECK(text(stream_key(StreamOwner::node, "support", "", "callback")) == "support | callback");
  CHECK(text(stream_key(StreamOwner::node, "acme", "w", "lead_time")) == "acme/w | lead_time");
  CHECK(text(stream_key(StreamOwner::lane, "hub", "fc", "lead_time")) ==
        "lane:hub->fc | lead_time");
  CHECK(text(stream_key(StreamOwner::market, "eu", "", "delivery")) == "market:eu | delivery");
  CHECK(text(stream_key(StreamOwner::market, "eu", "earbuds#0", "size")) ==
        "market:eu/earbuds#0 | size");
  CHECK(text(stream_key(StreamOwner::campaign, "bf", "", "uplift")) == "campaign:bf | uplift");
}

TEST_CASE("owners of different kinds with the same id get different streams", "[model][random]") {
  // A market and a node may not share an id (the loader refuses it), but a campaign may be
  // named like either: the prefixes keep their streams apart.
  CHECK(stream_key(StreamOwner::node, "x", "", "p").entity !=
        stream_key(StreamOwner::market, "x", "", "p").entity);
  CHECK(stream_key(StreamOwner::market, "x", "", "p").entity !=
        stream_key(StreamOwner::campaign, "x", "", "p").entity);
  CHECK(stream_key(StreamOwner::node, "a", "b", "p").entity !=
        stream_key(StreamOwner::lane, "a", "b", "p").entity);
}

TEST_CASE("entries without ids are labelled by their rank in description, not in the list",
          "[model][random]") {
  using Labels = std::vector<std::string>;
  CHECK(entry_labels({"d", "d", "d"}, {"rate 2", "rate 1", "start 5"}) ==
        Labels{"d#1", "d#0", "d#2"});
  // Reordered, every entry keeps its label.
  CHECK(entry_labels({"d", "d", "d"}, {"start 5", "rate 2", "rate 1"}) ==
        Labels{"d#2", "d#1", "d#0"});
  // Ranks count within a base: a demand stream keeps `product#0` while it is the only one of
  // its product, whatever else the market demands.
  CHECK(entry_labels({"b", "a", "a"}, {"x", "rate 3", "rate 1"}) == Labels{"b#0", "a#1", "a#0"});
  CHECK(entry_labels({"a"}, {"anything"}) == Labels{"a#0"});
  // Identical entries are interchangeable: they still get distinct labels.
  CHECK(entry_labels({"d", "d"}, {"same", "same"}) == Labels{"d#0", "d#1"});
  CHECK(entry_labels({}, {}).empty());
}

// A supplier with three disruptions, a market with three demand streams (two of one product)
// whose customers wait with patience, a desk with two standalone contact streams.
const char* kLists = R"(name: lists
horizon: 150d
seed: 7
products:
  - {id: a, price: 10, unit_cost: 4}
  - {id: b, price: 20, unit_cost: 9}
nodes:
  - id: acme
    type: supplier
    products: {a: {lead_time: {dist: exponential, mean: 3d}}, b: {lead_time: 2d}}
    disruptions:
      - {rate: 1/30d, duration: {dist: exponential, mean: 4d}}
      - {rate: 1/50d, duration: {dist: uniform, min: 1d, max: 9d}}
      - {start: 40d, duration: {dist: exponential, mean: 5d}}
  - id: dc
    type: warehouse
    inventory:
      a: {initial: 60, source: acme, policy: {type: sS, s: 40, S: 120}}
      b: {initial: 30, source: acme, policy: {type: sS, s: 20, S: 60}}
  - id: desk
    type: service
    agents: 2
    handle_time: {dist: exponential, mean: 10min}
    patience: {dist: exponential, mean: 5min}
    arrivals:
      - {rate: 4/h}
      - {rate: 2/h, weekly: [1, 1, 1, 1, 1, 2, 2]}
lanes:
  - {from: acme, to: dc, lead_time: {dist: uniform, min: 1d, max: 3d}}
markets:
  - id: m
    served_by: dc
    demand:
      - {product: a, rate: 6/d}
      - {product: b, rate: 3/d, size: {dist: uniform, min: 1, max: 3}}
      - {product: a, rate: 2/d, size: 4}
    on_stockout: backorder_with_patience
    patience: {dist: exponential, mean: 2d}
    contacts: {per_order: 0.2, to: desk}
)";

TEST_CASE(
    "reordering the disruptions and the demand and contact streams of a scenario changes no draw",
    "[model][random]") {
  const RunResult first = test::run(kLists);
  const RunResult reordered =
      test::run(kLists, 0, false,
                {"nodes.acme.disruptions=[{start: 40d, duration: {dist: exponential, mean: 5d}}, "
                 "{rate: 1/50d, duration: {dist: uniform, min: 1d, max: 9d}}, "
                 "{rate: 1/30d, duration: {dist: exponential, mean: 4d}}]",
                 "markets.m.demand=[{product: a, rate: 2/d, size: 4}, {product: a, rate: 6/d}, "
                 "{product: b, rate: 3/d, size: {dist: uniform, min: 1, max: 3}}]",
                 "nodes.desk.arrivals=[{rate: 2/h, weekly: [1, 1, 1, 1, 1, 2, 2]}, {rate: 4/h}]"});
  // The case exercises every list: outages stop supply, customers wait and give up, both
  // contact streams and both streams of `a` produce.
  CHECK(first.kpi("run", "lost_orders") > 0);
  CHECK(first.kpi("run", "backorders") > first.kpi("run", "lost_orders"));
  CHECK(first.kpi("run", "contacts", "desk") > 150 * 24 * 4);
  // Same events (the trace's fingerprint differs: event payloads carry list positions) and
  // every KPI row identical.
  CHECK(reordered.events == first.events);
  REQUIRE(reordered.kpis.size() == first.kpis.size());
  for (std::size_t i = 0; i < first.kpis.size(); ++i) {
    const KpiRow &a = first.kpis[i], &b = reordered.kpis[i];
    INFO(a.window << " " << a.metric << " " << a.node << " " << a.product << " " << a.market << " "
                  << a.resource << ": " << a.value << " vs " << b.value);
    CHECK((a.window == b.window && a.metric == b.metric && a.node == b.node &&
           a.product == b.product && a.market == b.market && a.resource == b.resource));
    CHECK((a.value == b.value || (std::isnan(a.value) && std::isnan(b.value))));
  }
}

}  // namespace
}  // namespace surge
