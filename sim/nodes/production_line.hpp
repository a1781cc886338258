#pragma once
// A factory line making one product. Jobs are served first come first served, in batches of
// at most `batch` units. A batch consumes its components (bill of materials) when it starts
// and waits until all of them are on hand; its work advances only in the calendar's open
// hours, and its units are released together when it completes. A rate that changes over
// time applies to each unit from the one whose work starts after the change.
#include <cstdint>
#include <deque>
#include <vector>

#include "surge/kernel/event.hpp"
#include "surge/kernel/random.hpp"
#include "surge/model/calendar.hpp"
#include "surge/model/scenario.hpp"
#include "surge/model/world.hpp"

namespace surge {

// One line of a bill of materials: a component (product index) and the units of it that one
// unit of the product consumes.
struct Component {
  std::uint32_t product = 0;
  double per_unit = 0;
};

class ProductionLineOwner {
 public:
  virtual ~ProductionLineOwner() = default;
  // Takes the components of `units` of `product` if all are on hand; false otherwise.
  // `waiting`: this batch was refused before, so its needs are already on record.
  virtual bool take_components(std::uint32_t product, double units, bool waiting) = 0;
  // Every unit of a customer order has been made.
  virtual void order_made(std::uint64_t order_id) = 0;
};

class ProductionLine : public SupplySource, public EventHandler {
 public:
  // `node` and `product` are indices; a unit made costs `cost_per_unit`; work advances only in
  // the open hours of `calendar`; per-unit work times (a spec with `time`) come from
  // `time_stream`.
  ProductionLine(World& world, std::uint32_t node, const Line& line, std::uint32_t product,
                 double cost_per_unit, const Calendar& calendar, RandomStream time_stream,
                 ProductionLineOwner& owner);
  void start();

  // As a source: a replenishment request (or the factory's own finished-goods stock, with no
  // lane) is made and delivered batch by batch (`ship: as_made`) or whole once its last batch
  // is made (`ship: complete`); the quantity is rounded up to whole batches.
  bool can_ship_now(std::uint32_t, double) const override { return true; }
  double accept(const ReplenishmentRequest& request) override;
  // A customer order made to order; it ships when all its units are made.
  void make_order(std::uint64_t order_id);
  // Components arrived at the factory: a blocked batch may start.
  void components_arrived() { try_start(); }
  void handle(const Event& event) override;

  std::uint32_t product() const { return product_; }
  double held_units() const;  // made for orders not yet complete that leave whole
  double orders_in_process() const;

 private:
  enum Kind : std::uint32_t { kBatchDone, kCalendar };
  struct Job {
    bool customer = false;
    std::uint64_t order_id = 0;
    ReplenishmentRequest request;
    double remaining = 0;  // units not yet started
    double made = 0;       // units finished
    double total = 0;
    Time arrived = 0;
    bool started = false;
  };

  void add(Job job);
  // Whether the units a job has made wait at the line until the job is complete.
  bool holds_made_units(const Job& job) const;
  void try_start();
  Time batch_work(double units);
  Time batch_done(Time now, double units);  // when a batch of `units` started now completes
  // Publishes the line as a resource and as a limit; `held`: units just added that must wait.
  void publish(double held = 0);

  World& world_;
  std::uint32_t node_, product_;
  const Line& line_;
  const Calendar& calendar_;
  ProductionLineOwner& owner_;
  RandomStream time_stream_;
  int resource_ = -1;
  int limit_ = -1;
  double cost_per_unit_ = 0;
  double unstarted_ = 0;  // units accepted and not yet started (the line's backlog)
  std::deque<Job> jobs_;  // front is the job in work
  bool working_ = false;
  bool blocked_ = false;  // the front batch is waiting for components
  double batch_units_ = 0;
  bool open_ = true;
};

}  // namespace surge
