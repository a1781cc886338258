#pragma once
// A scheduled event: small and plain so the heap moves it cheaply. The handler decides what
// `kind` and `payload` mean (an order id, a server index ...); the kernel never looks inside.
#include <cstdint>

#include "surge/kernel/time.hpp"

namespace surge {

class EventHandler;

struct Event {
  Time time = 0.0;
  // Priority (lower runs first at equal time) in the top 8 bits, biased by 128, and the
  // insertion sequence in the low 56: one integer comparison gives the documented tie-break.
  std::uint64_t order = 0;
  EventHandler* handler = nullptr;
  std::uint64_t payload = 0;
  std::uint32_t kind = 0;

  static constexpr int kSequenceBits = 56;
  static std::uint64_t make_order(std::int32_t priority, std::uint64_t sequence) {
    return (static_cast<std::uint64_t>(priority + 128) << kSequenceBits) | sequence;
  }
  std::int32_t priority() const { return static_cast<std::int32_t>(order >> kSequenceBits) - 128; }
  std::uint64_t sequence() const { return order & ((std::uint64_t{1} << kSequenceBits) - 1); }
};

// Total order (time, priority, sequence): equal-time events run in a fixed, documented order.
inline bool runs_before(const Event& a, const Event& b) {
  return a.time < b.time || (a.time == b.time && a.order < b.order);
}

// One virtual call per event; no std::function, no allocation.
class EventHandler {
 public:
  virtual ~EventHandler() = default;
  virtual void handle(const Event& event) = 0;
};

}  // namespace surge
