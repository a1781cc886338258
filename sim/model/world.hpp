#pragma once
// The running state of one replication that every node shares: the clock, the scenario, the
// random streams, the order book and contact records, and the interfaces through which nodes
// reach one another. Concrete nodes live in nodes/ and demand/; they meet only through these
// interfaces, so neither folder includes the other.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "surge/kernel/random.hpp"
#include "surge/kernel/simulator.hpp"
#include "surge/model/entities.hpp"
#include "surge/model/observer.hpp"
#include "surge/model/order_book.hpp"
#include "surge/model/scenario.hpp"

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

class World {
 public:
  World(const Scenario& scenario, std::uint64_t replication, Observer& observer);

  Simulator sim;
  const Scenario& scenario;
  const std::uint64_t replication;
  Observer& observer;

  OrderBook orders;
  std::vector<Contact> contacts;

  // Indices of scenario entities (position in the scenario's vectors).
  std::uint32_t product_index(const std::string& id) const;
  std::uint32_t node_index(const std::string& id) const;
  std::uint32_t market_index(const std::string& id) const;
  const Calendar& calendar(const std::string& name) const;  // "" = always open

  // The stream for (this replication, entity, purpose); see kernel/random.hpp.
  RandomStream stream(std::string_view entity, std::string_view purpose) const;

  // Wiring, filled while the model is built (indexed by node or market index).
  std::vector<SupplySource*> sources;           // per node, null if it cannot supply
  std::vector<OrderFulfiller*> fulfillers;      // per node, null if it does not fill orders
  std::vector<ContactCentre*> contact_centres;  // per node, null if not a service node
  std::vector<CustomerMarket*> markets;         // per market
  std::vector<CensusSource*> census_sources;    // everything that holds units, orders, contacts
  Transport* lane(std::uint32_t from, std::uint32_t to) const;
  std::vector<std::vector<Transport*>> lanes;  // [from][to]

  std::uint64_t new_contact() {
    contacts.emplace_back();
    return contacts.size() - 1;
  }

 private:
  Calendar always_open_;
};

}  // namespace surge
