// DESIGN.md's sample scenario must load verbatim, with every value in internal units.
#include <catch2/catch.hpp>
#include <cmath>

#include "surge/io/scenario_loader.hpp"
#include "surge/policies/policy_declaration.hpp"

namespace surge {
namespace {

const char* kSample = R"(name: Black Friday earbuds
horizon: 120d
warmup: 14d
seed: 42
products:
  - {id: earbuds, price: 79, unit_cost: 31, holding_cost: 0.02/d}
calendars:
  two_shifts: {mon-fri: "06:00-22:00", sat: "08:00-16:00", holidays: [85d]}
nodes:
  - id: plant
    type: factory
    mode: make_to_order
    lines: [{product: earbuds, rate: 1200/d}]
  - id: dc
    type: warehouse
    inventory: {earbuds: {initial: 20000, source: plant, policy: {type: sS, s: 8000, S: 25000}}}
  - id: fc
    type: fulfilment
    inventory: {earbuds: {initial: 3000, source: dc, policy: {type: sS, s: 1500, S: 5000}}}
    calendar: two_shifts
    stations:
      - {name: pick, servers: 10, time: {dist: exponential, mean: 4min}}
      - {name: pack, servers: 6, time: {dist: lognormal, mean: 3min, cv: 0.5}}
  - id: support
    type: service
    agents: 12
    handle_time: {dist: lognormal, mean: 6min, cv: 0.8}
    patience: {dist: exponential, mean: 3min}
    arrivals: {rate: 20/h}          # contacts that no order causes
lanes:
  - {from: plant, to: dc, lead_time: {dist: normal, mean: 20d, sd: 2d}}
  - {from: dc, to: fc, lead_time: 2d}
markets:
  - id: eu
    served_by: fc
    demand: {product: earbuds, rate: 800/d, weekly: [1, 1, 1, 1.1, 1.3, 1.4, 0.9]}
    delivery: {lead_time: {dist: uniform, min: 1d, max: 2d}, promise: 3d}
    on_stockout: backorder
    contacts: {per_order: 0.03, per_late_order: 0.4, to: support}
campaigns:
  - id: black_friday
    product: earbuds
    markets: [eu]
    start: 57d
    duration: 4d
    uplift: {dist: lognormal, median: 3.0, p90: 4.5}
targets:
  confidence: 0.9
  require:
    - {metric: fill_rate, window: black_friday, at_least: 0.95}
    - {metric: otif, window: black_friday, at_least: 0.90}
    - {metric: service_level, node: support, answer_within: 60s, at_least: 0.80}
plans:
  prebuild: {set: {nodes.dc.inventory.earbuds.initial: 40000}, cost: 0}
  extra_pickers: {set: {nodes.fc.stations.pick.servers: 16}, cost: 4800}
)";

TEST_CASE("the design's sample scenario loads with every field in internal units", "[io]") {
  Scenario s = load_scenario_text(kSample, "sample.yaml");
  CHECK(s.name == "Black Friday earbuds");
  CHECK(s.source_path == "sample.yaml");
  CHECK(s.source_text == kSample);
  CHECK(s.horizon == Approx(120 * 24));
  CHECK(s.warmup == Approx(14 * 24));
  CHECK(s.seed == 42);
  CHECK(s.sample_every == Approx(24));

  REQUIRE(s.products.size() == 1);
  CHECK(s.products[0].price == 79);
  CHECK(s.products[0].unit_cost == 31);
  CHECK(s.products[0].holding_cost == Approx(0.02 / 24));
  CHECK(s.products[0].lost_sale_cost < 0);  // default: the lost margin

  REQUIRE(s.calendars.count("two_shifts"));
  const Calendar& cal = s.calendars.at("two_shifts");
  CHECK(cal.is_open(0 * 24 + 7));          // Monday 07:00
  CHECK_FALSE(cal.is_open(0 * 24 + 23));   // Monday 23:00
  CHECK(cal.is_open(5 * 24 + 9));          // Saturday 09:00
  CHECK_FALSE(cal.is_open(6 * 24 + 9));    // Sunday
  CHECK_FALSE(cal.is_open(85 * 24 + 10));  // the holiday (a Monday)
  CHECK(cal.weekly_open_hours() == Approx(5 * 16 + 8));

  REQUIRE(s.nodes.size() == 4);
  const Node* plant = s.find_node("plant");
  REQUIRE(plant);
  CHECK(plant->type == NodeType::factory);
  CHECK(plant->mode == ProductionMode::make_to_order);
  REQUIRE(plant->lines.size() == 1);
  CHECK(plant->lines[0].name == "earbuds");
  CHECK(plant->lines[0].rate.base() == Approx(1200.0 / 24));
  CHECK(plant->lines[0].batch == 1);

  const Node* dc = s.find_node("dc");
  REQUIRE(dc);
  REQUIRE(dc->inventory.size() == 1);
  CHECK(dc->inventory[0].initial == 20000);
  REQUIRE(dc->inventory[0].sources.size() == 1);
  CHECK(dc->inventory[0].sources[0].from == "plant");
  CHECK(dc->inventory[0].sources[0].share == 1.0);
  const Policy& policy = dc->inventory[0].policy;
  CHECK(policy.type == "sS");
  auto params = policy_parameters(policy);
  CHECK(params->number("s") == 8000);
  CHECK(params->number("S") == 25000);
  CHECK(policy.review() == 0);

  const Node* fc = s.find_node("fc");
  REQUIRE(fc);
  CHECK(fc->calendar == "two_shifts");
  REQUIRE(fc->stations.size() == 2);
  CHECK(fc->stations[0].name == "pick");
  CHECK(fc->stations[0].servers.base() == 10);
  CHECK(fc->stations[0].time.kind() == DistKind::exponential);
  CHECK(fc->stations[0].time.mean() == Approx(4.0 / 60));
  CHECK(fc->stations[1].time.kind() == DistKind::lognormal);
  CHECK(fc->stations[1].time.mean() == Approx(3.0 / 60));
  CHECK_FALSE(fc->cutoff.has_value());

  const Node* support = s.find_node("support");
  REQUIRE(support);
  CHECK(support->agents.base() == 12);
  CHECK(support->handle_time.mean() == Approx(0.1));
  REQUIRE(support->patience.has_value());
  CHECK(support->patience->mean() == Approx(3.0 / 60));
  REQUIRE(support->arrivals.size() == 1);
  CHECK(support->arrivals[0].rate == Approx(20));
  CHECK(support->answer_within == Approx(60.0 / 3600));

  REQUIRE(s.lanes.size() == 2);
  CHECK(s.lanes[0].lead_time.kind() == DistKind::normal);
  CHECK(s.lanes[0].capacity.base() == kUnlimited);
  CHECK(s.lanes[1].lead_time.is_constant());
  CHECK(s.lanes[1].lead_time.mean() == Approx(48));

  REQUIRE(s.markets.size() == 1);
  const Market& eu = s.markets[0];
  CHECK(eu.served_by == "fc");
  REQUIRE(eu.demand.size() == 1);
  CHECK(eu.demand[0].rate == Approx(800.0 / 24));
  CHECK(eu.demand[0].weekly == std::vector<double>{1, 1, 1, 1.1, 1.3, 1.4, 0.9});
  CHECK(eu.demand[0].size.mean() == 1);
  CHECK(eu.delivery_lead_time.kind() == DistKind::uniform);
  CHECK(eu.delivery_lead_time.mean() == Approx(36));
  CHECK(eu.promise == Approx(72));
  CHECK(eu.on_stockout == StockoutBehaviour::backorder);
  CHECK(eu.contacts_per_order == Approx(0.03));
  CHECK(eu.contacts_per_late_order == Approx(0.4));
  CHECK(eu.contacts_to == "support");

  REQUIRE(s.campaigns.size() == 1);
  const Campaign& bf = s.campaigns[0];
  CHECK(bf.products == std::vector<std::string>{"earbuds"});
  CHECK(bf.markets == std::vector<std::string>{"eu"});
  CHECK(bf.start == Approx(57 * 24));
  CHECK(bf.duration == Approx(96));
  CHECK(bf.uplift.kind() == DistKind::lognormal);
  // median 3 and p90 4.5: the mean is exp(mu + sigma^2 / 2).
  double sigma = std::log(1.5) / 1.2815515655446004;
  CHECK(bf.uplift.mean() == Approx(3.0 * std::exp(sigma * sigma / 2)));

  CHECK(s.confidence == Approx(0.9));
  REQUIRE(s.targets.size() == 3);
  CHECK(s.targets[0].metric == "fill_rate");
  CHECK(s.targets[0].window == "black_friday");
  CHECK(s.targets[0].comparison == Comparison::at_least);
  CHECK(s.targets[0].value == Approx(0.95));
  CHECK(s.targets[2].window == "run");
  CHECK(s.targets[2].node == "support");
  REQUIRE(s.targets[2].answer_within.has_value());
  CHECK(*s.targets[2].answer_within == Approx(60.0 / 3600));

  REQUIRE(s.plans.size() == 2);
  const Plan* prebuild = nullptr;
  for (auto& p : s.plans)
    if (p.id == "prebuild") prebuild = &p;
  REQUIRE(prebuild);
  REQUIRE(prebuild->settings.size() == 1);
  CHECK(prebuild->settings[0].path == "nodes.dc.inventory.earbuds.initial");
  CHECK(prebuild->settings[0].value == "40000");
  CHECK_FALSE(prebuild->settings[0].during.has_value());
  CHECK(prebuild->cost == 0);
}

TEST_CASE("a plan's overrides apply to the loaded scenario", "[io]") {
  Scenario base = load_scenario_text(kSample, "sample.yaml");
  Scenario with_plan = apply_overrides(base, {{"nodes.fc.stations.pick.servers", "16"}});
  CHECK(with_plan.find_node("fc")->stations[0].servers.base() == 16);
  CHECK(base.find_node("fc")->stations[0].servers.base() == 10);
  CHECK(with_plan.source_text != base.source_text);
  // The modified text is itself a valid scenario that round-trips.
  Scenario again = load_scenario_text(with_plan.source_text, "again.yaml");
  CHECK(again.find_node("fc")->stations[0].servers.base() == 16);
}

TEST_CASE("overrides given with --set replace values anywhere in the tree", "[io]") {
  Scenario s =
      load_scenario_text(kSample, "sample.yaml",
                         {"nodes.dc.inventory.earbuds.initial=40000", "horizon=90d",
                          "campaigns.black_friday.uplift=2.5", "markets.eu.demand.rate=1000/d",
                          "lanes.plant:dc.lead_time={dist: normal, mean: 10d, sd: 1d}",
                          "nodes.fc.stations.1.servers=unlimited"});
  CHECK(s.find_node("dc")->inventory[0].initial == 40000);
  CHECK(s.horizon == Approx(90 * 24));
  CHECK(s.campaigns[0].uplift.mean() == Approx(2.5));
  CHECK(s.markets[0].demand[0].rate == Approx(1000.0 / 24));
  CHECK(s.lanes[0].lead_time.mean() == Approx(240).epsilon(0.01));
  CHECK(s.find_node("fc")->stations[1].servers.base() == kUnlimited);
  CHECK(s.source_text.find("40000") != std::string::npos);
}

TEST_CASE("a --set may add a valid key that the file leaves out", "[io]") {
  Scenario s = load_scenario_text(kSample, "sample.yaml", {"nodes.fc.cutoff=18:00"});
  REQUIRE(s.find_node("fc")->cutoff.has_value());
  CHECK(*s.find_node("fc")->cutoff == Approx(18));
}

}  // namespace
}  // namespace surge
