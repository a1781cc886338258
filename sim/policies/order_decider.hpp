#pragma once
// The decision-maker a HumanOrderPolicy asks at each review: a person at the terminal in
// `surge play`, a script in tests. The policy knows only its stock point, so the board holds
// what a beer-game player sees of their own echelon and nothing of the rest of the chain.
#include "surge/kernel/time.hpp"

namespace surge {

struct OrderBoard {
  int review = 0;  // 1 at the first review
  Time time = 0;   // of this review (review x period)
  double on_hand = 0;
  double backlog = 0;
  double incoming = 0;     // units requested from this stock point since the last review
  double received = 0;     // units that arrived since the last review
  double on_order = 0;     // placed upstream, not yet received (in transit or backlogged there)
  double in_mail = 0;      // decided, not yet placed (the order delay)
  double next_placed = 0;  // the oldest decision in the mail: what this review places upstream
  double supply_line() const { return on_order + in_mail; }
};

class OrderDecider {
 public:
  virtual ~OrderDecider() = default;
  // The units to order (>= 0). May throw to abandon the run (a player who quits): the run
  // has then no result, and whoever threw decides what to do instead.
  virtual double decide(const OrderBoard& board) = 0;
};

}  // namespace surge
