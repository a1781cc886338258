#include "surge/model/contact_book.hpp"

#include <string>

namespace surge {
namespace {
bool closed(const Contact& c) { return c.finished >= 0 || c.abandoned >= 0; }
}  // namespace

std::uint64_t ContactBook::arrive(std::uint32_t node, ContactCause cause, Time t) {
  hand_over_closed();  // before the new contact may take a freed slot
  const std::uint64_t id = contacts_.next_id();
  Contact& c = contacts_.push_back();
  c.node = node;
  c.cause = cause;
  c.arrived = t;
  waiting_ += 1;
  return id;
}

void ContactBook::answer(std::uint64_t id, Time t) {
  Contact& c = kept_contact(id);
  SURGE_CHECK(c.answered < 0 && c.abandoned < 0,
              "contact " + std::to_string(id) + " answered twice or after it gave up");
  c.answered = t;
  waiting_ -= 1;
  in_service_ += 1;
}

void ContactBook::finish(std::uint64_t id, Time t) {
  Contact& c = kept_contact(id);
  SURGE_CHECK(c.answered >= 0 && c.finished < 0,
              "contact " + std::to_string(id) + " finished before it was answered, or twice");
  c.finished = t;
  in_service_ -= 1;
  finished_ += 1;
}

void ContactBook::abandon(std::uint64_t id, Time t) {
  Contact& c = kept_contact(id);
  SURGE_CHECK(c.answered < 0 && c.abandoned < 0,
              "contact " + std::to_string(id) + " gave up after it was answered, or twice");
  c.abandoned = t;
  waiting_ -= 1;
  abandoned_ += 1;
}

void ContactBook::hand_over(bool open_too) {
  contacts_.pop_front_while(
      [open_too](const Contact& contact) { return open_too || closed(contact); },
      [this](std::uint64_t id, const Contact& contact) { sink_->take_contact(id, contact); });
}

void ContactBook::hand_over_closed() {
  if (sink_) hand_over(false);
}

void ContactBook::flush() {
  SURGE_CHECK(sink_, "contact book: flush without a sink");
  hand_over(true);
}

}  // namespace surge
