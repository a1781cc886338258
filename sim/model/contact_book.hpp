#pragma once
// The contacts of a running model: a service node opens one when a customer calls and stamps
// when it was answered, finished or abandoned. A finished or abandoned contact is closed. Once
// a sink is attached (stream_to), each closed contact is handed to it in id order, when the
// next contact arrives after it and every earlier contact is closed, and its slot is recycled: the
// book keeps the contacts from the oldest open one on (those waiting or in service and the few
// behind them), not every contact of the run (docs/performance.md, "Memory").
#include <cstdint>
#include <string>

#include "surge/kernel/error.hpp"
#include "surge/model/entities.hpp"
#include "surge/model/id_ring.hpp"
#include "surge/model/record_sink.hpp"

namespace surge {

class ContactBook {
 public:
  // A customer of service node `node` calls now (at `t`); returns the contact's id.
  std::uint64_t arrive(std::uint32_t node, ContactCause cause, Time t);
  void answer(std::uint64_t id, Time t);
  void finish(std::uint64_t id, Time t);
  void abandon(std::uint64_t id, Time t);

  // A kept contact (not yet handed over).
  const Contact& operator[](std::uint64_t id) const { return contacts_[id]; }
  std::uint64_t arrived() const { return contacts_.next_id(); }  // contacts so far
  // Now: answered and finished, in service, abandoned, waiting (conservation check).
  double finished() const { return finished_; }
  double in_service() const { return in_service_; }
  double abandoned() const { return abandoned_; }
  double waiting() const { return waiting_; }
  std::size_t kept() const { return contacts_.size(); }
  std::size_t capacity() const { return contacts_.capacity(); }

  void stream_to(RecordSink* sink) { sink_ = sink; }
  // The end of the run: every contact still kept to the sink, in id order.
  void flush();

 private:
  Contact& kept_contact(std::uint64_t id) {
    SURGE_CHECK(contacts_.holds(id), "contact " + std::to_string(id) + " is not open");
    return contacts_[id];
  }
  void hand_over_closed();
  // Hands the contacts at the front to the sink while they are closed (or all, `open_too`).
  void hand_over(bool open_too);

  IdRing<Contact> contacts_;
  double finished_ = 0, in_service_ = 0, abandoned_ = 0, waiting_ = 0;
  RecordSink* sink_ = nullptr;
};

}  // namespace surge
