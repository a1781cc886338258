#pragma once
// The order arrival rate of one demand stream of a market at time t: the baseline times the
// weekday and seasonal profiles times the campaigns' multiplier. Weekdays follow the scenario's
// start date (DateAxis; without one, day 0 is a Monday).
#include <vector>

#include "surge/demand/campaign_effect.hpp"
#include "surge/model/date_axis.hpp"

namespace surge {

class DemandRate {
 public:
  DemandRate(const DemandStream& stream, std::vector<const CampaignEffect*> campaigns,
             DateAxis dates = {});
  double at(Time t) const;
  double upper_bound() const { return upper_bound_; }
  // An upper bound of at(t) over day `day` ([24 day, 24 day + 24)): the day's weekday factor,
  // the seasonal windows and campaigns that touch the day at their peak. Tight bounds make
  // thinning reject few candidates.
  double day_bound(long day) const;

 private:
  const DemandStream& stream_;
  std::vector<const CampaignEffect*> campaigns_;
  DateAxis dates_;
  double upper_bound_ = 0;
};

}  // namespace surge
