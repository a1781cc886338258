// Capacity over time (model/capacity_schedule.hpp): base, weekly slots, dated windows; the last
// window containing t wins, then the weekly slot, then the base.
#include "surge/model/capacity_schedule.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <vector>

#include "surge/kernel/random.hpp"

namespace surge {
namespace {

using Slot = CapacitySchedule::Slot;
using Window = CapacitySchedule::Window;
constexpr int kMon = 0, kFri = 4, kSat = 5;

// mon-fri 06:00-14:00: 10, 14:00-22:00: 8; base 2 (nights and weekends).
std::vector<Slot> two_shifts() {
  std::vector<Slot> slots;
  for (int d = kMon; d <= kFri; ++d) {
    slots.push_back({d, 6, 14, 10});
    slots.push_back({d, 14, 22, 8});
  }
  return slots;
}

TEST_CASE("a constant schedule never changes") {
  CapacitySchedule c(5);
  CHECK(c.is_constant());
  CHECK(c.at(0) == 5);
  CHECK(c.at(1e6) == 5);
  CHECK(c.next_change(0) == kNever);
}

TEST_CASE("weekly slots apply on their weekdays and hours, the base elsewhere") {
  CapacitySchedule c(2, two_shifts(), {}, DateAxis());
  CHECK(c.at(0) == 2);   // Monday 00:00
  CHECK(c.at(6) == 10);  // Monday 06:00, the slot's first instant
  CHECK(c.at(13.99) == 10);
  CHECK(c.at(14) == 8);
  CHECK(c.at(22) == 2);
  CHECK(c.at(kSat * 24.0 + 10) == 2);  // Saturday
  CHECK(c.at(kWeek + 7) == 10);        // next Monday
  CHECK(c.next_change(0) == Approx(6));
  CHECK(c.next_change(6) == Approx(14));
  CHECK(c.next_change(14) == Approx(22));
  CHECK(c.next_change(22) == Approx(24 + 6));
  CHECK(c.next_change(kFri * 24.0 + 22) == Approx(kWeek + 6));  // over the weekend
}

TEST_CASE("weekdays follow the start date") {
  // 2026-10-01 is a Thursday: model day 0 is a Thursday, day 4 a Monday.
  DateAxis axis(std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::month{10},
                                            std::chrono::day{1}});
  CapacitySchedule c(2, {{kMon, 6, 14, 10}}, {}, axis);
  CHECK(c.at(6.5) == 2);
  CHECK(c.at(4 * 24.0 + 6.5) == 10);
  CHECK(c.next_change(0) == Approx(4 * 24.0 + 6));
}

TEST_CASE("dated windows override the weekly pattern and later windows override earlier ones") {
  CapacitySchedule c(2, two_shifts(), {{48, 96, 16}, {60, 72, 20}}, DateAxis());
  CHECK(c.at(30) == 10);  // Tuesday 06:00, before the windows
  CHECK(c.at(48) == 16);  // Wednesday 00:00: the window, though the weekly base says 2
  CHECK(c.at(60) == 20);  // the later window wins inside it
  CHECK(c.at(72) == 16);  // back to the first window
  CHECK(c.at(96) == 2);   // Friday 00:00: window over, weekly base
  CHECK(c.next_change(30) == Approx(38));  // 14:00 Tuesday: 10 -> 8
  CHECK(c.next_change(46) == Approx(48));
  CHECK(c.next_change(48) == Approx(60));
  CHECK(c.next_change(60) == Approx(72));
  CHECK(c.next_change(72) == Approx(96));
  CHECK(c.next_change(96) == Approx(96 + 6));
  CHECK(c.max_value() == 20);
  CHECK(c.min_value() == 2);
}

TEST_CASE("an edge where the value stays the same is not a change") {
  // The window sets 10 from Monday 00:00 to 06:00, then the slot gives 10 until 14:00.
  CapacitySchedule c(2, two_shifts(), {{0, 6, 10}}, DateAxis());
  CHECK(c.next_change(0) == Approx(14));
  CapacitySchedule flat(3, {}, {{10, 20, 3}}, DateAxis());
  CHECK(flat.next_change(0) == kNever);
}

TEST_CASE("with_change adds a winning window and leaves the original alone") {
  CapacitySchedule c(4);
  CapacitySchedule plan = c.with_change({100, 200, 9});
  CHECK(c.at(150) == 4);
  CHECK(plan.at(150) == 9);
  CHECK(plan.at(200) == 4);
  CHECK(plan.next_change(0) == Approx(100));
  CHECK(c.with_change({5, 5, 9}).is_constant());  // an empty window is no change
}

TEST_CASE("next_change agrees with a brute-force scan of at()") {
  RandomStream rng(7, 0, "capacity", "schedule");
  for (int trial = 0; trial < 50; ++trial) {
    std::vector<Slot> slots;
    for (int d = 0; d < 7; ++d) {
      double from = std::floor(rng.uniform01() * 12),
             to = from + 1 + std::floor(rng.uniform01() * 11);
      if (rng.uniform01() < 0.7) slots.push_back({d, from, to, std::floor(rng.uniform01() * 4)});
    }
    std::vector<Window> windows;
    for (int w = 0; w < 3; ++w) {
      double from = std::floor(rng.uniform01() * 600);
      windows.push_back(
          {from, from + 1 + std::floor(rng.uniform01() * 100), std::floor(rng.uniform01() * 4)});
    }
    CapacitySchedule c(std::floor(rng.uniform01() * 4), slots, windows, DateAxis());
    // Every edge is a whole hour: scan the middle of each hour for the first change.
    for (double t : {0.0, 37.0, 250.0, 590.0}) {
      double now = c.at(t), expected = kNever;
      for (double h = t + 1; h < t + 30 * 24; h += 1)
        if (c.at(h + 0.5) != now) {
          expected = h;
          break;
        }
      double got = c.next_change(t);
      if (expected == kNever)
        CHECK(got >= t + 30 * 24);
      else
        CHECK(got == Approx(expected));
    }
  }
}

TEST_CASE("overlapping weekly slots are found for the loader's error") {
  CHECK_FALSE(CapacitySchedule::overlapping_slots(two_shifts()));
  auto overlap = CapacitySchedule::overlapping_slots({{kMon, 12, 14, 1}, {kMon, 13, 20, 2}});
  REQUIRE(overlap);
  CHECK(*overlap == "mon 12:00-14:00 and mon 13:00-20:00");
}

TEST_CASE("finish integrates the schedule from the start of a load") {
  // 10 an hour, 30 an hour in [2, 4), unlimited from 10.
  CapacitySchedule c(10, {}, {{2, 4, 30}, {10, 20, kNever}}, DateAxis());
  CHECK(c.finish(0, 10) == 1);                // inside the base
  CHECK(c.finish(1, 40) == Approx(3));        // 10 by 2, then 30 more at 30/h
  CHECK(c.finish(3, 60) == Approx(4 + 3.0));  // 30 by 4, then 30 more at 10/h
  CHECK(c.finish(9, 1000) == 10);             // what is left goes at once when unlimited
  CHECK(c.finish(5, 0) == 5);
  CHECK(CapacitySchedule(0).finish(0, 1) == kNever);  // never any capacity
  CHECK(CapacitySchedule(4).finish(1, 2) == 1.5);
}

TEST_CASE("integral sums capacity-hours across the changes") {
  CapacitySchedule c(10, {}, {{2, 4, 30}}, DateAxis());
  CHECK(c.integral(0, 2) == 20);
  CHECK(c.integral(1, 5) == Approx(10 + 60 + 10));
  CHECK(c.integral(3, 3) == 0);
  CapacitySchedule shifts(2, {{0, 8, 16, 5}}, {}, DateAxis());  // Mondays 08:00-16:00: 5
  CHECK(shifts.integral(0, 24) == Approx(16 * 2 + 8 * 5));
  CHECK(shifts.integral(0, 7 * 24) == Approx(7 * 24 * 2 + 8 * 3));
}

}  // namespace
}  // namespace surge
