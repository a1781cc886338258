#include "surge/nodes/supplier.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "surge/kernel/error.hpp"

namespace surge {

// Payload layout for dispatch events: order index in the low 32 bits, product line above.
namespace {
std::uint64_t pack(std::size_t line, std::uint32_t order) {
  return (static_cast<std::uint64_t>(line) << 32) | order;
}
}  // namespace

Supplier::Supplier(World& world, std::uint32_t node, const Node& spec,
                   std::vector<SuppliedProduct> products,
                   std::vector<RandomStream> disruption_streams)
    : world_(world), node_(node), spec_(spec), outage_streams_(std::move(disruption_streams)) {
  SURGE_CHECK(outage_streams_.size() == spec_.disruptions.size(),
              "supplier: one random stream per disruption");
  for (SuppliedProduct& p : products) {
    const std::uint32_t product = p.product;
    lines_.push_back(ProductLine{
        std::move(p), {}, false, 0, world_.observer.add_limit(LimitKind::supplier, node, product)});
  }
}

void Supplier::publish(const ProductLine& line, double held) {
  LimitState state = LimitState::free;
  if (disrupted() && line.outstanding > 0)
    state = LimitState::down;
  else if (line.dispatching)
    state = LimitState::at_capacity;
  world_.observer.limit_changed(line.limit, world_.sim.now(), state, held);
}

void Supplier::start() {
  for (std::size_t i = 0; i < spec_.disruptions.size(); ++i) {
    const Disruption& d = spec_.disruptions[i];
    if (d.start) {
      world_.sim.schedule_at(*d.start, this, kOutageStart, i, kPriorityCalendar);
    } else if (d.rate > 0) {
      double gap = -std::log(1.0 - outage_streams_[i].uniform01()) / d.rate;
      world_.sim.schedule(gap, this, kRandomOutage, i, kPriorityCalendar);
    }
  }
}

Supplier::ProductLine* Supplier::line_for(std::uint32_t product) {
  for (auto& line : lines_)
    if (line.supplied.product == product) return &line;
  return nullptr;
}

bool Supplier::can_ship_now(std::uint32_t product, double) const {
  bool supplies = false;
  for (const auto& line : lines_) supplies = supplies || line.supplied.product == product;
  return supplies && !disrupted();
}

double Supplier::accept(const ReplenishmentRequest& request) {
  ProductLine* line = line_for(request.product);
  if (!line) throw InternalError("internal: supplier " + spec_.id + " does not supply product");
  const SupplierTerms& terms = *line->supplied.terms;
  double units = std::max(request.units, terms.min_order);
  if (terms.multiple > 0) units = std::ceil(units / terms.multiple - 1e-9) * terms.multiple;
  ReplenishmentRequest r = request;
  r.units = units;
  orders_.push_back(Order{r});
  line->outstanding += units;
  publish(*line);
  auto order = static_cast<std::uint32_t>(orders_.size() - 1);
  auto index = static_cast<std::size_t>(line - lines_.data());
  world_.sim.schedule(terms.lead_time.sample(line->supplied.lead_time), this, kReady,
                      pack(index, order));
  return units;
}

void Supplier::try_dispatch(ProductLine& line) {
  if (line.dispatching || disrupted() || line.ready.empty()) return;
  std::uint32_t order = line.ready.front();
  auto index = static_cast<std::size_t>(&line - lines_.data());
  const CapacitySchedule& capacity = line.supplied.terms->capacity;
  if (capacity.is_constant() && capacity.base() == kUnlimited) {
    line.ready.pop_front();
    ship(line, order);
    try_dispatch(line);
    return;
  }
  line.dispatching = true;
  const double units = orders_[order].request.units;
  if (capacity.is_constant()) {
    world_.sim.schedule(units / capacity.base(), this, kDispatched, pack(index, order));
    return;
  }
  // The order is dispatched at the capacity in force at each instant: a change applies at once
  // to the order in dispatch (docs/model.md, "Capacity over time").
  Time done = capacity.finish(world_.sim.now(), units);
  if (done < kNever) world_.sim.schedule_at(done, this, kDispatched, pack(index, order));
}

void Supplier::ship(ProductLine& line, std::uint32_t order) {
  const ReplenishmentRequest& r = orders_[order].request;
  line.outstanding = std::max(0.0, line.outstanding - r.units);
  world_.observer.flow(Flow::supplied, node_, r.product, r.units, r.units * line.supplied.unit_cost,
                       world_.sim.now());
  r.lane->dispatch(r.product, r.units, r.deliver_to);
}

void Supplier::handle(const Event& event) {
  switch (event.kind) {
    case kReady: {
      ProductLine& line = lines_[event.payload >> 32];
      const auto order = static_cast<std::uint32_t>(event.payload & 0xffffffffu);
      // Ready units that find the supplier down or dispatching another order must wait.
      const double held = disrupted() || line.dispatching ? orders_[order].request.units : 0.0;
      line.ready.push_back(order);
      try_dispatch(line);
      publish(line, held);
      break;
    }
    case kDispatched: {
      ProductLine& line = lines_[event.payload >> 32];
      line.dispatching = false;
      line.ready.pop_front();
      ship(line, static_cast<std::uint32_t>(event.payload & 0xffffffffu));
      try_dispatch(line);
      publish(line);
      break;
    }
    case kRandomOutage:
    case kOutageStart: {
      const Disruption& d = spec_.disruptions[event.payload];
      ++outages_;
      world_.sim.schedule(d.duration.sample(outage_streams_[event.payload]), this, kOutageEnd,
                          event.payload, kPriorityCalendar);
      for (const auto& line : lines_) publish(line);
      break;
    }
    case kOutageEnd: {
      --outages_;
      const Disruption& d = spec_.disruptions[event.payload];
      if (!d.start && d.rate > 0) {  // the next random outage
        double gap = -std::log(1.0 - outage_streams_[event.payload].uniform01()) / d.rate;
        world_.sim.schedule(gap, this, kRandomOutage, event.payload, kPriorityCalendar);
      }
      if (!disrupted())
        for (auto& line : lines_) try_dispatch(line);
      for (const auto& line : lines_) publish(line);
      break;
    }
  }
}

}  // namespace surge
