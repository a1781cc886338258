#include "surge/demand/market_process.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "surge/kernel/error.hpp"

namespace surge {

MarketProcess::MarketProcess(World& world, std::uint32_t market, const Market& spec,
                             const std::vector<std::uint32_t>& demand_products,
                             const std::vector<CampaignEffect>& campaigns, Time horizon,
                             DateAxis dates, MarketStreams streams, MarketLinks links)
    : world_(world),
      index_(market),
      spec_(spec),
      campaigns_(campaigns),
      horizon_(horizon),
      delivery_stream_(std::move(streams.delivery)),
      contact_stream_(std::move(streams.contacts)),
      patience_streams_(std::move(streams.patience)),
      links_(std::move(links)) {
  SURGE_CHECK(
      demand_products.size() == spec_.demand.size() && streams.demand.size() == spec_.demand.size(),
      "market: one product index and one pair of streams per demand stream");
  SURGE_CHECK(links_.campaign_contacts.size() == campaigns_.size(),
              "market: one contact centre (or null) per campaign");
  for (std::size_t i = 0; i < spec_.demand.size(); ++i) {
    const DemandStream& d = spec_.demand[i];
    std::vector<const CampaignEffect*> effects;
    std::vector<bool> applies;
    for (const auto& c : campaigns_) {
      applies.push_back(c.applies_to(d.product, spec_.id));
      if (applies.back()) effects.push_back(&c);
    }
    streams_.push_back(Stream{demand_products[i],
                              std::make_unique<DemandRate>(d, std::move(effects), dates),
                              std::move(streams.demand[i].arrivals),
                              std::move(streams.demand[i].sizes), std::move(applies)});
    SURGE_CHECK(spec_.on_stockout != StockoutBehaviour::backorder_with_patience ||
                    patience_streams_.count(demand_products[i]),
                "market: a patience stream per product it demands");
  }
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
  const Time horizon = horizon_;
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

void MarketProcess::raise_contacts(double per_order, ContactCentre* centre, ContactCause cause) {
  if (per_order <= 0 || !centre) return;
  // floor(r) contacts plus one more with probability frac(r): the mean is exactly r.
  double whole = std::floor(per_order);
  int n = static_cast<int>(whole) + (contact_stream_.uniform01() < per_order - whole ? 1 : 0);
  for (int k = 0; k < n; ++k) centre->contact(cause);
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
  raise_contacts(spec_.contacts_per_order, links_.contacts, ContactCause::order);
  if (campaign != kNone)
    raise_contacts(campaigns_[campaign].campaign().contacts_per_order,
                   links_.campaign_contacts[campaign], ContactCause::campaign);
  if (spec_.contacts_per_late_order > 0 && spec_.promise < kNever) {
    promised_.push_back(id);
    if (!promise_timer_) arm_promise_timer();
  }
  links_.fulfiller.accept_order(id);
}

bool MarketProcess::promise_settled(std::uint64_t order_id) const {
  // An order handed over by the book is closed: lost, or delivered before its promise was
  // checked, so on time (a late one is checked when its promise falls due, before delivery).
  if (world_.orders.handed_over(order_id)) return true;
  const CustomerOrder& order = world_.orders[order_id];
  // Lost orders raise no late-order contact; a shipped order's delivery time is known.
  return order.status == OrderStatus::lost ||
         on_time(order.delivery_scheduled, order.placed, spec_.promise);
}

void MarketProcess::arm_promise_timer() {
  // Orders already delivered on time (or lost) need no check: skip them, so the timer wakes
  // only for orders that may break their promise. Promises are all equally long, so the
  // queue is in due order.
  while (!promised_.empty() && promise_settled(promised_.front())) promised_.pop_front();
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
        const std::uint64_t id = promised_.front();
        if (world_.orders.handed_over(id)) {  // settled, due or not: arm_promise_timer skips it
          promised_.pop_front();
          continue;
        }
        if (world_.orders[id].placed + spec_.promise > now) break;
        promised_.pop_front();
        if (!promise_settled(id))
          raise_contacts(spec_.contacts_per_late_order, links_.contacts, ContactCause::late_order);
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
      if (world_.orders.handed_over(event.payload) ||
          world_.orders[event.payload].status != OrderStatus::backordered)
        break;
      world_.orders.lose(event.payload);
      links_.fulfiller.withdraw(event.payload);
      break;
  }
}

void MarketProcess::add_to(Census& census) const { census.orders_in_transit += orders_in_transit_; }

}  // namespace surge
