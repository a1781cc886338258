#include "surge/metrics/order_kpis.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "surge/kernel/error.hpp"

namespace surge {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
double ratio(double a, double b) { return b > 0 ? a / b : kNaN; }
}  // namespace

void OrderTally::add(const CustomerOrder& order, const Scenario& scenario, Time end) {
  const Product& product = scenario.products[order.product];
  const Market& market = scenario.markets[order.market];
  orders += 1;
  units += order.quantity;
  if (order.from_stock) {
    from_stock_orders += 1;
    from_stock_units += order.quantity;
  }
  if (order.was_backordered) {
    backordered_orders += 1;
    backordered_units += order.quantity;
  }
  if (order.status == OrderStatus::lost) {
    lost_orders += 1;
    lost_units += order.quantity;
    double per_unit =
        product.lost_sale_cost >= 0 ? product.lost_sale_cost : product.price - product.unit_cost;
    lost_sale_cost += per_unit * order.quantity;
  }
  bool delivered = order.status == OrderStatus::delivered;
  if (delivered) {
    const double lead_time = order.delivered - order.placed;
    delivered_orders += 1;
    lead_time_sum += lead_time;
    if (keeps_lead_times) lead_times.push_back(lead_time);
  }
  // An order is due once its promise has passed, or it was delivered or lost.
  if (delivered || order.status == OrderStatus::lost || order.placed + market.promise <= end) {
    due += 1;
    if (delivered && surge::on_time(order.delivered, order.placed, market.promise)) on_time += 1;
  }
  if (order.shipped >= 0) {
    double discount = 0;
    if (order.campaign != kNone) discount = scenario.campaigns[order.campaign].discount;
    double price = product.price * (1 - discount);
    revenue += price * order.quantity;
    if (order.campaign != kNone) campaign_margin += (price - product.unit_cost) * order.quantity;
  }
}

double fill_rate(const OrderTally& t) { return ratio(t.from_stock_units, t.units); }
double order_fill_rate(const OrderTally& t) { return ratio(t.from_stock_orders, t.orders); }
double otif(const OrderTally& t) { return ratio(t.on_time, t.due); }

double mean_lead_time(const OrderTally& t) { return ratio(t.lead_time_sum, t.delivered_orders); }

double lead_time_quantile(OrderTally& t, double q) {
  SURGE_CHECK(t.keeps_lead_times, "a lead-time quantile of a tally that keeps no lead times");
  return lead_time_quantile(t.lead_times, q);
}

double lead_time_quantile(std::vector<double>& lead_times, double q) {
  if (lead_times.empty()) return kNaN;
  // Nearest rank: the smallest value with at least q of the data at or below it. A partial
  // selection finds it without sorting everything (this runs for every scope and window); it
  // depends on the values only, not on the order they come in.
  auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(lead_times.size())));
  auto nth = lead_times.begin() + static_cast<long>(std::max<std::size_t>(rank, 1) - 1);
  std::nth_element(lead_times.begin(), nth, lead_times.end());
  return *nth;
}

void ContactTally::add(const Contact& c, Time answer_within) {
  if (c.answered >= 0) {
    offered += 1;
    answered += 1;
    double wait = c.answered - c.arrived;
    wait_sum += wait;
    wait_sum_offered += wait;
    if (wait > 0) waited += 1;
    if (wait <= answer_within + 1e-12) answered_in_time += 1;
  } else if (c.abandoned >= 0) {
    offered += 1;
    abandoned += 1;
    waited += 1;  // an abandoned contact was never answered on arrival
    wait_sum_offered += c.abandoned - c.arrived;
  } else {
    waiting_at_end += 1;
  }
}

double service_level(const ContactTally& t) { return ratio(t.answered_in_time, t.offered); }
double abandonment_rate(const ContactTally& t) { return ratio(t.abandoned, t.offered); }
double mean_answer_wait(const ContactTally& t) { return ratio(t.wait_sum, t.answered); }
double wait_probability(const ContactTally& t) { return ratio(t.waited, t.offered); }
double mean_wait_all(const ContactTally& t) { return ratio(t.wait_sum_offered, t.offered); }

}  // namespace surge
