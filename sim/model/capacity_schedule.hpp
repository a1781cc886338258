#pragma once
// A capacity that changes over time: station servers, service agents, a line's rate, a lane's
// or supplier's capacity. Written in YAML as a number, or as
//
//   {base: 10, weekly: {mon-fri: {"06:00-14:00": 10, "14:00-22:00": 8}},
//    changes: [{from: 2026-11-20, to: 2026-12-02, value: 16}]}
//
// The value at time t is that of the LAST `changes` window containing t (a later window overrides
// an earlier one where they overlap, so a plan's window wins over the scenario's), else that of
// the weekly slot containing t's weekday and time of day, else `base`. Windows are [from, to).
// A schedule says how much capacity there is; when it may be used is still the node's calendar
// (docs/model.md, "Capacity over time").
#include <optional>
#include <string>
#include <vector>

#include "surge/kernel/time.hpp"
#include "surge/model/calendar.hpp"
#include "surge/model/date_axis.hpp"

namespace surge {

class CapacitySchedule {
 public:
  // One value for part of a weekday: hours [from, to) after that day's midnight, 0 <= from <
  // to <= 24 (an overnight slot is given as two slots, one on each day).
  struct Slot {
    int weekday = 0;  // 0 = Monday ... 6 = Sunday
    Time from = 0, to = 24;
    double value = 0;
  };
  // A dated override, in model time [from, to).
  struct Window {
    Time from = 0, to = 0;
    double value = 0;
  };

  CapacitySchedule() = default;  // constant 0
  // A plain value is a schedule that never changes (implicit: `servers: 4` is such a schedule).
  CapacitySchedule(double constant) : base_(constant) {}  // NOLINT(google-explicit-constructor)
  CapacitySchedule(double base, std::vector<Slot> weekly, std::vector<Window> changes,
                   DateAxis axis);

  bool is_constant() const { return weekly_.empty() && changes_.empty(); }
  double base() const { return base_; }
  const std::vector<Slot>& weekly() const { return weekly_; }
  const std::vector<Window>& changes() const { return changes_; }

  double at(Time t) const;
  // The first instant after t at which at() differs from at(t); kNever if it never does.
  Time next_change(Time t) const;
  // The instant at which `amount` has been processed at the scheduled rate from `start` on: the
  // first T with the integral of at() over [start, T] equal to `amount` (a lane loading units,
  // a supplier dispatching them: a change of rate applies from its instant). An unlimited
  // value finishes the rest at once; kNever if the amount is never reached.
  Time finish(Time start, double amount) const;
  // The integral of at() over [from, to) (capacity-hours).
  double integral(Time from, Time to) const;
  // The largest value it ever takes, and the smallest.
  double max_value() const;
  double min_value() const;

  // A new schedule equal to this one plus `window` as its last (winning) change.
  CapacitySchedule with_change(Window window) const;

  // Two slots of one weekday that overlap, described for an error message
  // ("mon 12:00-14:00 and mon 13:00-20:00"), or nothing. Slots must not overlap.
  static std::optional<std::string> overlapping_slots(const std::vector<Slot>& slots);

 private:
  double base_ = 0;
  std::vector<Slot> weekly_;
  std::vector<Window> changes_;
  DateAxis axis_;
};

}  // namespace surge
