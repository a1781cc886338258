#pragma once
// What nodes publish. Nodes call these as things happen; metrics/ decides what to aggregate
// and io/ what to write. Orders and contacts are also kept whole as records while open (the
// OrderBook and the ContactBook, which hand them to the KPI tally once closed), so what passes
// through here are flows, state changes and the steps of each order's life.
#include <cstdint>
#include <string>

#include "surge/kernel/time.hpp"

namespace surge {

struct CustomerOrder;  // model/entities.hpp

// Flows of units, by the product they concern. Each is counted once, when it happens.
enum class Flow : std::uint8_t {
  supplied,     // a supplier dispatched units (they enter a lane)
  produced,     // a factory line finished units
  consumed,     // a factory line used components (bill of materials)
  transported,  // units dispatched on a lane (cost and throughput)
  shipped,      // units of customer orders handed to the carrier (they leave the network)
  ordered,      // a stock point ordered units from its sources (what they accepted)
  demanded,     // units requested from a stock point (customer, downstream or production)
};

enum class ResourceKind : std::uint8_t { station, line, agents };
const char* to_string(ResourceKind kind);

// Limits on flow whose state the stock and resource publications do not show (docs/kpis.md,
// "Binding constraints"): a production line's backlog, a capacity-limited lane's loading, a
// supplier's dispatch of one product.
enum class LimitKind : std::uint8_t { line, lane, supplier };
const char* to_string(LimitKind kind);
// free: it holds up nothing; at_capacity: work waits for its capacity (a line with units it
// has accepted but not started, a lane or supplier loading at its rate); down: a supplier in
// an outage with orders it has accepted and not dispatched.
enum class LimitState : std::uint8_t { free, at_capacity, down };

// The steps of a customer order's life, each published once by the OrderBook when it happens
// (docs/model.md, "The life of a customer order").
enum class OrderStep : std::uint8_t {
  placed,               // -> placed: its market created it
  filled_from_stock,    // placed -> in_process: whole from stock on arrival
  backordered,          // placed -> backordered: waits for stock
  lost,                 // placed or backordered -> lost
  filled_from_backlog,  // backordered -> in_process: stock arrived
  production_started,   // placed -> in_process: a make-to-order line took it
  made,                 // in_process: its last unit was made (status unchanged)
  shipped,              // in_process -> in_transit: handed to the carrier
  delivered,            // in_transit -> delivered: the last mile is done
};
const char* to_string(OrderStep step);

class Observer {
 public:
  virtual ~Observer() = default;

  // Registration while the model is built; the returned index names it in later calls.
  virtual int add_stock_point(std::uint32_t node, std::uint32_t product, double on_hand) = 0;
  virtual int add_resource(std::uint32_t node, const std::string& name, ResourceKind kind,
                           double servers) = 0;

  virtual void stock_changed(int stock_point, Time t, double on_hand, double backlog,
                             double on_order) = 0;
  // waiting: jobs queued; busy: servers working while open; available: servers open now.
  virtual void resource_changed(int resource, Time t, double waiting, double busy,
                                double available) = 0;
  virtual void job_started(int resource, Time t, Time waited) = 0;
  virtual void job_abandoned(int resource, Time t, Time waited) = 0;
  virtual void flow(Flow kind, std::uint32_t node, std::uint32_t product, double units,
                    double money, Time t) = 0;
  // A step of an order's life; `order` is its record after the step. The KPIs tally the
  // records as the order book hands them over, so an observer that needs no step-by-step
  // view (the Collector) ignores these.
  virtual void order_step(OrderStep /*step*/, std::uint64_t /*order_id*/,
                          const CustomerOrder& /*order*/, Time /*t*/) {}

  // The binding-constraint census (metrics/binding_census.hpp) reads these; the Collector
  // ignores them. A job `tag` (an order id at a station, a contact id at an agent pool) found
  // every server busy (or the calendar closed) and queued.
  virtual void job_queued(int /*resource*/, std::uint64_t /*tag*/, Time /*t*/) {}
  // Registers a limit: a line (node = factory, other = product), a lane (node = from, other =
  // to) or a supplier's product (node = supplier, other = product). -1 when not followed.
  virtual int add_limit(LimitKind /*kind*/, std::uint32_t /*node*/, std::uint32_t /*other*/) {
    return -1;
  }
  // The limit's state from t on; `held`: units that this change made wait (0 if none).
  virtual void limit_changed(int /*limit*/, Time /*t*/, LimitState /*state*/, double /*held*/) {}
};

}  // namespace surge
