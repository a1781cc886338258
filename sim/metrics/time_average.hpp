#pragma once
// Time integrals of a few piecewise-constant levels that change together (a stock point's
// on hand, backlog and on order; a resource's waiting, busy and available), kept for each
// window and for the current sampling period. Windows are few (the run and each campaign); an
// update walks them all only when it crosses a window bound (see WindowSpan).
#include <algorithm>
#include <array>
#include <limits>
#include <vector>

#include "surge/kernel/time.hpp"
#include "surge/metrics/run_result.hpp"

namespace surge {

// A stretch of time [from, to] inside which no window starts or ends, and the windows that
// cover it whole (ascending). An update that stays inside it overlaps each window either
// completely or not at all, so it needs no clipping to the windows' bounds.
struct WindowSpan {
  Time from = 0, to = 0;
  std::vector<std::size_t> covering;
};

// The span around the current time, for one list of windows (passed to every call). Times
// passed to at() normally never decrease, so it moves on only at window bounds.
class WindowSpans {
 public:
  explicit WindowSpans(const std::vector<Window>& windows) {
    for (const Window& w : windows) {
      bounds_.push_back(w.start);
      bounds_.push_back(w.end);
    }
    std::sort(bounds_.begin(), bounds_.end());
    bounds_.erase(std::unique(bounds_.begin(), bounds_.end()), bounds_.end());
    find(0, windows);
  }

  const WindowSpan& current() const { return span_; }
  // The span with from < t <= to (t on a bound belongs to the span that ends there).
  const WindowSpan& at(Time t, const std::vector<Window>& windows) {
    if (!(t > span_.from && t <= span_.to)) find(t, windows);
    return span_;
  }

 private:
  void find(Time t, const std::vector<Window>& windows) {
    constexpr Time kInf = std::numeric_limits<Time>::infinity();
    auto next = std::lower_bound(bounds_.begin(), bounds_.end(), t);
    span_.to = next == bounds_.end() ? kInf : *next;
    span_.from = next == bounds_.begin() ? -kInf : *(next - 1);
    span_.covering.clear();
    for (std::size_t w = 0; w < windows.size(); ++w)
      if (windows[w].start <= span_.from && windows[w].end >= span_.to) span_.covering.push_back(w);
  }

  std::vector<Time> bounds_;
  WindowSpan span_;
};

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
  // The same, with the windows' spans: an update inside the current span (most of them)
  // needs no clipping, and no call on its way.
  void set(Time t, const std::array<double, N>& values, const std::vector<Window>& windows,
           WindowSpans& spans) {
    if (values == value_) return;
    if (!add_within(t, spans.current())) return set_across(t, values, windows, spans);
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
  // Accumulates the current levels up to t if [since_, t] is a non-empty part of `span`;
  // false, with nothing done, if not. Inside the span every covering window clips
  // [since_, t] to itself, so each gets the very product the clipping loop of advance()
  // would add: the sums are bit-for-bit the same.
  bool add_within(Time t, const WindowSpan& span) {
    if (!(t > since_ && since_ >= span.from && t <= span.to)) return false;
    std::array<double, N> area;  // a local: the stores below cannot alias it
    for (std::size_t i = 0; i < N; ++i) area[i] = value_[i] * (t - since_);
    for (std::size_t w : span.covering)
      for (std::size_t i = 0; i < N; ++i) area_[w][i] += area[i];
    for (std::size_t i = 0; i < N; ++i) period_area_[i] += area[i];
    since_ = t;
    return true;
  }
  // An update outside the current span: moves the span on, clips if it must. Out of line, so
  // that set() on the common path calls nothing and saves no registers.
  [[gnu::noinline]] void set_across(Time t, const std::array<double, N>& values,
                                    const std::vector<Window>& windows, WindowSpans& spans) {
    if (!add_within(t, spans.at(t, windows))) advance(t, windows);
    value_ = values;
  }

  std::array<double, N> value_;
  Time since_ = 0;
  std::vector<std::array<double, N>> area_;
  std::array<double, N> period_area_{};
};

}  // namespace surge
