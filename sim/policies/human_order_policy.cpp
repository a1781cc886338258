#include "surge/policies/human_order_policy.hpp"

#include <algorithm>

namespace surge {

HumanOrderPolicy::HumanOrderPolicy(Time review, int delay_periods, double initial_mail,
                                   OrderDecider& decider)
    : review_(review), decider_(decider) {
  for (int i = 0; i < delay_periods; ++i) mail_.push_back(std::max(0.0, initial_mail));
}

double HumanOrderPolicy::order_quantity(const StockState& state) {
  OrderBoard board;
  board.review = ++reviews_;
  board.time = reviews_ * review_;
  board.on_hand = state.on_hand;
  board.backlog = state.backlog;
  board.on_order = state.on_order;
  board.incoming = period_demand_;
  period_demand_ = 0;
  // Between reviews nothing is ordered, so on order can only have fallen by what arrived.
  board.received = std::max(0.0, on_order_after_review_ - state.on_order);
  for (double d : mail_) board.in_mail += d;
  board.next_placed = mail_.empty() ? 0 : mail_.front();

  double decision = std::max(0.0, decider_.decide(board));
  decisions_.push_back(decision);
  double placed = decision;
  if (!mail_.empty()) {
    mail_.push_back(decision);
    placed = mail_.front();
    mail_.pop_front();
  }
  on_order_after_review_ = state.on_order + placed;
  return placed;
}

}  // namespace surge
