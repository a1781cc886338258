#include "demand/market_process.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace surge {

MarketProcess::MarketProcess(World& world, std::uint32_t market, const std::vector<CampaignEffect>& campaigns)
    : world_(world),
      index_(market),
      spec_(world.scenario.markets[market]),
      campaigns_(campaigns),
      delivery_stream_(world.stream("market:" + spec_.id, "delivery")),
      contact_stream_(world.stream("market:" + spec_.id, "contacts")) {
  for (std::size_t i = 0; i < spec_.demand.size(); ++i) {
    const DemandStream& d = spec_.demand[i];
    std::vector<const CampaignEffect*> effects;
    for (const auto& c : campaigns_)
      if (c.applies_to(d.product, spec_.id)) effects.push_back(&c);
    std::string name = "market:" + spec_.id + "/" + d.product + "#" + std::to_string(i);
    streams_.push_back(Stream{world.product_index(d.product),
                              std::make_unique<DemandRate>(d, std::move(effects)),
                              world.stream(name, "arrivals"), world.stream(name, "size")});
  }
  if (!spec_.contacts_to.empty()) contact_centre_ = world.node_index(spec_.contacts_to);
}

void MarketProcess::start() {
  for (std::size_t i = 0; i < streams_.size(); ++i) schedule_arrival(i);
}

void MarketProcess::schedule_arrival(std::size_t i) {
  // Thinning (Lewis and Shedler): candidates at the upper-bound rate, each accepted with
  // probability rate(t) / bound, gives a Poisson process with the time-varying rate.
  Stream& s = streams_[i];
  double bound = s.rate->upper_bound();
  if (bound <= 0) return;
  Time t = world_.sim.now();
  for (;;) {
    t += -std::log(1.0 - s.arrivals.uniform01()) / bound;
    if (t > world_.scenario.horizon) return;
    if (s.arrivals.uniform01() * bound < s.rate->at(t)) break;
  }
  world_.sim.schedule_at(t, this, kArrival, i);
}

void MarketProcess::raise_contacts(double per_order, std::uint32_t centre, ContactCause cause) {
  if (per_order <= 0 || centre == kNone) return;
  // floor(r) contacts plus one more with probability frac(r): the mean is exactly r.
  double whole = std::floor(per_order);
  int n = static_cast<int>(whole) + (contact_stream_.uniform01() < per_order - whole ? 1 : 0);
  for (int k = 0; k < n; ++k) world_.contact_centres[centre]->contact(cause);
}

void MarketProcess::place_order(std::size_t i) {
  Stream& s = streams_[i];
  const DemandStream& d = spec_.demand[i];
  Time now = world_.sim.now();
  std::uint64_t id = world_.new_order();
  CustomerOrder& order = world_.orders[id];
  order.market = index_;
  order.product = s.product;
  order.quantity = std::max(1.0, std::round(d.size.sample(s.sizes)));
  order.placed = now;
  const Campaign* campaign = nullptr;
  for (std::size_t c = 0; c < campaigns_.size(); ++c)
    if (campaigns_[c].active(now) && campaigns_[c].applies_to(d.product, spec_.id)) {
      order.campaign = static_cast<std::uint32_t>(c);
      campaign = &campaigns_[c].campaign();
      break;
    }
  raise_contacts(spec_.contacts_per_order, contact_centre_, ContactCause::order);
  if (campaign) {
    std::uint32_t centre = campaign->contacts_to.empty()
                               ? contact_centre_
                               : world_.node_index(campaign->contacts_to);
    raise_contacts(campaign->contacts_per_order, centre, ContactCause::campaign);
  }
  if (spec_.contacts_per_late_order > 0 && spec_.promise < kNever)
    world_.sim.schedule(spec_.promise, this, kPromiseDue, id);
  world_.fulfillers[world_.node_index(spec_.served_by)]->accept_order(id);
}

void MarketProcess::hand_over(std::uint64_t order_id) {
  CustomerOrder& order = world_.orders[order_id];
  order.shipped = world_.sim.now();
  order.status = OrderStatus::in_transit;
  orders_in_transit_ += 1;
  world_.observer.flow(Flow::delivered, order.fulfiller, order.product, order.quantity, 0.0,
                       world_.sim.now());
  world_.sim.schedule(spec_.delivery_lead_time.sample(delivery_stream_), this, kDelivered,
                      order_id);
}

void MarketProcess::handle(const Event& event) {
  switch (event.kind) {
    case kArrival:
      place_order(event.payload);
      schedule_arrival(event.payload);
      break;
    case kDelivered: {
      CustomerOrder& order = world_.orders[event.payload];
      order.delivered = world_.sim.now();
      order.status = OrderStatus::delivered;
      orders_in_transit_ -= 1;
      break;
    }
    case kPromiseDue: {
      const CustomerOrder& order = world_.orders[event.payload];
      if (order.status != OrderStatus::delivered && order.status != OrderStatus::lost)
        raise_contacts(spec_.contacts_per_late_order, contact_centre_, ContactCause::late_order);
      break;
    }
  }
}

void MarketProcess::add_to(Census& census) const { census.orders_in_transit += orders_in_transit_; }

}  // namespace surge
