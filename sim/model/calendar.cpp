#include "surge/model/calendar.hpp"

#include <algorithm>
#include <cmath>

namespace surge {
namespace {

const std::vector<Calendar::Interval> kNoIntervals;
const std::vector<Calendar::Interval> kWholeDay{{0.0, 24.0}};

void merge(std::vector<Calendar::Interval>& v) {
  std::sort(v.begin(), v.end());
  std::vector<Calendar::Interval> out;
  for (auto iv : v) {
    if (iv.second <= iv.first) continue;
    if (!out.empty() && iv.first <= out.back().second)
      out.back().second = std::max(out.back().second, iv.second);
    else
      out.push_back(iv);
  }
  v = std::move(out);
}

long day_of(Time t) { return static_cast<long>(std::floor(t / kDay)); }

}  // namespace

Calendar::Calendar(std::array<std::vector<Interval>, 7> week, std::vector<long> holidays,
                   DateAxis dates)
    : always_open_(false), holidays_(std::move(holidays)), dates_(dates) {
  for (int d = 0; d < 7; ++d) {
    for (auto [open, close] : week[d]) {
      if (close > open) {
        week_[d].push_back({open, close});
      } else if (close < open) {  // overnight shift: split at midnight
        week_[d].push_back({open, 24.0});
        week_[(d + 1) % 7].push_back({0.0, close});
      }  // open == close is an empty interval (the loader rejects it)
    }
  }
  for (auto& v : week_) merge(v);
  std::sort(holidays_.begin(), holidays_.end());
  holidays_.erase(std::unique(holidays_.begin(), holidays_.end()), holidays_.end());
}

bool Calendar::is_holiday(long day) const {
  return std::binary_search(holidays_.begin(), holidays_.end(), day);
}

const std::vector<Calendar::Interval>& Calendar::day_intervals(long day) const {
  if (always_open_) return kWholeDay;
  if (is_holiday(day)) return kNoIntervals;
  return week_[static_cast<std::size_t>(dates_.weekday_of_day(day))];
}

bool Calendar::is_open(Time t) const {
  if (always_open_) return true;
  long day = day_of(t);
  Time h = t - day * kDay;
  // Interval edges such as 06:20 are not exact in binary; the tolerance keeps an edge built
  // as `day * 24 + open` on the side of the edge it was built for.
  constexpr double kEdge = 1e-9;
  for (auto [open, close] : day_intervals(day))
    if (h >= open - kEdge && h < close - kEdge) return true;
  return false;
}

Time Calendar::weekly_open_hours() const {
  if (always_open_) return kWeek;
  Time total = 0;
  for (auto& v : week_)
    for (auto [open, close] : v) total += close - open;
  return total;
}

Time Calendar::next_change(Time t) const {
  if (always_open_ || weekly_open_hours() <= 0) return kNever;
  if (weekly_open_hours() >= kWeek && holidays_.empty()) return kNever;
  const bool open_now = is_open(t);
  long day = day_of(t);
  // Boundaries within a week plus any holiday: the loop ends within 8 days past the last
  // holiday, because the week has both open and closed time.
  long limit = std::max(day, last_holiday()) + 16;
  for (long d = day; d <= limit; ++d) {
    Time base = d * kDay;
    // Candidate instants: each interval edge and the midnights (holidays switch there). The
    // answer is the earliest candidate that changes the state, found without sorting them.
    Time first = kNever;
    auto consider = [&](Time e) {
      if (e > t && e < first && is_open(e) != open_now) first = e;
    };
    consider(base);
    for (auto [open, close] : day_intervals(d)) {
      consider(base + open);
      consider(base + close);
    }
    if (first < kNever) return first;
  }
  return kNever;
}

Time Calendar::next_open(Time t) const {
  if (is_open(t)) return t;
  return next_change(t);
}

Time Calendar::open_hours(Time from, Time to) const {
  if (to <= from) return 0;
  if (always_open_) return to - from;
  Time total = 0;
  for (long d = day_of(from); d * kDay < to; ++d) {
    Time base = d * kDay;
    for (auto [open, close] : day_intervals(d)) {
      Time a = std::max(from, base + open), b = std::min(to, base + close);
      if (b > a) total += b - a;
    }
  }
  return total;
}

Time Calendar::advance(Time from, Time work) const {
  if (work <= 0) return from;
  if (always_open_) return from + work;
  if (weekly_open_hours() <= 0) return kNever;
  Time left = work;
  for (long d = day_of(from);; ++d) {
    if (d > last_holiday() + 8 && left > weekly_open_hours()) {
      // Skip whole weeks at once past the holidays: long jobs stay cheap.
      long weeks = static_cast<long>(left / weekly_open_hours()) - 1;
      if (weeks > 0 && d * kDay >= from) {
        d += weeks * 7;
        left -= weeks * weekly_open_hours();
      }
    }
    Time base = d * kDay;
    for (auto [open, close] : day_intervals(d)) {
      Time a = std::max(from, base + open), b = base + close;
      if (b <= a) continue;
      if (b - a >= left) return a + left;
      left -= b - a;
    }
  }
}

}  // namespace surge
