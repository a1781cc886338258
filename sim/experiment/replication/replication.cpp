#include "surge/experiment/replication/replication.hpp"

#include <chrono>

#include "surge/experiment/replication/model_builder.hpp"
#include "surge/metrics/binding_census.hpp"
#include "surge/metrics/collector.hpp"
#include "surge/metrics/conservation.hpp"
#include "surge/metrics/kpi_table.hpp"
#include "surge/metrics/observer_tee.hpp"
#include "surge/metrics/record_tally.hpp"
#include "surge/metrics/targets.hpp"

namespace surge {

std::vector<Window> kpi_windows(const Scenario& s) {
  std::vector<Window> windows{{"run", s.warmup, s.horizon}};
  for (const Campaign& c : s.campaigns) {
    const CampaignSpan span = campaign_kpi_span(c, s);
    windows.push_back(Window{c.id, span.start, span.end});
  }
  return windows;
}

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
  // Orders and contacts are tallied as they close, and recycled (metrics/record_tally.hpp).
  RecordTally records(scenario, result.windows, census, options.records);
  world.orders.stream_to(&records);
  world.contacts.stream_to(&records);
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
  result.order_slots = world.orders.capacity();
  result.contact_slots = world.contacts.capacity();
  world.orders.flush();
  world.contacts.flush();
  check_all_tallied(world, records);
  compute_kpis(scenario, records, collector, result);
  evaluate_targets(scenario, records, result);
  census.report(records, result);
  result.stock_series = std::move(collector.stock_series());
  result.resource_series = std::move(collector.resource_series());
  result.names = collector.names();
  if (options.records) records.move_records_into(result);
  result.events = world.sim.events_run();
  result.trace_fingerprint = world.sim.fingerprint();
  result.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace surge
