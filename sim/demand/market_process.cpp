#include "surge/demand/market_process.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "surge/kernel/error.hpp"

namespace surge {

MarketProcess::MarketProcess(World& world, std::uint32_t market,
                             const std::vector<CampaignEffect>& campaigns)
    : world_(world),
      index_(market),
      spec_(world.scenario.markets[market]),
      campaigns_(campaigns),
      delivery_stream_(world.stream("market:" + spec_.id, "delivery")),
      contact_stream_(world.stream("market:" + spec_.id, "contacts")) {
  for (std::size_t i = 0; i < spec_.demand.size(); ++i) {
    const DemandStream& d = spec_.demand[i];
    std::vector<const CampaignEffect*> effects;
    std::vector<bool> applies;
    for (const auto& c : campaigns_) {
      applies.push_back(c.applies_to(d.product, spec_.id));
      if (applies.back()) effects.push_back(&c);
    }
    std::string name = "market:" + spec_.id + "/" + d.product + "#" + std::to_string(i);
    streams_.push_back(
        Stream{world.product_index(d.product), std::make_unique<DemandRate>(d, std::move(effects)),
               world.stream(name, "arrivals"), world.stream(name, "size"), std::move(applies)});
    if (spec_.on_stockout == StockoutBehaviour::backorder_with_patience)
      patience_streams_.try_emplace(
          streams_.back().product,
          world.stream(spec_.served_by + "/" + d.product, "backorder_patience"));
  }
  if (!spec_.contacts_to.empty()) contact_centre_ = world.node_index(spec_.contacts_to);
  fulfiller_ = world.node_index(spec_.served_by);
  for (const CampaignEffect& c : campaigns_)
    campaign_centre_.push_back(c.campaign().contacts_to.empty()
                                   ? contact_centre_
                                   : world.node_index(c.campaign().contacts_to));
}

void MarketProcess::start() {
  for (std::size_t i = 0; i < streams_.size(); ++i) schedule_arrival(i);
}

void MarketProcess::schedule_arrival(std::size_t i) {
  // Thinning (Lewis and Shedler) with a piecewise-constant envelope: within each day,
  // candidates come at the day's bound and each is kept with probability rate(t) / bound.
  // A candidate past the day's end is dropped and generation restarts at midnight with the
  // next day's bound, which is exact because the exponential gaps are memoryless.
  Stream& s = streams_[i];
  if (s.rate->upper_bound() <= 0) return;
  const Time horizon = world_.scenario.horizon;
  Time t = world_.sim.now();
  for (;;) {
    if (t > horizon) return;
    auto day = static_cast<long>(std::floor(t / kDay));
    Time day_end = static_cast<double>(day + 1) * kDay;
    if (day != s.bound_day) {
      s.bound = s.rate->day_bound(day);
      s.bound_day = day;
    }
    const double bound = s.bound;
    if (bound <= 0) {
      t = day_end;
      continue;
    }
    t += -std::log(1.0 - s.arrivals.uniform01()) / bound;
    if (t >= day_end) {
      t = day_end;
      continue;
    }
    if (t > horizon) return;
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
  double quantity = std::max(1.0, std::round(d.size.sample(s.sizes)));
  std::uint32_t campaign = kNone;
  for (std::size_t c = 0; c < campaigns_.size(); ++c)
    if (campaigns_[c].active(now) && s.campaigns[c]) {
      campaign = static_cast<std::uint32_t>(c);
      break;
    }
  std::uint64_t id = world_.orders.place(index_, s.product, quantity, campaign);
  raise_contacts(spec_.contacts_per_order, contact_centre_, ContactCause::order);
  if (campaign != kNone)
    raise_contacts(campaigns_[campaign].campaign().contacts_per_order, campaign_centre_[campaign],
                   ContactCause::campaign);
  if (spec_.contacts_per_late_order > 0 && spec_.promise < kNever) {
    promised_.push_back(id);
    if (!promise_timer_) arm_promise_timer();
  }
  world_.fulfillers[fulfiller_]->accept_order(id);
}

bool MarketProcess::promise_settled(const CustomerOrder& order) const {
  // Lost orders raise no late-order contact; a shipped order's delivery time is known.
  return order.status == OrderStatus::lost ||
         on_time(order.delivery_scheduled, order.placed, spec_.promise);
}

void MarketProcess::arm_promise_timer() {
  // Orders already delivered on time (or lost) need no check: skip them, so the timer wakes
  // only for orders that may break their promise. Promises are all equally long, so the
  // queue is in due order.
  while (!promised_.empty() && promise_settled(world_.orders[promised_.front()]))
    promised_.pop_front();
  if (promised_.empty()) return;
  Time due = world_.orders[promised_.front()].placed + spec_.promise;
  world_.sim.schedule_at(std::max(due, world_.sim.now()), this, kPromiseDue);
  promise_timer_ = true;
}

bool MarketProcess::waits_for_stock(std::uint64_t order_id) {
  switch (spec_.on_stockout) {
    case StockoutBehaviour::lost_sale: world_.orders.lose(order_id); return false;
    case StockoutBehaviour::backorder: world_.orders.backorder(order_id); return true;
    case StockoutBehaviour::backorder_with_patience: {
      world_.orders.backorder(order_id);
      RandomStream& stream = patience_streams_.at(world_.orders[order_id].product);
      world_.sim.schedule(spec_.backorder_patience->sample(stream), this, kPatience, order_id);
      return true;
    }
  }
  return true;
}

void MarketProcess::hand_over(std::uint64_t order_id) {
  // The delivery time is drawn now (the late-order check reads it) and the delivery is an
  // event at that time; one after the horizon never runs, and the order stays in transit.
  const Time now = world_.sim.now();
  const Time delivery = now + spec_.delivery_lead_time.sample(delivery_stream_);
  world_.orders.ship(order_id, delivery);
  orders_in_transit_ += 1;
  world_.sim.schedule_at(delivery, this, kDelivered, order_id, kPriorityArrival);
}

void MarketProcess::handle(const Event& event) {
  switch (event.kind) {
    case kArrival:
      place_order(event.payload);
      schedule_arrival(event.payload);
      break;
    case kPromiseDue: {
      promise_timer_ = false;
      Time now = world_.sim.now();
      while (!promised_.empty()) {
        const CustomerOrder& order = world_.orders[promised_.front()];
        if (order.placed + spec_.promise > now) break;
        promised_.pop_front();
        if (!promise_settled(order))
          raise_contacts(spec_.contacts_per_late_order, contact_centre_, ContactCause::late_order);
      }
      arm_promise_timer();
      break;
    }
    case kDelivered:
      world_.orders.deliver(event.payload);
      orders_in_transit_ -= 1;
      break;
    case kPatience:
      // The customer gives up unless the order was filled in time.
      if (world_.orders[event.payload].status != OrderStatus::backordered) break;
      world_.orders.lose(event.payload);
      world_.fulfillers[fulfiller_]->withdraw(event.payload);
      break;
  }
}

void MarketProcess::add_to(Census& census) const { census.orders_in_transit += orders_in_transit_; }

}  // namespace surge
