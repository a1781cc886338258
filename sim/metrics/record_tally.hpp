#pragma once
// What the KPIs, the targets and "where it breaks" need of the customer orders and contacts,
// tallied as the order and contact books hand each record over (model/record_sink.hpp: once
// and in id order, when it is closed or at the end of the run), so that no record outlives
// its order or contact unless records were asked for (docs/kpis.md, "What a run keeps"). Per
// window and scope an OrderTally, per window and service node a ContactTally; per target its
// daily tallies (the first day it broke), its own service-level tally when it sets its own
// answer time, and its failing orders or contacts by where they waited first.
#include <array>
#include <cstdint>
#include <map>
#include <vector>

#include "surge/metrics/order_kpis.hpp"
#include "surge/metrics/run_result.hpp"
#include "surge/model/record_sink.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

class BindingCensus;

inline constexpr std::uint32_t kNoMatch = kNone - 1;

class RecordTally final : public RecordSink {
 public:
  // Per target: what its evaluation (metrics/targets.cpp) and its break (where it breaks,
  // metrics/binding_census.cpp) read.
  struct TargetTally {
    std::size_t window = 0;  // index into the windows; the target is not tallied if none
    bool tallied = false;
    // What its evaluation and its break read: the orders in its scope (an order metric) or the
    // contacts (a contact metric). The other kind is not tallied for it: nothing reads it.
    bool follows_orders = false, follows_contacts = false;
    // The target's scope as indices: kNone for "all", kNoMatch for an id the scenario lacks
    // (the loader refuses those; kept so that the tally reads as the definition).
    std::uint32_t node = kNone, product = kNone, market = kNone;
    Time answer_time = 0;  // a service-level target's threshold (metrics/targets.hpp)
    // Which orders in scope fail the target's metric, decided once from its name: not filled
    // from stock on arrival, not delivered on time (OTIF), or every order (the others).
    enum class Failing : std::uint8_t { not_from_stock, late, every } failing = Failing::every;
    bool counts_only_waited = false;       // lead-time targets: only orders that waited somewhere
    Time first_day = 0;                    // start of day 0 of the daily tallies
    std::vector<OrderTally> daily_orders;  // ratio metrics of orders, per day
    std::vector<ContactTally> daily_contacts;  // ratio metrics of contacts, per day
    ContactTally within;                       // a service-level target with its own answer time
    // Failing orders in scope, and how many of them waited first at each constraint
    // (order metrics); failing contacts per service node (contact metrics).
    double failing_orders = 0;
    std::map<int, double> failing_by_first_wait;
    std::vector<double> failing_contacts;  // per node index
  };

  // `census` gives each order's first wait as the order is handed over; `keep_records`: also
  // keep every record (the CLI's --records).
  RecordTally(const Scenario& scenario, std::vector<Window> windows, BindingCensus& census,
              bool keep_records);

  void take_order(std::uint64_t id, const CustomerOrder& order) override;
  void take_contact(std::uint64_t id, const Contact& contact) override;

  std::uint64_t orders_taken() const { return orders_taken_; }
  std::uint64_t contacts_taken() const { return contacts_taken_; }
  // The orders taken in each status, and the contacts taken finished, in service (answered,
  // not finished), abandoned and waiting: for the check that every one was tallied.
  double orders_taken(OrderStatus status) const {
    return order_statuses_[static_cast<std::size_t>(status)];
  }
  const std::array<double, 4>& contact_states() const { return contact_states_; }

  // The order scopes of a window: index (product + 1) * markets_plus_one() + (market + 1), 0
  // standing for "all". With one product (or one market) its scopes equal the broader ones and
  // are not tallied: read the source scope (source_scope()).
  std::size_t markets_plus_one() const { return scenario_.markets.size() + 1; }
  std::size_t source_scope(std::size_t scope) const;
  std::vector<OrderTally>& order_scopes(std::size_t window) { return orders_[window]; }
  // The lead times of a tallied scope's delivered orders. Only the finest scopes tallied keep
  // them (one value per delivered order, not one per scope it counts in: a large network
  // delivers tens of millions): a broader scope's are gathered into `buffer` from the finest
  // scopes it covers, in scope order (a quantile depends on the values only).
  std::vector<double>& lead_times(std::size_t window, std::size_t scope,
                                  std::vector<double>& buffer);
  // The contacts that arrived in a window at service node `node` (others: empty).
  const ContactTally& contacts(std::size_t window, std::size_t node) const {
    return contacts_[window][node];
  }
  const TargetTally& target(std::size_t k) const { return targets_[k]; }

  // The kept records, into result.orders and result.contacts (id order); the names their
  // numbers stand for are the collector's (RunResult::names).
  void move_records_into(RunResult& result);

 private:
  void tally_target_order(TargetTally& tally, const CustomerOrder& order, int first_wait);
  void tally_target_contact(TargetTally& tally, const Target& target, const Contact& contact);

  const Scenario& scenario_;
  std::vector<Window> windows_;
  BindingCensus& census_;
  bool keep_records_;
  bool by_product_, by_market_;
  std::vector<std::vector<OrderTally>> orders_;      // [window][scope]
  std::vector<std::vector<ContactTally>> contacts_;  // [window][node]
  std::vector<TargetTally> targets_;                 // in the scenario's target order
  std::uint64_t orders_taken_ = 0, contacts_taken_ = 0;
  std::array<double, 6> order_statuses_{};  // by OrderStatus
  std::array<double, 4> contact_states_{};  // finished, in service, abandoned, waiting
  std::vector<OrderRecord> order_records_;
  std::vector<ContactRecord> contact_records_;
};

}  // namespace surge
