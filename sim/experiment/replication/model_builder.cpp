#include "surge/experiment/replication/model_builder.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>

#include "surge/kernel/error.hpp"
#include "surge/policies/replenishment_policy.hpp"

namespace surge {
namespace {

// Exact descriptions of the list entries that have no id (their stream names follow from them,
// model/stream_keys.hpp): every parameter in full precision, so different entries differ.
std::string exact(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

std::string describe(const Distribution& d) {
  return std::string(to_string(d.kind())) + "(" + exact(d.mean()) + "," + exact(d.variance()) +
         "," + exact(d.max_value()) + ")";
}

std::string describe(const std::vector<double>& values) {
  std::string out = "[";
  for (double v : values) out += exact(v) + ",";
  return out + "]";
}

std::string describe(const Disruption& d) {
  return (d.start ? "start " + exact(*d.start) : "rate " + exact(d.rate)) + " duration " +
         describe(d.duration);
}

std::string describe(const ContactStream& s) {
  return "rate " + exact(s.rate) + " weekly " + describe(s.weekly);
}

std::string describe(const DemandStream& s) {
  std::string out = "rate " + exact(s.rate) + " weekly " + describe(s.weekly) + " seasonal [";
  for (const SeasonalWindow& w : s.seasonal)
    out += exact(w.from) + ":" + exact(w.to) + ":" + exact(w.factor) + ",";
  return out + "] size " + describe(s.size);
}

// The labels of a list of entries without ids, all of one kind (`base`).
template <class Entry>
std::vector<std::string> labels_of(const std::vector<Entry>& entries, const std::string& base) {
  std::vector<std::string> bases(entries.size(), base), descriptions;
  for (const Entry& e : entries) descriptions.push_back(describe(e));
  return entry_labels(bases, descriptions);
}

}  // namespace

Model::Model(const Scenario& scenario, std::uint64_t replication, World& world,
             PolicyFactory policy_override)
    : scenario_(scenario),
      replication_(replication),
      world_(world),
      policy_override_(std::move(policy_override)) {
  const Scenario& s = scenario_;
  for (std::uint32_t p = 0; p < s.products.size(); ++p) product_index_.emplace(s.products[p].id, p);
  for (std::uint32_t n = 0; n < s.nodes.size(); ++n) node_index_.emplace(s.nodes[n].id, n);
  // Uplifts are drawn once per replication, each from its campaign's own stream.
  campaigns_.reserve(s.campaigns.size());
  for (const Campaign& c : s.campaigns) {
    RandomStream uplift = stream(StreamOwner::campaign, c.id, "", "uplift");
    campaigns_.emplace_back(c, c.uplift.sample(uplift));
  }

  sources_.assign(s.nodes.size(), nullptr);
  stocking_at_.assign(s.nodes.size(), nullptr);
  factories_.assign(s.nodes.size(), nullptr);
  contact_centres_.assign(s.nodes.size(), nullptr);
  // Nodes in the file's order: each registers its stock points and resources with the
  // observer as it is built, which fixes the order of the KPI rows and time series.
  for (std::uint32_t n = 0; n < s.nodes.size(); ++n) {
    switch (s.nodes[n].type) {
      case NodeType::supplier: build_supplier(n); break;
      case NodeType::factory: build_factory(n); break;
      case NodeType::warehouse:
        stocking_.push_back(std::make_unique<Warehouse>(world_, stocking_spec(n)));
        break;
      case NodeType::fulfilment: build_fulfilment(n); break;
      case NodeType::service: build_service(n); break;
    }
  }
  for (auto& node : stocking_) {
    sources_[node->index()] = node.get();
    stocking_at_[node->index()] = node.get();
    census_sources_.push_back(node.get());
  }
  for (const Lane& lane : s.lanes) {
    std::uint32_t from = node_index(lane.from), to = node_index(lane.to);
    lanes_.push_back(std::make_unique<TransportLane>(
        world_, lane, from, stream(StreamOwner::lane, lane.from, lane.to, "lead_time"), to));
    lane_between_[{from, to}] = lanes_.back().get();
    lane_spec_between_.emplace(std::make_pair(from, to), &lane);
    census_sources_.push_back(lanes_.back().get());
  }
  for (std::uint32_t m = 0; m < s.markets.size(); ++m) build_market(m);
  for (auto& node : stocking_) resolve_sources(*node);
}

RandomStream Model::stream(StreamOwner owner, std::string_view id, std::string_view part,
                           std::string_view purpose) const {
  StreamKey key = stream_key(owner, id, part, purpose);
  return RandomStream(scenario_.seed, replication_, key.entity, key.purpose);
}

std::uint32_t Model::product_index(const std::string& id) const {
  auto it = product_index_.find(id);
  if (it == product_index_.end())
    throw InternalError("internal: unknown product " + id + " after validation");
  return it->second;
}

std::uint32_t Model::node_index(const std::string& id) const {
  auto it = node_index_.find(id);
  if (it == node_index_.end())
    throw InternalError("internal: unknown node " + id + " after validation");
  return it->second;
}

const Calendar& Model::calendar(const std::string& name) const {
  if (name.empty()) return always_open_;
  auto it = scenario_.calendars.find(name);
  if (it == scenario_.calendars.end())
    throw InternalError("internal: unknown calendar " + name + " after validation");
  return it->second;
}

StockingSpec Model::stocking_spec(std::uint32_t node) const {
  const Node& spec = scenario_.nodes[node];
  StockingSpec setup{node, spec, {}, scenario_.products.size()};
  for (const StockItem& item : spec.inventory)
    setup.item_products.push_back(product_index(item.product));
  return setup;
}

void Model::build_supplier(std::uint32_t n) {
  const Node& spec = scenario_.nodes[n];
  std::vector<SuppliedProduct> products;
  for (const auto& [product, terms] : spec.supplies) {
    std::uint32_t p = product_index(product);
    products.push_back(SuppliedProduct{p, &terms, scenario_.products[p].unit_cost,
                                       stream(StreamOwner::node, spec.id, product, "lead_time")});
  }
  std::vector<RandomStream> disruptions;
  for (const std::string& label : labels_of(spec.disruptions, "disruption"))
    disruptions.push_back(stream(StreamOwner::node, spec.id, "", label));
  suppliers_.push_back(
      std::make_unique<Supplier>(world_, n, spec, std::move(products), std::move(disruptions)));
  sources_[n] = suppliers_.back().get();
}

void Model::build_factory(std::uint32_t n) {
  const Node& spec = scenario_.nodes[n];
  std::vector<FactoryLine> lines;
  for (const Line& line : spec.lines) {
    std::uint32_t p = product_index(line.product);
    const Product& product = scenario_.products[p];
    FactoryLine built{line,
                      p,
                      line.cost_per_unit >= 0 ? line.cost_per_unit : product.unit_cost,
                      stream(StreamOwner::node, spec.id, line.name, "production"),
                      {}};
    for (const auto& [component, per_unit] : product.bom)
      built.components.push_back(Component{product_index(component), per_unit});
    lines.push_back(std::move(built));
  }
  auto factory = std::make_unique<Factory>(world_, stocking_spec(n), calendar(spec.calendar),
                                           std::move(lines));
  factories_[n] = factory.get();
  stocking_.push_back(std::move(factory));
}

void Model::build_fulfilment(std::uint32_t n) {
  const Node& spec = scenario_.nodes[n];
  std::vector<FulfilmentStation> stations;
  for (const Station& station : spec.stations)
    stations.push_back(FulfilmentStation{
        station, calendar(station.calendar.empty() ? spec.calendar : station.calendar),
        stream(StreamOwner::node, spec.id, station.name, "service")});
  stocking_.push_back(std::make_unique<FulfilmentCentre>(
      world_, stocking_spec(n), calendar(spec.calendar), std::move(stations)));
}

void Model::build_service(std::uint32_t n) {
  const Node& spec = scenario_.nodes[n];
  ServiceCentreStreams streams{stream(StreamOwner::node, spec.id, "agents", "service"),
                               stream(StreamOwner::node, spec.id, "agents", "patience"),
                               stream(StreamOwner::node, spec.id, "", "callback"),
                               {}};
  for (const std::string& label : labels_of(spec.arrivals, "arrivals"))
    streams.arrivals.push_back(stream(StreamOwner::node, spec.id, "", label));
  service_.push_back(std::make_unique<ServiceCentre>(world_, n, spec, calendar(spec.calendar),
                                                     scenario_.horizon, scenario_.dates,
                                                     std::move(streams)));
  contact_centres_[n] = service_.back().get();
  census_sources_.push_back(service_.back().get());
}

void Model::build_market(std::uint32_t m) {
  const Market& spec = scenario_.markets[m];
  StockingNode* fulfiller = stocking_at_[node_index(spec.served_by)];
  SURGE_CHECK(fulfiller, "market " + spec.id + " served by a node that fills no orders");
  ContactCentre* contacts =
      spec.contacts_to.empty() ? nullptr : contact_centres_[node_index(spec.contacts_to)];
  MarketLinks links{*fulfiller, contacts, {}};
  for (const Campaign& c : scenario_.campaigns)
    links.campaign_contacts.push_back(
        c.contacts_to.empty() ? contacts : contact_centres_[node_index(c.contacts_to)]);

  MarketStreams streams{{},
                        stream(StreamOwner::market, spec.id, "", "delivery"),
                        stream(StreamOwner::market, spec.id, "", "contacts"),
                        {}};
  // A demand stream is named by its product; several streams of one product in one market
  // by their rank among them by description.
  std::vector<std::string> bases, descriptions;
  for (const DemandStream& d : spec.demand) {
    bases.push_back(d.product);
    descriptions.push_back(describe(d));
  }
  const std::vector<std::string> labels = entry_labels(bases, descriptions);
  std::vector<std::uint32_t> products;
  for (std::size_t i = 0; i < spec.demand.size(); ++i) {
    const std::string& product = spec.demand[i].product;
    products.push_back(product_index(product));
    streams.demand.push_back(
        DemandStreams{stream(StreamOwner::market, spec.id, labels[i], "arrivals"),
                      stream(StreamOwner::market, spec.id, labels[i], "size")});
    // The patience of the market's customers for a product: the market's own stream, whoever
    // serves it.
    if (spec.on_stockout == StockoutBehaviour::backorder_with_patience)
      streams.patience.try_emplace(
          products.back(), stream(StreamOwner::market, spec.id, product, "backorder_patience"));
  }
  markets_.push_back(std::make_unique<MarketProcess>(world_, m, spec, products, campaigns_,
                                                     scenario_.horizon, scenario_.dates,
                                                     std::move(streams), std::move(links)));
  fulfiller->serve(m, *markets_.back());
  census_sources_.push_back(markets_.back().get());
}

void Model::resolve_sources(StockingNode& node) {
  const Scenario& s = scenario_;
  const Node& spec = s.nodes[node.index()];
  for (const StockItem& item : spec.inventory) {
    std::uint32_t product = product_index(item.product);
    std::vector<ResolvedSource> sources;
    Time lead_time_mean = 0;
    // The default order-up-to cover uses the primary source's lead time: the first source
    // that is not a backup (the first of all when every one is a backup, as place_order does).
    const SourceRef* primary = nullptr;
    for (const SourceRef& ref : item.sources)
      if (!ref.backup && !primary) primary = &ref;
    if (!primary && !item.sources.empty()) primary = &item.sources.front();
    for (const SourceRef& ref : item.sources) {
      std::uint32_t from = node_index(ref.from);
      auto lane = lane_between_.find({from, node.index()});
      sources.push_back(ResolvedSource{sources_[from],
                                       lane == lane_between_.end() ? nullptr : lane->second,
                                       ref.share, ref.backup});
      if (&ref == primary) {
        if (auto l = lane_spec_between_.find({from, node.index()}); l != lane_spec_between_.end())
          lead_time_mean += l->second->lead_time.mean();
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
    // One-off orders of this item go to the source they name, else to the primary one (the
    // factory's own line when the item names no source).
    for (const PlannedOrder& order : s.orders) {
      if (order.node != spec.id || order.product != item.product || order.quantity <= 0) continue;
      std::size_t source = primary ? static_cast<std::size_t>(primary - item.sources.data()) : 0;
      for (std::size_t i = 0; i < item.sources.size(); ++i)
        if (item.sources[i].from == order.from) source = i;
      node.stock(product)->plan_order(order.at, source, order.quantity);
    }
  }
}

void Model::start() {
  // Within each kind, nodes and markets start in the order of their ids, not of the file: the
  // events they schedule for one instant then tie-break the same way however the file lists
  // them (results must not depend on the order of the nodes in the file).
  const Scenario& s = scenario_;
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
