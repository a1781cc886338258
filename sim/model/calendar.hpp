#pragma once
// Working calendars: open intervals per weekday plus closed holidays. The weekday of each day
// comes from the scenario's DateAxis (time 0 is a Monday unless a start date says otherwise).
// Lines, stations and agents work only while their calendar is open.
#include <array>
#include <limits>
#include <utility>
#include <vector>

#include "surge/kernel/time.hpp"
#include "surge/model/date_axis.hpp"

namespace surge {

inline constexpr Time kNever = std::numeric_limits<double>::infinity();

class Calendar {
 public:
  using Interval = std::pair<Time, Time>;  // [open, close) in hours from the day's midnight

  // Always open (the default when a node names no calendar).
  Calendar() = default;
  // `week[d]` holds the open intervals of weekday d (0 = Monday); an interval whose end is
  // before its start runs past midnight into the next weekday. `holidays` are day indices
  // (day k covers [k*24, (k+1)*24)) on which nothing is open.
  Calendar(std::array<std::vector<Interval>, 7> week, std::vector<long> holidays,
           DateAxis dates = {});

  bool always_open() const { return always_open_; }
  bool is_open(Time t) const;
  // The first instant > t at which the open state changes; kNever if it never does.
  Time next_change(Time t) const;
  // The first instant >= t at which the calendar is open; kNever if never.
  Time next_open(Time t) const;
  // Open hours in [from, to).
  Time open_hours(Time from, Time to) const;
  // The instant at which `work` open hours have elapsed after `from`; kNever if never.
  Time advance(Time from, Time work) const;
  // Open hours in an average week (for utilisation denominators and summaries).
  Time weekly_open_hours() const;

 private:
  const std::vector<Interval>& day_intervals(long day) const;
  bool is_holiday(long day) const;
  long last_holiday() const { return holidays_.empty() ? -1 : holidays_.back(); }

  bool always_open_ = true;
  std::array<std::vector<Interval>, 7> week_;  // sorted, merged, within [0, 24]
  std::vector<long> holidays_;                 // sorted
  DateAxis dates_;
};

}  // namespace surge
