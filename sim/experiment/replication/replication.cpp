#include "surge/experiment/replication/replication.hpp"

#include <algorithm>
#include <chrono>

#include "surge/experiment/replication/model_builder.hpp"
#include "surge/metrics/binding_census.hpp"
#include "surge/metrics/collector.hpp"
#include "surge/metrics/conservation.hpp"
#include "surge/metrics/kpi_table.hpp"
#include "surge/metrics/observer_tee.hpp"
#include "surge/metrics/targets.hpp"

namespace surge {

std::vector<Window> kpi_windows(const Scenario& s) {
  std::vector<Window> windows{{"run", s.warmup, s.horizon}};
  for (const Campaign& c : s.campaigns) {
    Time start = std::clamp(c.start, s.warmup, s.horizon);
    Time end = std::clamp(c.start + c.duration, s.warmup, s.horizon);
    windows.push_back(Window{c.id, start, end});
  }
  return windows;
}

namespace {

void keep_records(const Scenario& s, const World& world, RunResult& result) {
  result.orders.reserve(world.orders.size());
  for (std::uint64_t i = 0; i < world.orders.size(); ++i) {
    const CustomerOrder& o = world.orders[i];
    const Market& market = s.markets[o.market];
    OrderRecord r;
    r.id = i;
    r.market = market.id;
    r.product = s.products[o.product].id;
    r.fulfilled_by = o.fulfiller == kNone ? "" : s.nodes[o.fulfiller].id;
    r.campaign = o.campaign == kNone ? "" : s.campaigns[o.campaign].id;
    r.quantity = o.quantity;
    r.placed = o.placed;
    r.shipped = o.shipped;
    r.delivered = o.delivered;
    r.status = to_string(o.status);
    r.from_stock = o.from_stock;
    r.on_time =
        o.status == OrderStatus::delivered && on_time(o.delivered, o.placed, market.promise);
    result.orders.push_back(std::move(r));
  }
  result.contacts.reserve(world.contacts.size());
  for (std::size_t i = 0; i < world.contacts.size(); ++i) {
    const Contact& c = world.contacts[i];
    result.contacts.push_back(ContactRecord{i, s.nodes[c.node].id, to_string(c.cause), c.arrived,
                                            c.answered, c.finished, c.abandoned});
  }
}

}  // namespace

RunResult run_replication(const Scenario& scenario, std::uint64_t replication,
                          const RunOptions& options) {
  auto started = std::chrono::steady_clock::now();
  RunResult result;
  result.scenario_name = scenario.name;
  result.seed = scenario.seed;
  result.replication = replication;
  result.windows = kpi_windows(scenario);

  Collector collector(scenario, result.windows, options.time_series);
  BindingCensus census(scenario, result.windows);
  ObserverTee observer(collector, census);
  World world(observer);
  PolicyFactory policies;
  if (options.policy_override)
    policies = [&](std::uint32_t node, std::uint32_t product, const Policy& spec, Time lead) {
      return options.policy_override(node, product, spec, lead, collector);
    };
  Model model(scenario, replication, world, std::move(policies));
  census.link();
  for (const CampaignEffect& c : model.campaigns())
    result.inputs.emplace_back("campaigns." + c.campaign().id + ".uplift", c.uplift());
  // Start the nodes first: the sample at time 0 then shows the state after the start-up
  // work of that instant (orders of stock points that start below their reorder point), as
  // every later sample does (docs/kernel.md, kPrioritySample). Nothing else depends on the
  // order: the first sample event runs after all work at its instant either way.
  model.start();
  collector.attach(world.sim);
  world.sim.run(scenario.horizon);
  collector.finish(scenario.horizon);
  census.finish(scenario.horizon);

  result.conservation = check_conservation(scenario, world, model.census_sources(), collector);
  compute_kpis(scenario, world.orders.records(), world.contacts, collector, result);
  evaluate_targets(scenario, world.orders.records(), world.contacts, result);
  census.report(world.orders.records(), world.contacts, result);
  result.stock_series = std::move(collector.stock_series());
  result.resource_series = std::move(collector.resource_series());
  result.series_names = collector.series_names();
  if (options.records) keep_records(scenario, world, result);
  result.events = world.sim.events_run();
  result.trace_fingerprint = world.sim.fingerprint();
  result.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace surge
