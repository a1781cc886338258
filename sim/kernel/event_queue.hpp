#pragma once
// The future event list: two binary min-heaps over runs_before(). An event due more than
// kNearHours after the last event taken out goes to `far_`, any other to `near_`; the next
// event is the earlier of the two tops. In the flagship most pending events are deliveries of
// orders in transit, hours to days ahead (about 2,500 of them against a few dozen due within
// minutes), so with one heap every sift walked about 11 levels; the near heap keeps the
// frequent sifts short, and a far event costs a push (usually a level or two) and one pop.
// The order of events is unchanged: no two events compare equal, so any correct priority
// queue pops the same sequence. The vectors keep their capacity, so after warm-up
// scheduling allocates nothing.
#include <cstddef>
#include <vector>

#include "surge/kernel/event.hpp"

namespace surge {

// One binary min-heap of events.
class EventHeap {
 public:
  // Out of line: it may grow the vector, and inlined into Simulator::schedule_at that path
  // made every call save registers, the replace_top() calls included.
  [[gnu::noinline]] void push(const Event& event) {
    heap_.push_back(event);
    sift_up(heap_.size() - 1);
  }

  // Callers check empty() first; both are undefined on an empty heap.
  const Event& top() const { return heap_.front(); }

  Event pop() {
    Event first = heap_.front();
    Event last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(last);
    return first;
  }

  // pop() then push(event) in one sift. `event` must not refer into the heap (it is read
  // while the heap is rearranged; a copy would cost more than the sift saves).
  void replace_top(const Event& event) { sift_down(event); }

  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  void reserve(std::size_t n) { heap_.reserve(n); }
  void clear() { heap_.clear(); }

 private:
  void sift_up(std::size_t i) {
    Event moving = heap_[i];
    while (i > 0) {
      std::size_t parent = (i - 1) / 2;
      if (!runs_before(moving, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = moving;
  }

  // Fills the root's slot with `moving`, moving smaller children up.
  void sift_down(const Event& moving) {
    const std::size_t n = heap_.size();
    std::size_t i = 0, child = 1;
    // Nodes with two children; a lone last child is handled after the loop, so the loop
    // needs no bounds test for the second child.
    for (; child + 1 < n; child = 2 * i + 1) {
      if (runs_before(heap_[child + 1], heap_[child])) ++child;
      if (!runs_before(heap_[child], moving)) {
        heap_[i] = moving;
        return;
      }
      heap_[i] = heap_[child];
      i = child;
    }
    if (child < n && runs_before(heap_[child], moving)) {
      heap_[i] = heap_[child];
      i = child;
    }
    heap_[i] = moving;
  }

  std::vector<Event> heap_;
};

class EventQueue {
 public:
  // Hours ahead of the last event taken out beyond which an event waits in the far heap.
  // Service times and arrival gaps are minutes; deliveries, lanes and promises are hours to
  // days. Only speed depends on it.
  static constexpr Time kNearHours = 4.0;

  void push(const Event& event) { tier_of(event).push(event); }

  // Callers check empty() first (the Simulator does); both are undefined on an empty queue.
  const Event& top() const { return far_first() ? far_.top() : near_.top(); }

  Event pop() {
    EventHeap& from = far_first() ? far_ : near_;
    Event first = from.pop();
    taken_ = first.time;
    return first;
  }

  // pop() then push(event): one sift when both belong to the same heap. `event` must not
  // refer into the queue.
  void replace_top(const Event& event) {
    EventHeap& from = far_first() ? far_ : near_;
    taken_ = from.top().time;
    EventHeap& to = tier_of(event);
    if (&from == &to) {
      to.replace_top(event);
    } else {
      from.pop();
      to.push(event);
    }
  }

  bool empty() const { return near_.empty() && far_.empty(); }
  std::size_t size() const { return near_.size() + far_.size(); }
  void reserve(std::size_t n) { near_.reserve(n); }
  void clear() {
    near_.clear();
    far_.clear();
    taken_ = 0.0;
  }

 private:
  // Is the next event in the far heap? Usually not, and then a single test decides it.
  bool far_first() const {
    return !far_.empty() && (near_.empty() || runs_before(far_.top(), near_.top()));
  }
  EventHeap& tier_of(const Event& event) { return event.time - taken_ > kNearHours ? far_ : near_; }

  EventHeap near_, far_;
  Time taken_ = 0.0;  // time of the last event popped or replaced: the clock, in a simulation
};

}  // namespace surge
