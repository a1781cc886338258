#include "surge/demand/demand_rate.hpp"

#include <algorithm>
#include <cmath>

namespace surge {

DemandRate::DemandRate(const DemandStream& stream, std::vector<const CampaignEffect*> campaigns,
                       DateAxis dates)
    : stream_(stream), campaigns_(std::move(campaigns)), dates_(dates) {
  double weekly =
      stream.weekly.empty() ? 1.0 : *std::max_element(stream.weekly.begin(), stream.weekly.end());
  double seasonal = 1.0;
  for (const auto& w : stream.seasonal) seasonal = std::max(seasonal, w.factor);
  // Overlapping seasonal windows multiply.
  double product_of_peaks = 1.0;
  for (const auto& w : stream.seasonal) product_of_peaks *= std::max(1.0, w.factor);
  seasonal = std::max(seasonal, product_of_peaks);
  double extra = 0;
  for (const auto* c : campaigns_) extra += c->peak_extra();
  upper_bound_ = stream.rate * weekly * seasonal * (1 + extra);
}

double DemandRate::day_bound(long day) const {
  const Time from = static_cast<double>(day) * kDay, to = from + kDay;
  double rate = stream_.rate;
  if (!stream_.weekly.empty())
    rate *= stream_.weekly[static_cast<std::size_t>(dates_.weekday_of_day(day))];
  for (const auto& w : stream_.seasonal)
    if (w.from < to && w.to > from) rate *= std::max(1.0, w.factor);
  double extra = 0;
  for (const auto* c : campaigns_)
    if (c->active_start() < to && c->active_end() > from) extra += c->peak_extra();
  return rate * (1 + extra);
}

double DemandRate::at(Time t) const {
  double rate = stream_.rate;
  if (!stream_.weekly.empty()) {
    auto day = static_cast<long>(std::floor(t / kDay));
    rate *= stream_.weekly[static_cast<std::size_t>(dates_.weekday_of_day(day))];
  }
  for (const auto& w : stream_.seasonal)
    if (t >= w.from && t < w.to) rate *= w.factor;
  double multiplier = 1;
  for (const auto* c : campaigns_) multiplier += c->extra(t) - c->pull_forward(t);
  return rate * std::max(0.0, multiplier);
}

}  // namespace surge
