#include "surge/nodes/service_queue.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace surge {

ServiceQueue::ServiceQueue(World& world, ServiceQueueSpec spec, RandomStream service_stream,
                           RandomStream patience_stream, ServiceQueueOwner& owner, int queue_id)
    : world_(world),
      spec_(std::move(spec)),
      owner_(owner),
      queue_id_(queue_id),
      service_stream_(std::move(service_stream)),
      patience_stream_(std::move(patience_stream)) {
  servers_ = spec_.servers.at(world_.sim.now());
  // The most servers it ever has: a pool unlimited at any time reports no utilisation.
  resource_ =
      world_.observer.add_resource(spec_.node, spec_.name, spec_.kind, spec_.servers.max_value());
}

void ServiceQueue::start() {
  open_ = spec_.calendar->is_open(world_.sim.now());
  Time change = spec_.calendar->next_change(world_.sim.now());
  if (change < kNever) world_.sim.schedule_at(change, this, kCalendar, 0, kPriorityCalendar);
  servers_ = spec_.servers.at(world_.sim.now());
  schedule_capacity_change();
  publish();
}

void ServiceQueue::schedule_capacity_change() {
  Time change = spec_.servers.next_change(world_.sim.now());
  if (change < kNever) world_.sim.schedule_at(change, this, kCapacity, 0, kPriorityCalendar);
}

std::uint32_t ServiceQueue::new_slot() {
  if (!free_slots_.empty()) {
    std::uint32_t slot = free_slots_.back();
    free_slots_.pop_back();
    return slot;
  }
  jobs_.emplace_back();
  return static_cast<std::uint32_t>(jobs_.size() - 1);
}

void ServiceQueue::release_slot(std::uint32_t slot) {
  jobs_[slot].state = JobState::free;
  ++jobs_[slot].generation;
  free_slots_.push_back(slot);
}

void ServiceQueue::arrive(std::uint64_t tag) {
  std::uint32_t slot = new_slot();
  Job& job = jobs_[slot];
  job.tag = tag;
  job.arrived = world_.sim.now();
  job.state = JobState::waiting;
  if (has_free_server() && waiting_count_ == 0) {
    start_service(slot);
  } else {
    queue_.push_back(slot);
    ++waiting_count_;
    world_.observer.job_queued(resource_, tag, job.arrived);
    if (spec_.patience) {
      std::uint64_t payload = (static_cast<std::uint64_t>(job.generation) << 32) | slot;
      world_.sim.schedule(spec_.patience->sample(patience_stream_), this, kAbandon, payload);
    }
  }
  publish();
}

void ServiceQueue::start_service(std::uint32_t slot) {
  Job& job = jobs_[slot];
  job.state = JobState::in_service;
  busy_ += 1;
  Time now = world_.sim.now();
  world_.observer.job_started(resource_, now, now - job.arrived);
  owner_.started(job.tag, queue_id_);
  world_.sim.schedule(spec_.service_time.sample(service_stream_), this, kDone, slot);
}

void ServiceQueue::dispatch_waiting() {
  while (has_free_server() && !queue_.empty()) {
    std::uint32_t slot = queue_.front();
    queue_.pop_front();
    if (jobs_[slot].state == JobState::abandoned) {
      release_slot(slot);
      continue;
    }
    --waiting_count_;
    start_service(slot);
  }
}

void ServiceQueue::handle(const Event& event) {
  switch (event.kind) {
    case kDone: {
      auto slot = static_cast<std::uint32_t>(event.payload);
      Job& job = jobs_[slot];
      std::uint64_t tag = job.tag;
      release_slot(slot);
      busy_ -= 1;
      dispatch_waiting();
      publish();
      owner_.served(tag, queue_id_);
      break;
    }
    case kAbandon: {
      auto slot = static_cast<std::uint32_t>(event.payload & 0xffffffffu);
      auto generation = static_cast<std::uint32_t>(event.payload >> 32);
      Job& job = jobs_[slot];
      if (job.generation != generation || job.state != JobState::waiting) break;
      std::uint64_t tag = job.tag;
      world_.observer.job_abandoned(resource_, world_.sim.now(), world_.sim.now() - job.arrived);
      // The slot stays in queue_ until it reaches the front and is released there, so it is
      // never reused while the queue still refers to it.
      job.state = JobState::abandoned;
      --waiting_count_;
      while (!queue_.empty() && jobs_[queue_.front()].state == JobState::abandoned) {
        release_slot(queue_.front());
        queue_.pop_front();
      }
      publish();
      owner_.abandoned(tag, queue_id_);
      break;
    }
    case kCalendar: {
      open_ = spec_.calendar->is_open(world_.sim.now());
      Time change = spec_.calendar->next_change(world_.sim.now());
      if (change < kNever) world_.sim.schedule_at(change, this, kCalendar, 0, kPriorityCalendar);
      dispatch_waiting();
      publish();
      break;
    }
    case kCapacity: {
      // More servers start waiting jobs at once; fewer take effect as busy ones finish.
      servers_ = spec_.servers.at(world_.sim.now());
      schedule_capacity_change();
      dispatch_waiting();
      publish();
      break;
    }
  }
}

void ServiceQueue::publish() {
  // Work that runs on after its server was taken away (or after closing time) is neither
  // available nor busy time: utilisation stays a share of the scheduled, open server-hours.
  double available = open_ ? servers_ : 0.0;
  double busy_open = open_ ? std::min(busy_, available) : 0.0;
  world_.observer.resource_changed(resource_, world_.sim.now(), static_cast<double>(waiting_count_),
                                   busy_open, available);
}

}  // namespace surge
