#include "surge/nodes/lane.hpp"

#include <utility>

namespace surge {

TransportLane::TransportLane(World& world, const Lane& lane, std::uint32_t from,
                             RandomStream lead_time, std::uint32_t to)
    : world_(world), lane_(lane), from_(from), lead_time_stream_(std::move(lead_time)) {
  // Only a lane with a capacity can hold shipments up (docs/kpis.md, "Binding constraints").
  if (lane_.capacity.max_value() != kUnlimited && to != kNone)
    limit_ = world_.observer.add_limit(LimitKind::lane, from, to);
}

void TransportLane::publish_limit(double held) {
  if (limit_ < 0) return;
  world_.observer.limit_changed(limit_, world_.sim.now(),
                                loading_ ? LimitState::at_capacity : LimitState::free, held);
}

std::uint32_t TransportLane::new_shipment(std::uint32_t product, double units, StockReceiver* to) {
  std::uint32_t slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    shipments_.emplace_back();
    slot = static_cast<std::uint32_t>(shipments_.size() - 1);
  }
  shipments_[slot] = Shipment{product, units, to, true};
  return slot;
}

void TransportLane::dispatch(std::uint32_t product, double units, StockReceiver* to) {
  if (units <= 0) return;
  world_.observer.flow(Flow::transported, from_, product, units, units * lane_.cost,
                       world_.sim.now());
  std::uint32_t slot = new_shipment(product, units, to);
  if (lane_.capacity.is_constant() && lane_.capacity.base() == kUnlimited) {
    start_transit(slot);
  } else {
    // A shipment that finds the lane loading another waits for its capacity.
    const double held = loading_ ? units : 0.0;
    loading_queue_.push_back(slot);
    if (!loading_) load_next();
    publish_limit(held);
  }
}

void TransportLane::load_next() {
  if (loading_queue_.empty()) {
    loading_ = false;
    return;
  }
  loading_ = true;
  std::uint32_t slot = loading_queue_.front();
  const double units = shipments_[slot].units;
  if (lane_.capacity.is_constant()) {
    world_.sim.schedule(units / lane_.capacity.base(), this, kLoaded, slot);
    return;
  }
  // The shipment loads at the capacity in force at each instant: a change applies at once to
  // the one loading (docs/model.md, "Capacity over time").
  Time loaded = lane_.capacity.finish(world_.sim.now(), units);
  if (loaded < kNever) world_.sim.schedule_at(loaded, this, kLoaded, slot);
}

void TransportLane::start_transit(std::uint32_t slot) {
  world_.sim.schedule(lane_.lead_time.sample(lead_time_stream_), this, kArrived, slot,
                      kPriorityArrival);
}

void TransportLane::handle(const Event& event) {
  auto slot = static_cast<std::uint32_t>(event.payload);
  if (event.kind == kLoaded) {
    loading_queue_.pop_front();
    start_transit(slot);
    load_next();
    publish_limit(0);
    return;
  }
  Shipment s = shipments_[slot];
  shipments_[slot].active = false;
  free_.push_back(slot);
  s.to->receive(s.units);
}

void TransportLane::add_to(Census& census) const {
  for (const auto& s : shipments_)
    if (s.active) census.in_transit[s.product] += s.units;
}

}  // namespace surge
