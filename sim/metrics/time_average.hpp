#pragma once
// Time integrals of a few piecewise-constant levels that change together (a stock point's
// on hand, backlog and on order; a resource's waiting, busy and available), kept for each
// window and for the current sampling period. Windows are few (the run and each campaign), so
// every update walks them all, once for all the levels.
#include <algorithm>
#include <array>
#include <vector>

#include "kernel/time.hpp"
#include "metrics/run_result.hpp"

namespace surge {

template <std::size_t N>
class TimeAverages {
 public:
  TimeAverages(std::array<double, N> initial, std::size_t windows)
      : value_(initial), area_(windows) {}

  // The levels change to `values` at time t (t never decreases).
  void set(Time t, const std::array<double, N>& values, const std::vector<Window>& windows) {
    if (values == value_) return;  // nothing changes: the integral just runs on
    advance(t, windows);
    value_ = values;
  }
  // Accumulates the current levels up to t.
  void advance(Time t, const std::vector<Window>& windows) {
    if (t <= since_) return;
    for (std::size_t w = 0; w < windows.size(); ++w) {
      Time a = std::max(since_, windows[w].start), b = std::min(t, windows[w].end);
      if (b > a)
        for (std::size_t i = 0; i < N; ++i) area_[w][i] += value_[i] * (b - a);
    }
    for (std::size_t i = 0; i < N; ++i) period_area_[i] += value_[i] * (t - since_);
    since_ = t;
  }
  double value(std::size_t i) const { return value_[i]; }
  double area(std::size_t window, std::size_t i) const { return area_[window][i]; }
  // The area of level i in `window` up to t (>= the last change), without closing anything:
  // for reading a running total in the middle of a run.
  double area_until(std::size_t window, std::size_t i, Time t, const Window& w) const {
    Time a = std::max(since_, w.start), b = std::min(t, w.end);
    return area_[window][i] + (b > a ? value_[i] * (b - a) : 0.0);
  }
  // The area of level i since the last call, restarting its period.
  double take_period_area(std::size_t i) {
    double a = period_area_[i];
    period_area_[i] = 0;
    return a;
  }

 private:
  std::array<double, N> value_;
  Time since_ = 0;
  std::vector<std::array<double, N>> area_;
  std::array<double, N> period_area_{};
};

}  // namespace surge
