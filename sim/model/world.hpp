#pragma once
// The interfaces through which nodes reach one another, and the World: the running state of
// one replication that they share. Concrete nodes live in nodes/ and demand/; they meet only
// through these interfaces, so neither folder includes the other.
#include <cstdint>
#include <vector>

#include "surge/kernel/simulator.hpp"
#include "surge/model/contact_book.hpp"
#include "surge/model/entities.hpp"
#include "surge/model/observer.hpp"
#include "surge/model/order_book.hpp"

namespace surge {

// Takes units into stock (a stock point at the end of a lane).
class StockReceiver {
 public:
  virtual ~StockReceiver() = default;
  virtual void receive(double units) = 0;
};

// Moves units from one node to another (a lane).
class Transport {
 public:
  virtual ~Transport() = default;
  virtual void dispatch(std::uint32_t product, double units, StockReceiver* to) = 0;
};

// A replenishment order from a stock point to one of its sources.
struct ReplenishmentRequest {
  std::uint32_t product = kNone;
  double units = 0;
  StockReceiver* deliver_to = nullptr;
  Transport* lane = nullptr;  // from the source to the requester
};

// A node that can be a source of replenishment.
class SupplySource {
 public:
  virtual ~SupplySource() = default;
  // Could the whole request be shipped from stock right now? (decides primary vs backup)
  virtual bool can_ship_now(std::uint32_t product, double units) const = 0;
  // Accepts the request and returns the units that will eventually arrive (a supplier may
  // round up to its minimum order and multiple).
  virtual double accept(const ReplenishmentRequest& request) = 0;
};

// A node that fills customer orders (served_by of a market).
class OrderFulfiller {
 public:
  virtual ~OrderFulfiller() = default;
  // Takes a placed order: fills it from stock, or asks its market what a stock-out does to it,
  // or puts it into production (make to order).
  virtual void accept_order(std::uint64_t order_id) = 0;
  // A backordered order's customer gave up (the order book already says lost): the node
  // drops it from its backlog.
  virtual void withdraw(std::uint64_t order_id) = 0;
};

// The market side of a customer order, as the node that fills it sees it: what a stock-out
// does to the order (the market's on_stockout and patience, which no node reads), and the
// last mile that takes the finished order.
class CustomerMarket {
 public:
  virtual ~CustomerMarket() = default;
  // The order cannot be filled from stock on arrival. True: it waits for stock (the market
  // has backordered it in the order book); false: the market has lost it.
  virtual bool waits_for_stock(std::uint64_t order_id) = 0;
  // The order is finished: the carrier takes it (shipped) and will deliver it.
  virtual void hand_over(std::uint64_t order_id) = 0;
};

// A service node (customer service) that takes contacts.
class ContactCentre {
 public:
  virtual ~ContactCentre() = default;
  virtual void contact(ContactCause cause) = 0;
};

// Where units, orders and contacts are right now (for the conservation check, which compares
// it with what the flows say should be there).
struct Census {
  std::vector<double> on_hand, in_transit, in_process;  // units per product
  double orders_waiting = 0, orders_in_process = 0, orders_in_transit = 0;
  double contacts_waiting = 0, contacts_in_service = 0;
  explicit Census(std::size_t products)
      : on_hand(products, 0.0), in_transit(products, 0.0), in_process(products, 0.0) {}
};

class CensusSource {
 public:
  virtual ~CensusSource() = default;
  virtual void add_to(Census& census) const = 0;
};

// The running state of one replication that its nodes share: the clock, where they publish,
// the order book and the contact book. It holds no node and no scenario: each node is
// given its spec, its random streams and its collaborators when it is built
// (experiment/replication/model_builder.cpp), so a node's constructor shows all it depends on.
class World {
 public:
  explicit World(Observer& observer) : observer(observer), orders(sim, observer) {}
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  Simulator sim;
  Observer& observer;
  OrderBook orders;
  ContactBook contacts;
};

}  // namespace surge
