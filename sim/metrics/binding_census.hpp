#pragma once
// The census of binding constraints (docs/kpis.md, "Binding constraints" and "Where it
// breaks"). An observer of what nodes publish: it follows every stock point, station, agent
// pool, production line, capacity-limited lane and supplier product, and records per window
// how long each bound, when it first bound and how much work it held up; while a stock point or
// line binds, how long each of its sources bound with it (what it waited on upstream); and for
// every open customer order the first constraint it waited on, until the order is handed to
// the record tally (first_wait_of). After the run it says, for each missed target, where it
// breaks, from what the tally counted (metrics/record_tally.hpp).
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "surge/metrics/record_tally.hpp"
#include "surge/metrics/run_result.hpp"
#include "surge/model/entities.hpp"
#include "surge/model/id_ring.hpp"
#include "surge/model/observer.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

enum class ConstraintKind : std::uint8_t { stock, station, agents, line, lane, supplier };
const char* to_string(ConstraintKind kind);
// What binding means for a kind, in words: "out of stock", "line at capacity", ...
std::string binding_phrase(ConstraintKind kind, bool down = false);

// A share of the downstream constraint's bound time that an upstream one must bind with it to
// be named its cause (docs/kpis.md).
inline constexpr double kUpstreamShare = 0.25;

class BindingCensus final : public Observer {
 public:
  BindingCensus(const Scenario& scenario, std::vector<Window> windows);

  int add_stock_point(std::uint32_t node, std::uint32_t product, double on_hand) override;
  int add_resource(std::uint32_t node, const std::string& name, ResourceKind kind,
                   double servers) override;
  int add_limit(LimitKind kind, std::uint32_t node, std::uint32_t other) override;
  // Call once every node is registered and before the run: links each stock point and line
  // to the constraints upstream of it.
  void link();

  void stock_changed(int stock_point, Time t, double on_hand, double backlog,
                     double on_order) override;
  // Inline, like the Collector's: the ObserverTee calls the census directly, and most
  // publications change nothing here (a resource that stays bound or free, an order step the
  // census does not follow).
  void resource_changed(int resource, Time t, double waiting, double busy,
                        double available) override {
    const int index = resource_[static_cast<std::size_t>(resource)];
    if (index < 0) return;
    // A queue and every open server busy. With none open (0 scheduled, or closed by its
    // calendar) all of its 0 servers are busy: waiting work binds it (docs/kpis.md), whatever
    // the publisher reports as busy then.
    set_bound(index, t, waiting > 0 && (available <= 0 || busy >= available));
  }
  void job_started(int, Time, Time) override {}
  void job_abandoned(int, Time, Time) override {}
  void flow(Flow, std::uint32_t, std::uint32_t, double, double, Time) override {}
  void order_step(OrderStep step, std::uint64_t order_id, const CustomerOrder& order,
                  Time t) override {
    if (step == OrderStep::backordered || step == OrderStep::lost ||
        step == OrderStep::production_started)
      note_order_step(step, order_id, order, t);
  }
  void job_queued(int resource, std::uint64_t tag, Time t) override;
  void limit_changed(int limit, Time t, LimitState state, double held) override;

  // Closes every open period at the end of the run.
  void finish(Time end);
  // The constraint order `id` waited on first (-1: none), forgotten once asked: the record
  // tally asks for each order once, in id order, as the order book hands it over.
  int first_wait_of(std::uint64_t order_id);
  // Fills result.census and, from result.targets (evaluated) and the failing orders and
  // contacts the tally counted, result.breaks.
  void report(const RecordTally& records, RunResult& result) const;

 private:
  struct Constraint {
    std::string name;
    ConstraintKind kind;
    std::uint32_t node, other;  // other: product (stock, line, supplier) or destination (lane)
    bool bound = false, down = false;
    Time since = 0, down_since = 0;
    double on_hand = 0, backlog = 0;  // a stock point's last published levels
    bool lost_short = false;          // a stock point that lost demand since its last receipt
    std::vector<double> bound_hours, first_bound, held, down_hours;  // per window
    std::vector<int> pairs;  // indices into pairs_ where it is either side
  };
  // A downstream constraint and one of its sources: how long they bound together.
  struct Pair {
    int down, up;
    Time since = -1;              // both bound since then; -1 when not
    std::vector<double> overlap;  // per window
  };

  int add(std::string name, ConstraintKind kind, std::uint32_t node, std::uint32_t other);
  int find(ConstraintKind kind, std::uint32_t node, std::uint32_t other) const;
  // Inline for the common call, which changes nothing (a resource update that leaves it
  // bound or free as it was); change_bound() does the bookkeeping otherwise.
  void set_bound(int c, Time t, bool bound, bool down = false) {
    const Constraint& now = constraints_[static_cast<std::size_t>(c)];
    if (bound == now.bound && !down && !now.down) return;
    change_bound(c, t, bound, down);
  }
  void change_bound(int c, Time t, bool bound, bool down);
  void add_held(Constraint& c, Time t, double amount);
  void note_first_wait(std::uint64_t order_id, int c);
  // The steps order_step() follows: where the order waited first, stock lost on arrival.
  void note_order_step(OrderStep step, std::uint64_t order_id, const CustomerOrder& order, Time t);
  // [from, to) credited to `per_window`; `first` (if given) takes the first moment in each.
  void credit(std::vector<double>& per_window, Time from, Time to,
              std::vector<double>* first = nullptr) const;
  // The source of constraint `c` that bound longest with it in window `w`, if long enough.
  int best_upstream(int c, std::size_t w, double* hours = nullptr) const;
  std::string phrase(int c, std::size_t w) const;
  std::string chain(int head, std::size_t w) const;
  TargetBreak break_of(const Target& target, const TargetResult& evaluated,
                       const RecordTally::TargetTally& tally, std::size_t w) const;

  const Scenario& scenario_;
  std::vector<Window> windows_;
  std::vector<Constraint> constraints_;
  std::vector<Pair> pairs_;
  std::vector<int> stock_, resource_, limit_;  // publication index -> constraint (-1: none)
  std::map<std::tuple<ConstraintKind, std::uint32_t, std::uint32_t>, int> by_key_;
  // Per order id from the oldest not yet asked for, up to the last order that waited: the
  // constraint it waited on first, -1 none. Orders handed over leave the front
  // (first_wait_of). A ring, not a deque: a deque grown by one entry at a time cost more
  // than the census's whole bookkeeping of the order.
  struct FirstWait {
    std::int32_t constraint = -1;
  };
  IdRing<FirstWait> first_wait_;
};

}  // namespace surge
