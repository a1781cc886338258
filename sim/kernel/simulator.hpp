#pragma once
// The scheduler: a clock and the future event list. schedule(), step(), run(until).
#include <cstdint>
#include <limits>

#include "surge/kernel/event.hpp"
#include "surge/kernel/event_queue.hpp"
#include "surge/kernel/time.hpp"

namespace surge {

// Priorities for events at one instant. Lower runs first. Documented in docs/kernel.md.
enum Priority : std::int32_t {
  kPriorityCalendar = -20,  // shifts open/close before work at the same instant
  kPriorityArrival = -10,   // goods arrive before they are needed
  kPriorityDefault = 0,
  kPriorityReview = 10,  // periodic reviews see everything that happened at that instant
  kPrioritySample = 20,  // time-series samples see the state after all work at the instant
};

class Simulator {
 public:
  Time now() const { return now_; }

  // Schedules `handler` to receive (kind, payload) after `delay` hours. Delay must be >= 0
  // and finite: time never goes backwards.
  void schedule(Time delay, EventHandler* handler, std::uint32_t kind, std::uint64_t payload = 0,
                std::int32_t priority = kPriorityDefault) {
    if (!(delay >= 0.0 && delay < kInfinity)) [[unlikely]]
      reject_delay(delay);
    schedule_at(now_ + delay, handler, kind, payload, priority);
  }
  void schedule_at(Time when, EventHandler* handler, std::uint32_t kind, std::uint64_t payload = 0,
                   std::int32_t priority = kPriorityDefault);

  // Runs the next event; false when none is left. Not re-entrant: handlers schedule, they
  // never call step() or run().
  bool step();
  // Runs every event with time <= until, then sets the clock to `until`.
  void run(Time until);

  std::uint64_t events_run() const { return events_run_; }
  // A hash of the (time, priority, kind, payload) sequence of every event run: two runs with the
  // same fingerprint took the same path (a cheap regression check of the event trace).
  std::uint64_t fingerprint() const { return fingerprint_; }
  std::size_t pending() const { return queue_.size() - (running_top_ ? 1 : 0); }

 private:
  static constexpr Time kInfinity = std::numeric_limits<Time>::infinity();
  // The checks of schedule() and schedule_at() throw from here, off the hot path.
  [[noreturn, gnu::cold, gnu::noinline]] static void reject_delay(Time delay);
  [[noreturn, gnu::cold, gnu::noinline]] void reject(Time when, const EventHandler* handler,
                                                     std::int32_t priority) const;
  void finish_top();  // drops the handled event if its handler scheduled nothing

  // The event being handled stays at the root of the queue until the handler schedules its
  // first event, which replaces it: most handlers schedule one, and one sift from the root is
  // cheaper than a pop and a push. No two events compare equal, so the run order is the same.
  EventQueue queue_;
  bool running_top_ = false;
  Time now_ = 0.0;
  std::uint64_t next_sequence_ = 0;
  std::uint64_t events_run_ = 0;
  std::uint64_t fingerprint_ = 0xcbf29ce484222325ULL;
};

}  // namespace surge
