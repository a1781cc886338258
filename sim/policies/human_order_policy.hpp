#pragma once
// A periodic-review policy whose decisions come from outside the model (an OrderDecider): the
// beer game's human player. Decisions go through the same order delay ("mail") as
// anchor_adjust's, so a human and the rule play under identical rules: a decision is placed
// `delay_periods` reviews after it is made, and decisions in the mail count as supply line.
#include <deque>
#include <vector>

#include "surge/policies/order_decider.hpp"
#include "surge/policies/replenishment_policy.hpp"

namespace surge {

class HumanOrderPolicy : public ReplenishmentPolicy {
 public:
  // `initial_mail` fills the order delay at the start (the board game's order slips of 4).
  HumanOrderPolicy(Time review, int delay_periods, double initial_mail, OrderDecider& decider);
  Time review_period() const override { return review_; }
  void observe_demand(double units) override { period_demand_ += units; }
  double order_quantity(const StockState& state) override;
  // Every decision so far, in review order (negative answers are clipped to 0).
  const std::vector<double>& decisions() const { return decisions_; }

 private:
  Time review_;
  OrderDecider& decider_;
  int reviews_ = 0;
  double period_demand_ = 0;
  double on_order_after_review_ = 0;
  std::deque<double> mail_;  // decisions made, not yet placed (oldest first)
  std::vector<double> decisions_;
};

}  // namespace surge
