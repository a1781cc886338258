#pragma once
// The end-of-run balances: units, orders and contacts. Each compares what the flows say must
// be somewhere with a census of where things actually are. A broken balance is a bug in
// Surge and throws ConservationError; the checked balances are returned for the record.
#include <string>
#include <vector>

#include "surge/kernel/error.hpp"
#include "surge/metrics/collector.hpp"
#include "surge/model/world.hpp"

namespace surge {

class ConservationError : public InternalError {
 public:
  using InternalError::InternalError;
};

std::vector<std::string> check_conservation(const World& world, const Collector& collector);

}  // namespace surge
