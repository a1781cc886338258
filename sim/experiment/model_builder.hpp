#pragma once
// Builds the running model of one replication from a scenario: one object per node, lane and
// market, wired together through the World's interfaces, with each stock point's sources and
// policy resolved.
#include <memory>
#include <vector>

#include "demand/campaign_effect.hpp"
#include "demand/market_process.hpp"
#include "model/world.hpp"
#include "nodes/factory.hpp"
#include "nodes/fulfilment_centre.hpp"
#include "nodes/lane.hpp"
#include "nodes/service_centre.hpp"
#include "nodes/supplier.hpp"
#include "nodes/warehouse.hpp"

namespace surge {

class Model {
 public:
  explicit Model(World& world);
  void start();  // schedules every node's first events
  void finish(Time end);  // settles what the end of the run decides (deliveries)
  const std::vector<CampaignEffect>& campaigns() const { return campaigns_; }

 private:
  void resolve_sources(StockingNode& node);

  World& world_;
  std::vector<CampaignEffect> campaigns_;
  std::vector<std::unique_ptr<Supplier>> suppliers_;
  std::vector<std::unique_ptr<StockingNode>> stocking_;
  std::vector<std::unique_ptr<ServiceCentre>> service_;
  std::vector<std::unique_ptr<TransportLane>> lanes_;
  std::vector<std::unique_ptr<MarketProcess>> markets_;
  std::vector<Factory*> factories_;  // by node index, null elsewhere
};

}  // namespace surge
