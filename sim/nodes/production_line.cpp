#include "surge/nodes/production_line.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace surge {

ProductionLine::ProductionLine(World& world, std::uint32_t node, const Line& line,
                               std::uint32_t product, double cost_per_unit,
                               const Calendar& calendar, RandomStream time_stream,
                               ProductionLineOwner& owner)
    : world_(world),
      node_(node),
      product_(product),
      line_(line),
      calendar_(calendar),
      owner_(owner),
      time_stream_(std::move(time_stream)),
      cost_per_unit_(cost_per_unit) {
  resource_ = world_.observer.add_resource(node, line.name, ResourceKind::line, 1.0);
  limit_ = world_.observer.add_limit(LimitKind::line, node, product);
}

void ProductionLine::start() {
  open_ = calendar_.is_open(world_.sim.now());
  Time change = calendar_.next_change(world_.sim.now());
  if (change < kNever) world_.sim.schedule_at(change, this, kCalendar, 0, kPriorityCalendar);
  publish();
}

double ProductionLine::accept(const ReplenishmentRequest& request) {
  Job job;
  job.request = request;
  job.total = std::ceil(request.units / line_.batch - 1e-9) * line_.batch;
  add(job);
  return job.total;
}

void ProductionLine::make_order(std::uint64_t order_id) {
  world_.orders.start_production(order_id);
  Job job;
  job.customer = true;
  job.order_id = order_id;
  job.total = world_.orders[order_id].quantity;
  add(job);
}

void ProductionLine::add(Job job) {
  job.remaining = job.total;
  job.arrived = world_.sim.now();
  jobs_.push_back(job);
  const double before = unstarted_;
  unstarted_ += job.total;
  try_start();
  publish(std::max(0.0, unstarted_ - before));
}

Time ProductionLine::batch_work(double units) {
  if (!line_.time) return units / line_.rate.base();
  Time work = 0;
  for (double u = 0; u < units; u += 1) work += line_.time->sample(time_stream_);
  return work;
}

Time ProductionLine::batch_done(Time now, double units) {
  if (line_.time || line_.rate.is_constant()) return calendar_.advance(now, batch_work(units));
  // A rate that changes: each unit is made at the rate in force when its work starts (the
  // first open instant after the unit before it), so a change applies from the next unit.
  Time t = now;
  for (double left = units; left > 0 && t < kNever; left -= 1) {
    Time starts = calendar_.next_open(t);
    if (starts >= kNever) return kNever;
    t = calendar_.advance(starts, std::min(1.0, left) / line_.rate.at(starts));
  }
  return t;
}

void ProductionLine::try_start() {
  if (working_ || jobs_.empty()) return;
  Job& job = jobs_.front();
  double units = std::min(line_.batch, job.remaining);
  if (!owner_.take_components(product_, units, blocked_)) {  // blocked until components arrive
    blocked_ = true;
    return;
  }
  blocked_ = false;
  Time now = world_.sim.now();
  if (!job.started) {
    job.started = true;
    world_.observer.job_started(resource_, now, now - job.arrived);
  }
  job.remaining -= units;
  unstarted_ = std::max(0.0, unstarted_ - units);
  batch_units_ = units;
  working_ = true;
  Time done = batch_done(now, units);
  if (done < kNever) world_.sim.schedule_at(done, this, kBatchDone);
  publish();
}

void ProductionLine::handle(const Event& event) {
  if (event.kind == kCalendar) {
    open_ = calendar_.is_open(world_.sim.now());
    Time change = calendar_.next_change(world_.sim.now());
    if (change < kNever) world_.sim.schedule_at(change, this, kCalendar, 0, kPriorityCalendar);
    publish();
    return;
  }
  // A batch is complete.
  working_ = false;
  double units = batch_units_;
  batch_units_ = 0;
  world_.observer.flow(Flow::produced, node_, product_, units, units * cost_per_unit_,
                       world_.sim.now());
  Job& job = jobs_.front();
  job.made += units;
  bool job_done = job.remaining <= 0;
  Job finished = job;
  if (job_done) jobs_.pop_front();
  if (!finished.customer) {
    // As made, each batch leaves when it completes; complete, the order's units wait at the
    // line (held, in process) and leave together with its last batch.
    const bool ships_now = line_.ship == LineShipping::as_made || job_done;
    const double shipped = line_.ship == LineShipping::as_made ? units : finished.made;
    if (ships_now && finished.request.lane)
      finished.request.lane->dispatch(product_, shipped, finished.request.deliver_to);
    else if (ships_now)
      finished.request.deliver_to->receive(shipped);
  } else if (job_done) {
    owner_.order_made(finished.order_id);
  }
  try_start();
  publish();
}

bool ProductionLine::holds_made_units(const Job& job) const {
  return job.customer || line_.ship == LineShipping::complete;
}

double ProductionLine::held_units() const {
  double held = 0;
  for (const Job& job : jobs_)
    if (holds_made_units(job)) held += job.made;
  // A batch in work is not counted: its components were consumed when it started and its
  // units exist only once it completes.
  return held;
}

double ProductionLine::orders_in_process() const {
  double n = 0;
  for (const Job& job : jobs_) n += job.customer ? 1 : 0;
  return n;
}

void ProductionLine::publish(double held) {
  double waiting = static_cast<double>(jobs_.size()) - (working_ ? 1.0 : 0.0);
  world_.observer.resource_changed(resource_, world_.sim.now(), std::max(0.0, waiting),
                                   open_ && working_ ? 1.0 : 0.0, open_ ? 1.0 : 0.0);
  world_.observer.limit_changed(limit_, world_.sim.now(),
                                unstarted_ > 1e-9 ? LimitState::at_capacity : LimitState::free,
                                held);
}

}  // namespace surge
