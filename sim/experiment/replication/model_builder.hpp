#pragma once
// Builds the running model of one replication from a scenario: one object per node, lane and
// market, wired together through the World's interfaces, with each stock point's sources and
// policy resolved.
#include <functional>
#include <memory>
#include <vector>

#include "surge/demand/campaign_effect.hpp"
#include "surge/demand/market_process.hpp"
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
  explicit Model(World& world, PolicyFactory policy_override = {});
  void start();  // schedules every node's first events
  const std::vector<CampaignEffect>& campaigns() const { return campaigns_; }

 private:
  void resolve_sources(StockingNode& node);

  World& world_;
  PolicyFactory policy_override_;
  std::vector<CampaignEffect> campaigns_;
  std::vector<std::unique_ptr<Supplier>> suppliers_;
  std::vector<std::unique_ptr<StockingNode>> stocking_;
  std::vector<std::unique_ptr<ServiceCentre>> service_;
  std::vector<std::unique_ptr<TransportLane>> lanes_;
  std::vector<std::unique_ptr<MarketProcess>> markets_;
  std::vector<Factory*> factories_;  // by node index, null elsewhere
};

}  // namespace surge
