#include "surge/nodes/stock_point.hpp"

#include <algorithm>
#include <cmath>

#include "surge/kernel/error.hpp"

namespace surge {

StockPoint::StockPoint(World& world, std::uint32_t node, std::uint32_t product, double initial,
                       StockPointOwner& owner)
    : world_(world), node_(node), product_(product), owner_(owner), on_hand_(initial) {
  stock_point_ = world_.observer.add_stock_point(node, product, on_hand_);
}

void StockPoint::set_sources(std::vector<ResolvedSource> sources,
                             std::unique_ptr<ReplenishmentPolicy> policy) {
  sources_ = std::move(sources);
  policy_ = std::move(policy);
}

void StockPoint::plan_order(Time at, std::size_t source, double units) {
  SURGE_CHECK(source < sources_.size(), "stock point: a planned order from an unknown source");
  planned_.push_back({at, source, units});
}

void StockPoint::start() {
  for (std::size_t i = 0; i < planned_.size(); ++i)
    world_.sim.schedule_at(planned_[i].at, this, kPlannedOrder, i);
  if (policy_ && policy_->review_period() > 0)
    world_.sim.schedule(policy_->review_period(), this, kReview, 0, kPriorityReview);
  if (policy_ && policy_->review_period() == 0) apply_policy();  // start below s: order now
  publish();
}

void StockPoint::demand(double units) {
  if (policy_) policy_->observe_demand(units);
  world_.observer.flow(Flow::demanded, node_, product_, units, 0.0, world_.sim.now());
}

void StockPoint::customer_order(std::uint64_t order_id, CustomerMarket& market) {
  const double quantity = world_.orders[order_id].quantity;
  demand(quantity);
  if (can_ship_now(quantity)) {
    on_hand_ -= quantity;
    world_.orders.fill_from_stock(order_id);
    owner_.release(order_id);
  } else if (market.waits_for_stock(order_id)) {
    backlog_.push_back(Request{true, order_id, quantity, nullptr, nullptr});
    backlog_units_ += quantity;
    ++backlogged_orders_;
  }
  apply_policy();
  publish();
}

void StockPoint::withdraw(std::uint64_t order_id) {
  const CustomerOrder& order = world_.orders[order_id];
  SURGE_CHECK(order.status == OrderStatus::lost && backlogged_orders_ > 0,
              "withdraw: the order is not a lost backorder of this stock point");
  backlog_units_ -= order.quantity;
  --backlogged_orders_;
  // The entry stays in the deque and is skipped when it reaches the front.
  serve_backlog();  // the lost order may have been blocking the head
  apply_policy();
  publish();
}

void StockPoint::replenishment(const ReplenishmentRequest& request) {
  demand(request.units);
  Request r{false, 0, request.units, request.deliver_to, request.lane};
  if (backlog_.empty() && on_hand_ > 0) ship(r, std::min(on_hand_, r.remaining));
  if (r.remaining > 0) {
    backlog_.push_back(r);
    backlog_units_ += r.remaining;
  }
  apply_policy();
  publish();
}

void StockPoint::ship(Request& request, double units) {
  on_hand_ -= units;
  request.remaining -= units;
  if (request.lane)
    request.lane->dispatch(product_, units, request.deliver_to);
  else
    request.deliver_to->receive(units);
}

bool StockPoint::take(double units) {
  if (!can_ship_now(units)) return false;
  demand(units);
  on_hand_ -= units;
  apply_policy();
  publish();
  return true;
}

void StockPoint::request_for_production(double units) {
  demand(units);
  backlog_units_ += units;
  apply_policy();
  publish();
}

void StockPoint::take_requested(double units) {
  backlog_units_ -= units;
  on_hand_ -= units;
  apply_policy();
  publish();
}

void StockPoint::receive(double units) {
  on_hand_ += units;
  on_order_ = std::max(0.0, on_order_ - units);
  serve_backlog();
  apply_policy();
  publish();
  owner_.stock_arrived(product_);
}

void StockPoint::serve_backlog() {
  while (!backlog_.empty()) {
    Request& head = backlog_.front();
    if (head.customer) {
      // Withdrawn (lost; handed over by the book if every earlier order is closed too).
      if (world_.orders.handed_over(head.order_id) ||
          world_.orders[head.order_id].status == OrderStatus::lost) {
        backlog_.pop_front();
        continue;
      }
      if (on_hand_ < head.remaining) return;
      on_hand_ -= head.remaining;
      backlog_units_ -= head.remaining;
      --backlogged_orders_;
      std::uint64_t id = head.order_id;
      backlog_.pop_front();
      world_.orders.fill_from_backlog(id);
      owner_.release(id);
    } else {
      if (on_hand_ <= 0) return;
      double units = std::min(on_hand_, head.remaining);
      backlog_units_ -= units;
      ship(head, units);
      if (head.remaining > 0) return;
      backlog_.pop_front();
    }
  }
}

void StockPoint::apply_policy() {
  if (!policy_ || policy_->review_period() > 0) return;
  double units = policy_->order_quantity(stock_state());
  if (units > 0) place_order(units);
}

void StockPoint::place_order(double units) {
  if (sources_.empty()) return;
  // Shares split an order among the non-backup sources; a backup takes the whole order when
  // no primary can ship it from stock right now.
  std::vector<const ResolvedSource*> primaries;
  double total_share = 0;
  for (auto& s : sources_)
    if (!s.backup) {
      primaries.push_back(&s);
      total_share += s.share;
    }
  bool primary_can = false;
  for (auto* p : primaries) primary_can = primary_can || p->node->can_ship_now(product_, units);
  if (!primary_can) {
    for (auto& s : sources_)
      if (s.backup && s.node->can_ship_now(product_, units)) {
        send(s, units);
        return;
      }
  }
  if (primaries.empty()) {  // only backups: use the first
    send(sources_.front(), units);
    return;
  }
  double left = units;
  for (std::size_t i = 0; i < primaries.size(); ++i) {
    double amount =
        i + 1 == primaries.size() ? left : std::round(units * primaries[i]->share / total_share);
    amount = std::min(amount, left);
    left -= amount;
    send(*primaries[i], amount);
  }
}

void StockPoint::send(const ResolvedSource& source, double units) {
  if (units <= 0) return;
  ReplenishmentRequest request{product_, units, this, source.lane};
  double accepted = source.node->accept(request);
  on_order_ += accepted;
  world_.observer.flow(Flow::ordered, node_, product_, accepted, 0.0, world_.sim.now());
}

void StockPoint::handle(const Event& event) {
  if (event.kind == kPlannedOrder) {
    const PlannedOrder& order = planned_.at(event.payload);
    send(sources_[order.source], order.units);
    // Its on-order quantity rose: what the stock point publishes says so at once.
    publish();
    return;
  }
  SURGE_CHECK(event.kind == kReview, "stock point: unknown event");
  double units = policy_->order_quantity(stock_state());
  if (units > 0) place_order(units);
  world_.sim.schedule(policy_->review_period(), this, kReview, 0, kPriorityReview);
  publish();
}

void StockPoint::publish() {
  // Fractional quantities (forecast-based orders, bills of materials) added and taken in a
  // different order leave rounding residue such as -1e-13 units: zero it, so no level is ever
  // reported (or acted on) as a tiny negative amount.
  constexpr double kResidue = 1e-9;
  for (double* level : {&on_hand_, &backlog_units_, &on_order_})
    if (std::fabs(*level) < kResidue) *level = 0;
  world_.observer.stock_changed(stock_point_, world_.sim.now(), on_hand_, backlog_units_,
                                on_order_);
}

}  // namespace surge
