#pragma once
// The records of the things still open (customer orders, contacts), indexed by their id. Ids
// are handed out in order and never reused; a record is dropped from the front once it, and
// every record before it, is closed. The slots form a ring whose size is a power of two, so
// finding a record is a mask, and a record dropped from the front frees its slot for the next
// id. Memory is bounded by the ids between the oldest open record and the newest one, not by
// the length of the run (docs/performance.md, "Memory").
#include <cstdint>
#include <utility>
#include <vector>

namespace surge {

template <class Record>
class IdRing {
 public:
  std::uint64_t first_id() const { return first_; }         // of the oldest record kept
  std::uint64_t next_id() const { return first_ + size_; }  // the id the next record gets
  std::size_t size() const { return size_; }
  std::size_t capacity() const { return slots_.size(); }
  bool empty() const { return size_ == 0; }
  // The record is kept (not yet dropped). One unsigned comparison: ids below first_id() wrap.
  bool holds(std::uint64_t id) const { return id - first_ < size_; }

  // Only for held ids.
  Record& operator[](std::uint64_t id) { return slots_[id & mask_]; }
  const Record& operator[](std::uint64_t id) const { return slots_[id & mask_]; }
  Record& front() { return slots_[first_ & mask_]; }

  // A new record (value-initialised) with id next_id(). Invalidates references to records.
  Record& push_back() {
    if (size_ == slots_.size()) grow();
    Record& r = slots_[(first_ + size_) & mask_];
    r = Record{};
    ++size_;
    return r;
  }
  void pop_front() {
    ++first_;
    --size_;
  }
  // An empty ring's next record gets id `id` (>= next_id()): the ids in between are skipped.
  void skip_to(std::uint64_t id) {
    if (empty() && id > first_) first_ = id;
  }
  // Hands each record at the front to `take(id, record)`, oldest first, and drops it, while
  // `condition(record)` holds.
  template <class Condition, class Take>
  void pop_front_while(Condition condition, Take take) {
    while (!empty() && condition(front())) {
      take(first_, front());
      pop_front();
    }
  }

 private:
  void grow() {
    std::vector<Record> bigger(slots_.empty() ? 64 : 2 * slots_.size());
    const std::uint64_t mask = bigger.size() - 1;
    for (std::uint64_t id = first_; id < first_ + size_; ++id)
      bigger[id & mask] = std::move(slots_[id & mask_]);
    slots_ = std::move(bigger);
    mask_ = mask;
  }

  std::vector<Record> slots_;
  std::uint64_t mask_ = 0;
  std::uint64_t first_ = 0;
  std::size_t size_ = 0;
};

}  // namespace surge
