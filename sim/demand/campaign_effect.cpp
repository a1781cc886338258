#include "surge/demand/campaign_effect.hpp"

#include <algorithm>

namespace surge {

CampaignEffect::CampaignEffect(const Campaign& c, double uplift)
    : campaign_(c),
      uplift_(uplift),
      start_(c.start),
      end_(c.start + c.duration),
      ramp_(std::min(c.ramp_up, c.duration)),
      decay_(c.decay) {
  if (c.pull_forward.share > 0 && c.pull_forward.over > 0) {
    // Area of extra(t): a trapezoid of height (uplift - 1).
    double area = (uplift_ - 1) * (c.duration - ramp_ / 2 + decay_ / 2);
    dip_ = std::max(0.0, c.pull_forward.share * area / c.pull_forward.over);
  }
}

double CampaignEffect::extra(Time t) const {
  double height = uplift_ - 1;
  if (t < start_ || t >= end_ + decay_) return 0;
  if (t < start_ + ramp_) return height * (t - start_) / ramp_;
  if (t < end_) return height;
  return height * (1 - (t - end_) / decay_);
}

double CampaignEffect::pull_forward(Time t) const {
  Time from = end_ + decay_;
  return (t >= from && t < from + campaign_.pull_forward.over) ? dip_ : 0;
}

bool CampaignEffect::applies_to(const std::string& product, const std::string& market) const {
  bool p = std::find(campaign_.products.begin(), campaign_.products.end(), product) !=
           campaign_.products.end();
  bool m = campaign_.markets.empty() ||
           std::find(campaign_.markets.begin(), campaign_.markets.end(), market) !=
               campaign_.markets.end();
  return p && m;
}

}  // namespace surge
