#pragma once
// The time integral of a piecewise-constant level (stock on hand, servers busy, queue length),
// kept for each window and for the current sampling period. Windows are few (the run and each
// campaign), so every update walks them all.
#include <algorithm>
#include <vector>

#include "kernel/time.hpp"
#include "metrics/run_result.hpp"

namespace surge {

class TimeAverage {
 public:
  TimeAverage(double initial, std::size_t windows) : value_(initial), area_(windows, 0.0) {}

  // The level changes to `value` at time t (t never decreases).
  void set(Time t, double value, const std::vector<Window>& windows) {
    advance(t, windows);
    value_ = value;
  }
  // Accumulates the current level up to t.
  void advance(Time t, const std::vector<Window>& windows) {
    if (t <= since_) return;
    for (std::size_t w = 0; w < windows.size(); ++w) {
      Time a = std::max(since_, windows[w].start), b = std::min(t, windows[w].end);
      if (b > a) area_[w] += value_ * (b - a);
    }
    period_area_ += value_ * (t - since_);
    since_ = t;
  }
  double value() const { return value_; }
  double area(std::size_t window) const { return area_[window]; }
  // The area since the last call, and restart the period.
  double take_period_area() {
    double a = period_area_;
    period_area_ = 0;
    return a;
  }

 private:
  double value_;
  Time since_ = 0;
  std::vector<double> area_;
  double period_area_ = 0;
};

}  // namespace surge
