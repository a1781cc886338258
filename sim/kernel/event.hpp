#pragma once
// A scheduled event: small and plain so the heap moves it cheaply. The handler decides what
// `kind` and `payload` mean (an order id, a server index ...); the kernel never looks inside.
#include <cstdint>

#include "kernel/time.hpp"

namespace surge {

class EventHandler;

struct Event {
  Time time = 0.0;
  std::int32_t priority = 0;   // lower runs first at equal time
  std::uint64_t sequence = 0;  // insertion order: the final, total tie-break
  EventHandler* handler = nullptr;
  std::uint32_t kind = 0;
  std::uint64_t payload = 0;
};

// Total order (time, priority, sequence): equal-time events run in a fixed, documented order.
inline bool runs_before(const Event& a, const Event& b) {
  if (a.time != b.time) return a.time < b.time;
  if (a.priority != b.priority) return a.priority < b.priority;
  return a.sequence < b.sequence;
}

// One virtual call per event; no std::function, no allocation.
class EventHandler {
 public:
  virtual ~EventHandler() = default;
  virtual void handle(const Event& event) = 0;
};

}  // namespace surge
