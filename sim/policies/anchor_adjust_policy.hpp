#pragma once
#include <deque>

#include "surge/policies/replenishment_policy.hpp"

namespace surge {

// Sterman's anchoring-and-adjustment ordering rule (the beer game), periodic review. At each
// review the demand of the period just ended updates the expected demand E by exponential
// smoothing (weight theta), then
//
//   decision = max(0, E + alpha_s x (target_stock - (on_hand - backlog))
//                       + alpha_sl x (target_supply_line - supply_line))
//
// rounded to the nearest whole unit (halves up: orders are whole cases), with supply_line =
// on order + decisions still "in the mail". A decision is placed
// `delay_periods` reviews after it is made (0: at once). target_supply_line < 0 means
// E x supply_periods (the periods between deciding and receiving). docs/model.md,
// "Anchoring and adjustment".
struct AnchorAdjustParams {
  Time review = 0;
  double target_stock = 0;
  double target_supply_line = -1;
  double supply_periods = 0;  // used when target_supply_line < 0
  double alpha_s = 0.5;
  double alpha_sl = 0.5;
  double theta = 0.25;
  double initial_demand = -1;  // per review period; < 0: the first period's demand
  int delay_periods = 0;
};

// The nearest whole number of units, halves up: how the rule (and its initial order slips)
// turns a decision into an order.
double whole_units(double x);

class AnchorAdjustPolicy : public ReplenishmentPolicy {
 public:
  explicit AnchorAdjustPolicy(const AnchorAdjustParams& p);
  Time review_period() const override { return p_.review; }
  void observe_demand(double units) override { period_demand_ += units; }
  double order_quantity(const StockState& state) override;
  double expected_demand() const { return expected_; }
  double last_decision() const { return decision_; }

 private:
  AnchorAdjustParams p_;
  double period_demand_ = 0;
  double expected_ = 0;
  bool seen_ = false;
  double decision_ = 0;
  std::deque<double> mail_;  // decisions made, not yet placed (oldest first)
};

}  // namespace surge
