#pragma once
// One campaign in one replication, with its uplift drawn. The demand multiplier of a product
// in a market is 1 + sum of the campaigns' extra(t) - sum of their pull_forward(t), never
// below 0. Shape (docs/model.md): linear ramp from 1 to the uplift over `ramp_up` from the
// start, full uplift until start + duration, linear decay back to 1 over `decay`, then a dip
// that takes `pull_forward.share` of the extra demand back, spread evenly over
// `pull_forward.over`.
#include <string>

#include "surge/model/scenario.hpp"

namespace surge {

class CampaignEffect {
 public:
  CampaignEffect(const Campaign& campaign, double uplift);

  double extra(Time t) const;
  double pull_forward(Time t) const;
  // The campaign is on (orders placed now count as campaign orders): [start, end + decay).
  bool active(Time t) const { return t >= start_ && t < end_ + decay_; }
  Time active_start() const { return start_; }
  Time active_end() const { return end_ + decay_; }
  bool applies_to(const std::string& product, const std::string& market) const;
  double uplift() const { return uplift_; }
  double peak_extra() const { return uplift_ > 1 ? uplift_ - 1 : 0; }
  const Campaign& campaign() const { return campaign_; }

 private:
  const Campaign& campaign_;
  double uplift_;
  Time start_, end_, ramp_, decay_;
  double dip_ = 0;  // multiplier reduction during the pull-forward period
};

}  // namespace surge
