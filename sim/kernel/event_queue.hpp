#pragma once
// The future event list: a binary min-heap over runs_before(). The vector keeps its capacity,
// so after warm-up scheduling allocates nothing.
#include <cstddef>
#include <vector>

#include "surge/kernel/event.hpp"

namespace surge {

class EventQueue {
 public:
  // Out of line: it may grow the vector, and inlined into Simulator::schedule_at that path
  // made every call save registers, the replace_top() calls included.
  [[gnu::noinline]] void push(const Event& event) {
    heap_.push_back(event);
    sift_up(heap_.size() - 1);
  }

  // Callers check empty() first (the Simulator does); both are undefined on an empty queue.
  const Event& top() const { return heap_.front(); }

  Event pop() {
    Event first = heap_.front();
    Event last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(last);
    return first;
  }

  // pop() then push(event) in one sift. `event` must not refer into the queue (it is read
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

}  // namespace surge
