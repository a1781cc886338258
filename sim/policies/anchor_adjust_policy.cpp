#include "surge/policies/anchor_adjust_policy.hpp"

#include <algorithm>

namespace surge {

AnchorAdjustPolicy::AnchorAdjustPolicy(const AnchorAdjustParams& p) : p_(p) {
  if (p_.initial_demand >= 0) {
    expected_ = p_.initial_demand;
    seen_ = true;
  }
  // The mail starts full of steady-state decisions, as the board game's order slips do.
  for (int i = 0; i < p_.delay_periods; ++i) mail_.push_back(std::max(0.0, p_.initial_demand));
}

double AnchorAdjustPolicy::order_quantity(const StockState& state) {
  double demand = period_demand_;
  period_demand_ = 0;
  if (seen_)
    expected_ += p_.theta * (demand - expected_);
  else
    expected_ = demand;
  seen_ = true;

  double in_mail = 0;
  for (double d : mail_) in_mail += d;
  double supply_line = state.on_order + in_mail;
  double target_sl =
      p_.target_supply_line >= 0 ? p_.target_supply_line : expected_ * p_.supply_periods;
  double net_stock = state.on_hand - state.backlog;
  decision_ = std::max(0.0, expected_ + p_.alpha_s * (p_.target_stock - net_stock) +
                                p_.alpha_sl * (target_sl - supply_line));
  if (p_.delay_periods == 0) return decision_;
  mail_.push_back(decision_);
  double placed = mail_.front();
  mail_.pop_front();
  return placed;
}

}  // namespace surge
