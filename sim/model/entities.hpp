#pragma once
// The things that flow through a running model and are recorded for KPIs: customer orders
// and contacts. Orders live in the OrderBook (model/order_book.hpp), which owns every change
// of their status; contacts in the ContactBook (model/contact_book.hpp). Events carry their
// id. Both books keep a record only while it is open (or behind an open one), then hand it
// to the KPI tally (model/record_sink.hpp).
#include <cstdint>

#include "surge/kernel/time.hpp"

namespace surge {

inline constexpr std::uint32_t kNone = 0xffffffffu;

// The life of a customer order (docs/model.md, "The life of a customer order"). Only the
// OrderBook changes it, along the transitions that file lists.
enum class OrderStatus : std::uint8_t {
  placed,       // created by its market, not yet taken by the node that fills it
  backordered,  // at the fulfilling node, waiting for stock
  in_process,   // taken from stock (or being made), in stations or waiting for the carrier
  in_transit,   // handed to the carrier (shipped), not yet delivered
  delivered,
  lost,  // lost sale, or a backorder whose customer ran out of patience
};
const char* to_string(OrderStatus status);

struct CustomerOrder {
  std::uint32_t market = kNone, product = kNone, fulfiller = kNone;  // indices
  std::uint32_t campaign = kNone;  // campaign active for it when placed
  double quantity = 0;
  Time placed = 0;
  Time picked = -1;              // taken from stock (or production finished)
  Time shipped = -1;             // handed to the carrier
  Time delivery_scheduled = -1;  // when the carrier will deliver it, drawn when it ships
  Time delivered = -1;           // when it was delivered (the delivery event ran)
  OrderStatus status = OrderStatus::placed;
  bool from_stock = false;       // filled complete from stock on arrival
  bool was_backordered = false;  // had to wait for stock
};

// "On time", defined once (docs/kpis.md): delivered no later than placed + promise. `delivery`
// is a delivery time (the actual one, or the one the carrier scheduled); < 0 means none. The
// 1e-9 h (4 microseconds) of slack keeps durations that add up to exactly the promise on
// time although their floating-point sum may round a bit above it.
inline constexpr Time kOnTimeSlack = 1e-9;
inline bool on_time(Time delivery, Time placed, Time promise) {
  return delivery >= 0 && delivery - placed <= promise + kOnTimeSlack;
}

enum class ContactCause : std::uint8_t { order, late_order, campaign, standalone };
const char* to_string(ContactCause cause);

struct Contact {
  std::uint32_t node = kNone;  // service node index
  ContactCause cause = ContactCause::standalone;
  Time arrived = 0;
  Time answered = -1;   // service started
  Time finished = -1;   // service ended
  Time abandoned = -1;  // gave up waiting
};

}  // namespace surge
