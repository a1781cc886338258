#pragma once
// What nodes publish. Nodes call these as things happen; metrics/ decides what to aggregate
// and io/ what to write. Orders and contacts are recorded in the World's pools instead (their
// whole life is one record), so only flows and state changes pass through here.
#include <cstdint>
#include <string>

#include "surge/kernel/time.hpp"

namespace surge {

// Flows of units, by the product they concern. Each is counted once, when it happens.
enum class Flow : std::uint8_t {
  supplied,     // a supplier dispatched units (they enter a lane)
  produced,     // a factory line finished units
  consumed,     // a factory line used components (bill of materials)
  transported,  // units dispatched on a lane (cost and throughput)
  delivered,    // units handed to customers' carrier (leave the network)
  ordered,      // a stock point ordered units from its sources (what they accepted)
  demanded,     // units requested from a stock point (customer, downstream or production)
};

enum class ResourceKind : std::uint8_t { station, line, agents };
const char* to_string(ResourceKind kind);

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
};

}  // namespace surge
