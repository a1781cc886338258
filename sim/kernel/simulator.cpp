#include "surge/kernel/simulator.hpp"

#include <cmath>
#include <cstring>
#include <string>

#include "surge/kernel/error.hpp"

namespace surge {

void Simulator::schedule_at(Time when, EventHandler* handler, std::uint32_t kind,
                            std::uint64_t payload, std::int32_t priority) {
  // One test on the hot path; reject() works out which rule was broken.
  if (!(when >= now_ && when < kInfinity) || handler == nullptr ||
      static_cast<std::uint32_t>(priority) + 128u >= 256u ||
      next_sequence_ >= (std::uint64_t{1} << Event::kSequenceBits)) [[unlikely]]
    reject(when, handler, priority);
  Event event{when, Event::make_order(priority, next_sequence_++), handler, payload, kind};
  if (running_top_) {
    running_top_ = false;
    queue_.replace_top(event);
  } else {
    queue_.push(event);
  }
}

bool Simulator::step() {
  if (queue_.empty()) return false;
  const Event event = queue_.top();
  running_top_ = true;
  now_ = event.time;
  ++events_run_;
  std::uint64_t bits;
  std::memcpy(&bits, &event.time, sizeof bits);
  fingerprint_ = (fingerprint_ ^ bits) * 0x100000001b3ULL;
  fingerprint_ = (fingerprint_ ^ ((static_cast<std::uint64_t>(event.kind) << 32) ^
                                  static_cast<std::uint32_t>(event.priority()))) *
                 0x100000001b3ULL;
  fingerprint_ = (fingerprint_ ^ event.payload) * 0x100000001b3ULL;
  try {
    event.handler->handle(event);
  } catch (...) {
    finish_top();
    throw;
  }
  finish_top();
  return true;
}

void Simulator::reject_delay(Time delay) {
  throw InternalError("internal: negative or non-finite delay " + std::to_string(delay));
}

void Simulator::reject(Time when, const EventHandler* handler, std::int32_t priority) const {
  if (!(when >= now_) || !std::isfinite(when))
    throw InternalError("internal: event scheduled in the past at " + std::to_string(when) +
                        " (now " + std::to_string(now_) + ")");
  SURGE_CHECK(handler != nullptr, "event without handler");
  SURGE_CHECK(priority >= -128 && priority < 128, "priority outside [-128, 127]");
  SURGE_CHECK(next_sequence_ < (std::uint64_t{1} << Event::kSequenceBits), "sequence overflow");
  throw InternalError("internal: schedule_at rejected a valid event");
}

void Simulator::finish_top() {
  if (running_top_) {
    running_top_ = false;
    queue_.pop();
  }
}

void Simulator::run(Time until) {
  SURGE_CHECK(until >= now_, "run(until) with until before now");
  while (!queue_.empty() && queue_.top().time <= until) step();
  if (until > now_) now_ = until;
}

}  // namespace surge
