#pragma once
// A transport lane between two nodes. Each dispatch draws its own lead time, so shipments may
// overtake one another. A lane with a capacity loads at most that many units per hour: later
// shipments wait at the origin, first come first served. A capacity that changes over time
// applies from its instant, to the shipment loading too.
#include <cstdint>
#include <deque>
#include <vector>

#include "surge/kernel/event.hpp"
#include "surge/kernel/random.hpp"
#include "surge/model/scenario.hpp"
#include "surge/model/world.hpp"

namespace surge {

class TransportLane : public Transport, public EventHandler, public CensusSource {
 public:
  // `from` is the origin's node index (what it publishes is attributed to it), `to` the
  // destination's (kNone: unknown, the lane is then not published as a limit); every
  // shipment's lead time is drawn from `lead_time`.
  TransportLane(World& world, const Lane& lane, std::uint32_t from, RandomStream lead_time,
                std::uint32_t to = kNone);

  void dispatch(std::uint32_t product, double units, StockReceiver* to) override;
  void handle(const Event& event) override;
  void add_to(Census& census) const override;

 private:
  enum Kind : std::uint32_t { kLoaded, kArrived };
  struct Shipment {
    std::uint32_t product = 0;
    double units = 0;
    StockReceiver* to = nullptr;
    bool active = false;
  };

  std::uint32_t new_shipment(std::uint32_t product, double units, StockReceiver* to);
  void start_transit(std::uint32_t slot);
  void load_next();
  void publish_limit(double held);

  World& world_;
  const Lane& lane_;
  std::uint32_t from_;
  RandomStream lead_time_stream_;
  std::vector<Shipment> shipments_;
  std::vector<std::uint32_t> free_;
  std::deque<std::uint32_t> loading_queue_;  // capacity-limited lanes only
  bool loading_ = false;
  int limit_ = -1;  // a capacity-limited lane's index as a limit
};

}  // namespace surge
