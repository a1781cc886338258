#include "surge/nodes/service_centre.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "surge/kernel/error.hpp"

namespace surge {

ServiceCentre::ServiceCentre(World& world, std::uint32_t node, const Node& spec,
                             const Calendar& calendar, Time horizon, DateAxis dates,
                             ServiceCentreStreams streams)
    : world_(world),
      node_(node),
      spec_(spec),
      calendar_(calendar),
      horizon_(horizon),
      dates_(dates),
      arrival_streams_(std::move(streams.arrivals)),
      callback_stream_(std::move(streams.callback)) {
  SURGE_CHECK(arrival_streams_.size() == spec_.arrivals.size(),
              "service centre: one random stream per standalone arrival stream");
  ServiceQueueSpec queue{node,          "agents",          ResourceKind::agents,
                         spec_.agents,  spec_.handle_time, &calendar_,
                         spec_.patience};
  agents_ = std::make_unique<ServiceQueue>(world, queue, std::move(streams.handle_time),
                                           std::move(streams.patience), *this, 0);
  for (std::size_t i = 0; i < spec_.arrivals.size(); ++i) {
    const ContactStream& s = spec_.arrivals[i];
    double peak = s.weekly.empty() ? 1.0 : *std::max_element(s.weekly.begin(), s.weekly.end());
    max_rate_.push_back(s.rate * peak);
  }
}

void ServiceCentre::start() {
  agents_->start();
  for (std::size_t i = 0; i < arrival_streams_.size(); ++i) schedule_arrival(i);
}

double ServiceCentre::rate_at(std::size_t stream, Time t) const {
  // Standalone callers call only while the centre is open.
  if (!calendar_.is_open(t)) return 0;
  const ContactStream& s = spec_.arrivals[stream];
  if (s.weekly.empty()) return s.rate;
  auto day = static_cast<long>(std::floor(t / kDay));
  return s.rate * s.weekly[static_cast<std::size_t>(dates_.weekday_of_day(day))];
}

void ServiceCentre::schedule_arrival(std::size_t stream) {
  // Thinning: candidates at the peak rate, each kept with probability rate(t) / peak.
  if (max_rate_[stream] <= 0) return;
  RandomStream& rng = arrival_streams_[stream];
  Time t = world_.sim.now();
  for (;;) {
    t += -std::log(1.0 - rng.uniform01()) / max_rate_[stream];
    if (t > horizon_) return;
    if (rng.uniform01() * max_rate_[stream] < rate_at(stream, t)) break;
  }
  world_.sim.schedule_at(t, this, kStandalone, stream);
}

void ServiceCentre::handle(const Event& event) {
  if (event.kind == kDeferred) {
    arrive(static_cast<ContactCause>(event.payload));
    return;
  }
  arrive(ContactCause::standalone);
  schedule_arrival(event.payload);
}

void ServiceCentre::contact(ContactCause cause) {
  // A contact raised while the centre is closed (an order placed at night) is made when it
  // next opens: the customer calls back at a uniformly random moment of its first open hour
  // (or of its first open stretch, if shorter), not all at the opening instant.
  Time now = world_.sim.now();
  if (calendar_.is_open(now)) {
    arrive(cause);
    return;
  }
  Time opens = calendar_.next_open(now);
  if (opens >= kNever) return;
  Time stretch = std::min(kHour, calendar_.next_change(opens) - opens);
  Time when = opens + stretch * callback_stream_.uniform01();
  if (when <= horizon_)
    world_.sim.schedule_at(when, this, kDeferred, static_cast<std::uint64_t>(cause));
}

void ServiceCentre::arrive(ContactCause cause) {
  agents_->arrive(world_.contacts.arrive(node_, cause, world_.sim.now()));
}

void ServiceCentre::started(std::uint64_t id, int) { world_.contacts.answer(id, world_.sim.now()); }
void ServiceCentre::served(std::uint64_t id, int) { world_.contacts.finish(id, world_.sim.now()); }
void ServiceCentre::abandoned(std::uint64_t id, int) {
  world_.contacts.abandon(id, world_.sim.now());
}

void ServiceCentre::add_to(Census& census) const {
  census.contacts_waiting += static_cast<double>(agents_->waiting());
  census.contacts_in_service += agents_->busy();
}

}  // namespace surge
