#pragma once
// A replenishment policy decides how much a stock point orders, from its inventory position
// (on hand + on order - backordered). Continuous-review policies are asked after every change
// that lowers the position; periodic ones only at their reviews. Conventions: docs/model.md
// ("Policies").
#include <memory>

#include "surge/kernel/time.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

// What a policy sees of its stock point when asked to order.
struct StockState {
  double on_hand = 0;
  double backlog = 0;   // units requested and not yet shipped
  double on_order = 0;  // units ordered and not yet received
  double position() const { return on_hand + on_order - backlog; }  // inventory position
};

class ReplenishmentPolicy {
 public:
  virtual ~ReplenishmentPolicy() = default;
  // Review period for periodic policies; 0 for continuous review.
  virtual Time review_period() const { return 0; }
  // Units demanded from the stock point (every request, filled or not).
  virtual void observe_demand(double /*units*/) {}
  // How much to order now, given the stock point's state (most policies use only its
  // position). Periodic policies are called once per review, after the period's demand has
  // been observed.
  virtual double order_quantity(const StockState& state) = 0;
};

// Builds `policy` through its declaration (policies/policy_declaration.hpp). `lead_time_mean`
// (hours) is the mean replenishment lead time of the stock point's primary source, used by
// order_up_to for its default cover. Returns null for a policy that never orders (`none`).
std::unique_ptr<ReplenishmentPolicy> make_policy(const Policy& policy, Time lead_time_mean);

}  // namespace surge
