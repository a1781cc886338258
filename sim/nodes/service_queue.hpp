#pragma once
// A pool of identical servers in front of one FIFO queue: fulfilment stations, customer-service
// agents. Servers start work only while their calendar is open and finish what they started
// (non-preemptive). Their number follows a schedule (model/capacity_schedule.hpp): a server
// taken away while busy finishes its job, and no job starts until fewer are busy than the
// schedule allows. Waiting jobs may abandon when their patience runs out. Zero servers and
// unlimited servers are both allowed.
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "surge/kernel/event.hpp"
#include "surge/kernel/random.hpp"
#include "surge/model/calendar.hpp"
#include "surge/model/capacity_schedule.hpp"
#include "surge/model/distribution.hpp"
#include "surge/model/world.hpp"

namespace surge {

class ServiceQueueOwner {
 public:
  virtual ~ServiceQueueOwner() = default;
  virtual void started(std::uint64_t /*tag*/, int /*queue*/) {}
  virtual void served(std::uint64_t tag, int queue) = 0;
  virtual void abandoned(std::uint64_t /*tag*/, int /*queue*/) {}
};

struct ServiceQueueSpec {
  std::uint32_t node = 0;  // index (what it publishes is attributed to it)
  std::string name;        // resource name within the node
  ResourceKind kind = ResourceKind::station;
  CapacitySchedule servers = 1;
  Distribution service_time;
  const Calendar* calendar = nullptr;
  std::optional<Distribution> patience;
};

class ServiceQueue : public EventHandler {
 public:
  // Service times are drawn from `service_stream`, patience (when the spec has one) from
  // `patience_stream`; `queue_id` names this queue in the owner's callbacks.
  ServiceQueue(World& world, ServiceQueueSpec spec, RandomStream service_stream,
               RandomStream patience_stream, ServiceQueueOwner& owner, int queue_id);

  void start();  // call once before the run: schedules calendar changes
  void arrive(std::uint64_t tag);
  void handle(const Event& event) override;

  std::size_t waiting() const { return waiting_count_; }
  double busy() const { return busy_; }
  const ServiceQueueSpec& spec() const { return spec_; }

 private:
  enum Kind : std::uint32_t { kDone, kAbandon, kCalendar, kCapacity };
  enum class JobState : std::uint8_t { free, waiting, in_service, abandoned };
  struct Job {
    std::uint64_t tag = 0;
    Time arrived = 0;
    std::uint32_t generation = 0;  // guards against stale abandon events after slot reuse
    JobState state = JobState::free;
  };

  std::uint32_t new_slot();
  void release_slot(std::uint32_t slot);
  void start_service(std::uint32_t slot);
  void dispatch_waiting();
  void publish();
  bool has_free_server() const { return open_ && busy_ < servers_; }
  void schedule_capacity_change();

  World& world_;
  ServiceQueueSpec spec_;
  ServiceQueueOwner& owner_;
  int queue_id_;
  int resource_ = -1;
  RandomStream service_stream_, patience_stream_;
  std::vector<Job> jobs_;
  std::vector<std::uint32_t> free_slots_;
  std::deque<std::uint32_t> queue_;  // may hold abandoned slots; skipped lazily
  std::size_t waiting_count_ = 0;
  double busy_ = 0;
  double servers_ = 0;  // what the schedule gives now (the calendar may still close them)
  bool open_ = true;
};

}  // namespace surge
