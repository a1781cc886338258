#include "surge/experiment/replication/model_builder.hpp"

#include <algorithm>
#include <utility>

#include "surge/policies/replenishment_policy.hpp"

namespace surge {

Model::Model(World& world, PolicyFactory policy_override)
    : world_(world), policy_override_(std::move(policy_override)) {
  const Scenario& s = world.scenario;
  // Uplifts are drawn once per replication, each from its campaign's own stream.
  campaigns_.reserve(s.campaigns.size());
  for (const Campaign& c : s.campaigns) {
    RandomStream stream = world.stream("campaign:" + c.id, "uplift");
    campaigns_.emplace_back(c, c.uplift.sample(stream));
  }

  factories_.assign(s.nodes.size(), nullptr);
  for (std::uint32_t n = 0; n < s.nodes.size(); ++n) {
    switch (s.nodes[n].type) {
      case NodeType::supplier:
        suppliers_.push_back(std::make_unique<Supplier>(world, n));
        world.sources[n] = suppliers_.back().get();
        break;
      case NodeType::factory: {
        auto factory = std::make_unique<Factory>(world, n);
        factories_[n] = factory.get();
        stocking_.push_back(std::move(factory));
        break;
      }
      case NodeType::warehouse: stocking_.push_back(std::make_unique<Warehouse>(world, n)); break;
      case NodeType::fulfilment:
        stocking_.push_back(std::make_unique<FulfilmentCentre>(world, n));
        break;
      case NodeType::service:
        service_.push_back(std::make_unique<ServiceCentre>(world, n));
        world.contact_centres[n] = service_.back().get();
        world.census_sources.push_back(service_.back().get());
        break;
    }
  }
  for (auto& node : stocking_) {
    world.sources[node->index()] = node.get();
    world.fulfillers[node->index()] = node.get();
    world.census_sources.push_back(node.get());
  }
  for (const Lane& lane : s.lanes) {
    std::uint32_t from = world.node_index(lane.from), to = world.node_index(lane.to);
    lanes_.push_back(std::make_unique<TransportLane>(world, lane, from, to));
    world.lanes[from][to] = lanes_.back().get();
    world.census_sources.push_back(lanes_.back().get());
  }
  for (std::uint32_t m = 0; m < s.markets.size(); ++m) {
    markets_.push_back(std::make_unique<MarketProcess>(world, m, campaigns_));
    world.markets[m] = markets_.back().get();
    world.census_sources.push_back(markets_.back().get());
  }
  for (auto& node : stocking_) resolve_sources(*node);
}

void Model::resolve_sources(StockingNode& node) {
  const Scenario& s = world_.scenario;
  const Node& spec = s.nodes[node.index()];
  for (const StockItem& item : spec.inventory) {
    std::uint32_t product = world_.product_index(item.product);
    std::vector<ResolvedSource> sources;
    Time lead_time_mean = 0;
    // The default order-up-to cover uses the primary source's lead time: the first source
    // that is not a backup (the first of all when every one is a backup, as place_order does).
    const SourceRef* primary = nullptr;
    for (const SourceRef& ref : item.sources)
      if (!ref.backup && !primary) primary = &ref;
    if (!primary && !item.sources.empty()) primary = &item.sources.front();
    for (const SourceRef& ref : item.sources) {
      std::uint32_t from = world_.node_index(ref.from);
      sources.push_back(ResolvedSource{world_.sources[from], world_.lane(from, node.index()),
                                       ref.share, ref.backup});
      if (&ref == primary) {
        if (const Lane* lane = s.find_lane(ref.from, spec.id))
          lead_time_mean += lane->lead_time.mean();
        const Node& source = s.nodes[from];
        auto terms = source.supplies.find(item.product);
        if (source.type == NodeType::supplier && terms != source.supplies.end())
          lead_time_mean += terms->second.lead_time.mean();
      }
    }
    // A factory's finished goods without a named source come from its own line.
    if (sources.empty() && factories_[node.index()])
      if (ProductionLine* line = factories_[node.index()]->line_for(product))
        sources.push_back(ResolvedSource{line, nullptr, 1.0, false});
    std::unique_ptr<ReplenishmentPolicy> policy;
    if (policy_override_)
      policy = policy_override_(node.index(), product, item.policy, lead_time_mean);
    if (!policy) policy = make_policy(item.policy, lead_time_mean);
    node.stock(product)->set_sources(std::move(sources), std::move(policy));
  }
}

void Model::start() {
  // Within each kind, nodes and markets start in the order of their ids, not of the file: the
  // events they schedule for one instant then tie-break the same way however the file lists
  // them (results must not depend on the order of the nodes in the file).
  const Scenario& s = world_.scenario;
  auto by_id = [](auto& items, auto id_of) {
    std::vector<std::size_t> order(items.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return id_of(*items[a]) < id_of(*items[b]); });
    for (std::size_t i : order) items[i]->start();
  };
  by_id(suppliers_, [&](const Supplier& n) { return s.nodes[n.index()].id; });
  by_id(stocking_, [&](const StockingNode& n) { return s.nodes[n.index()].id; });
  by_id(service_, [&](const ServiceCentre& n) { return s.nodes[n.index()].id; });
  by_id(markets_, [&](const MarketProcess& m) { return s.markets[m.index()].id; });
}

}  // namespace surge
