#pragma once
// The end-of-run balances: units, orders and contacts. Each compares what the flows say must
// be somewhere with a census of where things actually are. A broken balance is a bug in
// Surge and throws ConservationError; the checked balances are returned for the record.
#include <string>
#include <vector>

#include "surge/kernel/error.hpp"
#include "surge/metrics/collector.hpp"
#include "surge/metrics/record_tally.hpp"
#include "surge/model/scenario.hpp"
#include "surge/model/world.hpp"

namespace surge {

class ConservationError : public InternalError {
 public:
  using InternalError::InternalError;
};

// `census` lists everything that holds units, orders or contacts at the end of the run.
std::vector<std::string> check_conservation(const Scenario& scenario, const World& world,
                                            const std::vector<const CensusSource*>& census,
                                            const Collector& collector);
// After the books are flushed: every order and contact was tallied exactly once, with the
// status the books count (the KPIs saw what the conservation check saw).
void check_all_tallied(const World& world, const RecordTally& records);

}  // namespace surge
