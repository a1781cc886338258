#pragma once
// Where the OrderBook and the ContactBook hand each customer order and contact once they are
// done with it. A record is handed over exactly once and in id order: when it and every
// record before it are closed (an order delivered or lost; a contact finished or abandoned),
// and at the end of the run (flush) for the ones still kept, open or not. The receiver tallies
// what the KPIs need (metrics/record_tally.hpp) and, if records were asked for, keeps them;
// the book then recycles the slot. Id order keeps every sum in the order the records were
// created, so the KPIs do not depend on when orders close.
#include <cstdint>

#include "surge/model/entities.hpp"

namespace surge {

class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual void take_order(std::uint64_t id, const CustomerOrder& order) = 0;
  virtual void take_contact(std::uint64_t id, const Contact& contact) = 0;
};

}  // namespace surge
