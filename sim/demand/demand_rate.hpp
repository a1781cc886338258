#pragma once
// The order arrival rate of one demand stream of a market at time t: the baseline times the
// weekday and seasonal profiles times the campaigns' multiplier.
#include <vector>

#include "surge/demand/campaign_effect.hpp"

namespace surge {

class DemandRate {
 public:
  DemandRate(const DemandStream& stream, std::vector<const CampaignEffect*> campaigns);
  double at(Time t) const;
  double upper_bound() const { return upper_bound_; }
  // An upper bound of at(t) over day `day` ([24 day, 24 day + 24)): the day's weekday factor,
  // the seasonal windows and campaigns that touch the day at their peak. Tight bounds make
  // thinning reject few candidates.
  double day_bound(long day) const;

 private:
  const DemandStream& stream_;
  std::vector<const CampaignEffect*> campaigns_;
  double upper_bound_ = 0;
};

}  // namespace surge
