#include "surge/nodes/fulfilment_centre.hpp"

#include <cmath>
#include <utility>

namespace surge {

FulfilmentCentre::FulfilmentCentre(World& world, const StockingSpec& setup,
                                   const Calendar& calendar,
                                   std::vector<FulfilmentStation> stations)
    : StockingNode(world, setup), calendar_(calendar), in_process_units_(setup.products, 0.0) {
  int i = 0;
  for (FulfilmentStation& station : stations) {
    ServiceQueueSpec queue{node_,
                           station.spec.name,
                           ResourceKind::station,
                           station.spec.servers,
                           station.spec.time,
                           &station.calendar,
                           std::nullopt};
    // Stations have no patience: their second stream is never drawn.
    stations_.push_back(std::make_unique<ServiceQueue>(
        world, queue, std::move(station.service_time), RandomStream(), *this, i++));
  }
}

void FulfilmentCentre::start() {
  StockingNode::start();
  for (auto& s : stations_) s->start();
}

void FulfilmentCentre::release(std::uint64_t order_id) {
  const CustomerOrder& order = world_.orders[order_id];
  in_process_units_[order.product] += order.quantity;
  in_process_orders_ += 1;
  if (stations_.empty())
    finished(order_id);
  else
    stations_.front()->arrive(order_id);
}

void FulfilmentCentre::served(std::uint64_t order_id, int station) {
  auto next = static_cast<std::size_t>(station) + 1;
  if (next < stations_.size())
    stations_[next]->arrive(order_id);
  else
    finished(order_id);
}

void FulfilmentCentre::finished(std::uint64_t order_id) {
  if (!spec_.cutoff) {
    ship(order_id);
    return;
  }
  awaiting_collection_.push_back(order_id);
  if (!collection_scheduled_) {
    Time when = next_collection(world_.sim.now());
    if (when < kNever) {
      world_.sim.schedule_at(when, this, 0);
      collection_scheduled_ = true;
    }
  }
}

Time FulfilmentCentre::next_collection(Time t) const {
  // The carrier comes at the cut-off on every day the centre has open hours.
  auto day = static_cast<long>(std::floor(t / kDay));
  for (long d = day; d < day + 400; ++d) {
    Time when = d * kDay + *spec_.cutoff;
    if (when < t) continue;
    if (calendar_.open_hours(d * kDay, (d + 1) * kDay) > 0) return when;
  }
  return kNever;
}

void FulfilmentCentre::handle(const Event&) {
  collection_scheduled_ = false;
  std::vector<std::uint64_t> collected;
  collected.swap(awaiting_collection_);
  for (std::uint64_t id : collected) ship(id);
}

void FulfilmentCentre::ship(std::uint64_t order_id) {
  const CustomerOrder& order = world_.orders[order_id];
  in_process_units_[order.product] -= order.quantity;
  in_process_orders_ -= 1;
  hand_to_carrier(order_id);
}

void FulfilmentCentre::add_to(Census& census) const {
  StockingNode::add_to(census);
  for (std::size_t p = 0; p < in_process_units_.size(); ++p)
    census.in_process[p] += in_process_units_[p];
  census.orders_in_process += in_process_orders_;
}

}  // namespace surge
