#include "surge/model/capacity_schedule.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace surge {
namespace {

// Slot edges such as 06:20 are not exact in binary: an instant built as `day * 24 + edge` must
// fall on the side of the edge it was built for (as in Calendar::is_open).
constexpr double kEdge = 1e-9;

const char* kDayNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::string clock_text(Time hours) {
  auto minutes = static_cast<long>(std::lround(hours * 60));
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02ld:%02ld", minutes / 60, minutes % 60);
  return buf;
}

}  // namespace

CapacitySchedule::CapacitySchedule(double base, std::vector<Slot> weekly,
                                   std::vector<Window> changes, DateAxis axis)
    : base_(base), weekly_(std::move(weekly)), changes_(std::move(changes)), axis_(axis) {
  std::sort(weekly_.begin(), weekly_.end(), [](const Slot& a, const Slot& b) {
    return a.weekday != b.weekday ? a.weekday < b.weekday : a.from < b.from;
  });
  // Empty windows change nothing; dropping them keeps next_change() simple.
  std::erase_if(changes_, [](const Window& w) { return !(w.to > w.from); });
}

double CapacitySchedule::at(Time t) const {
  for (auto w = changes_.rbegin(); w != changes_.rend(); ++w)
    if (t >= w->from - kEdge && t < w->to - kEdge) return w->value;
  if (!weekly_.empty()) {
    auto day = static_cast<long>(std::floor(t / kDay));
    int weekday = axis_.weekday_of_day(day);
    Time hour = t - static_cast<double>(day) * kDay;
    for (const Slot& s : weekly_)
      if (s.weekday == weekday && hour >= s.from - kEdge && hour < s.to - kEdge) return s.value;
  }
  return base_;
}

Time CapacitySchedule::next_change(Time t) const {
  if (is_constant()) return kNever;
  std::vector<Time> edges;
  Time last_window_edge = t;
  for (const Window& w : changes_)
    for (Time edge : {w.from, w.to})
      if (edge > t + kEdge) {
        edges.push_back(edge);
        last_window_edge = std::max(last_window_edge, edge);
      }
  if (!weekly_.empty()) {
    // The weekly pattern repeats every 7 days: once the last window has passed, a change that
    // does not come within the next 8 days never comes.
    auto first_day = static_cast<long>(std::floor(t / kDay));
    auto last_day = static_cast<long>(std::floor(last_window_edge / kDay)) + 8;
    for (long day = first_day; day <= last_day; ++day) {
      int weekday = axis_.weekday_of_day(day);
      for (const Slot& s : weekly_) {
        if (s.weekday != weekday) continue;
        for (Time edge : {s.from, s.to}) {
          Time when = static_cast<double>(day) * kDay + edge;
          if (when > t + kEdge) edges.push_back(when);
        }
      }
    }
  }
  std::sort(edges.begin(), edges.end());
  const double now = at(t);
  for (Time edge : edges)
    if (at(edge) != now) return edge;
  return kNever;
}

Time CapacitySchedule::finish(Time start, double amount) const {
  Time t = start;
  for (;;) {
    const double rate = at(t);
    if (amount <= 0 || rate == std::numeric_limits<double>::infinity()) return t;
    const Time change = next_change(t);
    if (rate > 0) {
      const Time done = t + amount / rate;
      if (done <= change) return done;
    }
    if (change >= kNever) return kNever;
    amount -= rate * (change - t);
    t = change;
  }
}

double CapacitySchedule::integral(Time from, Time to) const {
  double sum = 0;
  for (Time t = from; t < to;) {
    const Time change = std::min(next_change(t), to);
    sum += at(t) * (change - t);
    t = change;
  }
  return sum;
}

double CapacitySchedule::max_value() const {
  double v = base_;
  for (const Slot& s : weekly_) v = std::max(v, s.value);
  for (const Window& w : changes_) v = std::max(v, w.value);
  return v;
}

double CapacitySchedule::min_value() const {
  double v = base_;
  for (const Slot& s : weekly_) v = std::min(v, s.value);
  for (const Window& w : changes_) v = std::min(v, w.value);
  return v;
}

CapacitySchedule CapacitySchedule::with_change(Window window) const {
  CapacitySchedule out = *this;
  if (window.to > window.from) out.changes_.push_back(window);
  return out;
}

std::optional<std::string> CapacitySchedule::overlapping_slots(const std::vector<Slot>& slots) {
  for (std::size_t i = 0; i < slots.size(); ++i)
    for (std::size_t j = i + 1; j < slots.size(); ++j) {
      const Slot& a = slots[i];
      const Slot& b = slots[j];
      if (a.weekday == b.weekday && a.from < b.to && b.from < a.to)
        return std::string(kDayNames[a.weekday]) + " " + clock_text(a.from) + "-" +
               clock_text(a.to) + " and " + kDayNames[b.weekday] + " " + clock_text(b.from) + "-" +
               clock_text(b.to);
    }
  return std::nullopt;
}

}  // namespace surge
