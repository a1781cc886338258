#pragma once
// A fulfilment centre: stock plus a sequence of stations (pick, pack, ...) that every customer
// order passes in turn, then the carrier's daily collection at the cut-off time (or at once
// when no cut-off is set). The last mile itself belongs to the market.
#include <memory>
#include <vector>

#include "surge/nodes/service_queue.hpp"
#include "surge/nodes/stocking_node.hpp"

namespace surge {

// One station of a fulfilment centre, resolved: its spec, the calendar it works on (its own, or
// the centre's when it names none) and the stream of its service times.
struct FulfilmentStation {
  const Station& spec;
  const Calendar& calendar;
  RandomStream service_time;
};

class FulfilmentCentre : public StockingNode, public ServiceQueueOwner, public EventHandler {
 public:
  // `calendar` is the centre's: the carrier collects at the cut-off on its open days.
  // `stations` in the order orders pass them.
  FulfilmentCentre(World& world, const StockingSpec& setup, const Calendar& calendar,
                   std::vector<FulfilmentStation> stations);
  void start() override;

  void release(std::uint64_t order_id) override;
  void served(std::uint64_t order_id, int station) override;
  void handle(const Event& event) override;
  void add_to(Census& census) const override;

 private:
  void finished(std::uint64_t order_id);  // all stations done
  void ship(std::uint64_t order_id);
  Time next_collection(Time t) const;

  std::vector<std::unique_ptr<ServiceQueue>> stations_;
  const Calendar& calendar_;
  std::vector<std::uint64_t> awaiting_collection_;
  bool collection_scheduled_ = false;
  std::vector<double> in_process_units_;  // by product
  double in_process_orders_ = 0;
};

}  // namespace surge
