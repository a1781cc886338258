#pragma once
// Builds the running model of one replication from a scenario: one object per node, lane and
// market, each given its spec, its random streams and its collaborators (sources, lanes, the
// markets it serves, contact centres), with each stock point's sources and policy resolved.
// This is the one place that knows every concrete node type and turns the scenario's ids into
// the objects they name.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "surge/demand/campaign_effect.hpp"
#include "surge/demand/market_process.hpp"
#include "surge/model/scenario.hpp"
#include "surge/model/stream_keys.hpp"
#include "surge/model/world.hpp"
#include "surge/nodes/factory.hpp"
#include "surge/nodes/fulfilment_centre.hpp"
#include "surge/nodes/lane.hpp"
#include "surge/nodes/service_centre.hpp"
#include "surge/nodes/supplier.hpp"
#include "surge/nodes/warehouse.hpp"

namespace surge {

// Builds the policy of one stock point in place of the scenario's (null: keep the scenario's).
// `lead_time_mean` is the primary source's, as make_policy takes it.
using PolicyFactory = std::function<std::unique_ptr<ReplenishmentPolicy>(
    std::uint32_t node, std::uint32_t product, const Policy& spec, Time lead_time_mean)>;

class Model {
 public:
  // `scenario` must outlive the model (nodes keep references to their specs).
  Model(const Scenario& scenario, std::uint64_t replication, World& world,
        PolicyFactory policy_override = {});
  void start();  // schedules every node's first events
  const std::vector<CampaignEffect>& campaigns() const { return campaigns_; }
  // Everything that holds units, orders or contacts, for the conservation check.
  const std::vector<const CensusSource*>& census_sources() const { return census_sources_; }

 private:
  // The stream of this replication named stream_key(owner, id, part, purpose).
  RandomStream stream(StreamOwner owner, std::string_view id, std::string_view part,
                      std::string_view purpose) const;
  std::uint32_t product_index(const std::string& id) const;
  std::uint32_t node_index(const std::string& id) const;
  const Calendar& calendar(const std::string& name) const;  // "" = always open
  StockingSpec stocking_spec(std::uint32_t node) const;

  void build_supplier(std::uint32_t node);
  void build_factory(std::uint32_t node);
  void build_fulfilment(std::uint32_t node);
  void build_service(std::uint32_t node);
  void build_market(std::uint32_t market);
  void resolve_sources(StockingNode& node);

  const Scenario& scenario_;
  std::uint64_t replication_;
  World& world_;
  PolicyFactory policy_override_;
  Calendar always_open_;
  std::map<std::string, std::uint32_t, std::less<>> product_index_, node_index_;
  std::vector<CampaignEffect> campaigns_;
  std::vector<std::unique_ptr<Supplier>> suppliers_;
  std::vector<std::unique_ptr<StockingNode>> stocking_;
  std::vector<std::unique_ptr<ServiceCentre>> service_;
  std::vector<std::unique_ptr<TransportLane>> lanes_;
  std::vector<std::unique_ptr<MarketProcess>> markets_;
  // Lookups for the wiring, by node index (null where the node is not of that kind).
  std::vector<SupplySource*> sources_;
  std::vector<StockingNode*> stocking_at_;
  std::vector<Factory*> factories_;
  std::vector<ContactCentre*> contact_centres_;
  std::map<std::pair<std::uint32_t, std::uint32_t>, Transport*> lane_between_;  // (from, to)
  // The scenario's lane from -> to (the first, as Scenario::find_lane), for lead times.
  std::map<std::pair<std::uint32_t, std::uint32_t>, const Lane*> lane_spec_between_;
  std::vector<const CensusSource*> census_sources_;
};

}  // namespace surge
