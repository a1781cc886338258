#pragma once
// Customer service: a pool of agents behind one queue. Contacts come from orders (through
// ContactCentre::contact) and from standalone streams (Poisson, with a weekly profile, during
// opening hours only). A contact raised while the centre is closed arrives during its next
// first open hour.
// Callers abandon when their patience runs out.
#include <memory>
#include <vector>

#include "surge/model/scenario.hpp"
#include "surge/nodes/service_queue.hpp"

namespace surge {

// The random streams of a service centre.
struct ServiceCentreStreams {
  RandomStream handle_time, patience;  // the agents' service and callers' patience
  RandomStream callback;               // when a contact raised while closed calls back
  std::vector<RandomStream> arrivals;  // one per standalone stream, as spec.arrivals
};

class ServiceCentre : public ContactCentre,
                      public ServiceQueueOwner,
                      public EventHandler,
                      public CensusSource {
 public:
  // `calendar` is the centre's; standalone arrivals and call-backs stop at `horizon`; their
  // weekly profiles follow the weekdays of `dates`.
  ServiceCentre(World& world, std::uint32_t node, const Node& spec, const Calendar& calendar,
                Time horizon, DateAxis dates, ServiceCentreStreams streams);
  void start();
  std::uint32_t index() const { return node_; }

  void contact(ContactCause cause) override;
  void started(std::uint64_t contact_id, int) override;
  void served(std::uint64_t contact_id, int) override;
  void abandoned(std::uint64_t contact_id, int) override;
  void handle(const Event& event) override;  // standalone arrivals
  void add_to(Census& census) const override;

 private:
  enum Kind : std::uint32_t { kStandalone, kDeferred };
  void arrive(ContactCause cause);
  void schedule_arrival(std::size_t stream);
  double rate_at(std::size_t stream, Time t) const;

  World& world_;
  std::uint32_t node_;
  const Node& spec_;
  const Calendar& calendar_;
  Time horizon_;
  DateAxis dates_;
  std::unique_ptr<ServiceQueue> agents_;
  std::vector<RandomStream> arrival_streams_;
  RandomStream callback_stream_;  // when deferred contacts call back
  std::vector<double> max_rate_;
};

}  // namespace surge
