#pragma once
// Hands every publication to two observers, in order: the Collector (KPIs) and the binding
// census (metrics/binding_census.hpp), so each stays one concept. Both number the stock
// points and resources they register in the same order, so their indices agree; limits are
// numbered by whichever of them follows them.
//
// A template over the two concrete observers, which are `final`: the nodes make one virtual
// call into the tee, and the tee calls both directly (a publication one of them ignores, such
// as a flow to the census, compiles to nothing). Half a million resource updates per flagship
// replication made the second virtual call and its frame worth removing.
#include <string>

#include "surge/kernel/error.hpp"
#include "surge/model/observer.hpp"

namespace surge {

template <class First, class Second>
class ObserverTee final : public Observer {
 public:
  ObserverTee(First& first, Second& second) : first_(first), second_(second) {}
  int add_stock_point(std::uint32_t node, std::uint32_t product, double on_hand) override {
    return same(first_.add_stock_point(node, product, on_hand),
                second_.add_stock_point(node, product, on_hand));
  }
  int add_resource(std::uint32_t node, const std::string& name, ResourceKind kind,
                   double servers) override {
    return same(first_.add_resource(node, name, kind, servers),
                second_.add_resource(node, name, kind, servers));
  }
  int add_limit(LimitKind kind, std::uint32_t node, std::uint32_t other) override {
    return same(first_.add_limit(kind, node, other), second_.add_limit(kind, node, other));
  }
  void stock_changed(int i, Time t, double on_hand, double backlog, double on_order) override {
    first_.stock_changed(i, t, on_hand, backlog, on_order);
    second_.stock_changed(i, t, on_hand, backlog, on_order);
  }
  void resource_changed(int i, Time t, double waiting, double busy, double available) override {
    first_.resource_changed(i, t, waiting, busy, available);
    second_.resource_changed(i, t, waiting, busy, available);
  }
  void job_started(int i, Time t, Time waited) override {
    first_.job_started(i, t, waited);
    second_.job_started(i, t, waited);
  }
  void job_abandoned(int i, Time t, Time waited) override {
    first_.job_abandoned(i, t, waited);
    second_.job_abandoned(i, t, waited);
  }
  void flow(Flow kind, std::uint32_t node, std::uint32_t product, double units, double money,
            Time t) override {
    first_.flow(kind, node, product, units, money, t);
    second_.flow(kind, node, product, units, money, t);
  }
  void order_step(OrderStep step, std::uint64_t id, const CustomerOrder& order, Time t) override {
    first_.order_step(step, id, order, t);
    second_.order_step(step, id, order, t);
  }
  void job_queued(int i, std::uint64_t tag, Time t) override {
    first_.job_queued(i, tag, t);
    second_.job_queued(i, tag, t);
  }
  void limit_changed(int i, Time t, LimitState state, double held) override {
    first_.limit_changed(i, t, state, held);
    second_.limit_changed(i, t, state, held);
  }

 private:
  // One index for both: -1 from an observer that does not follow the kind.
  static int same(int a, int b) {
    if (a < 0) return b;
    if (b < 0) return a;
    SURGE_CHECK(a == b, "observer tee: the two observers numbered a registration differently");
    return a;
  }

  First& first_;
  Second& second_;
};

}  // namespace surge
