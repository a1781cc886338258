#pragma once
// The things that flow through a running model and are recorded for KPIs: customer orders
// and contacts. They live in pools owned by the World; events carry their index.
#include <cstdint>

#include "surge/kernel/time.hpp"

namespace surge {

inline constexpr std::uint32_t kNone = 0xffffffffu;

enum class OrderStatus : std::uint8_t {
  waiting,     // at the fulfilling node, not yet taken from stock (backordered)
  in_process,  // taken from stock (or being made), in stations or waiting for the carrier
  in_transit,  // handed to the carrier (shipped), not yet delivered
  delivered,
  lost,  // lost sale, or a backorder whose customer ran out of patience
};

struct CustomerOrder {
  std::uint32_t market = kNone, product = kNone, fulfiller = kNone;  // indices
  std::uint32_t campaign = kNone;  // campaign active for it when placed
  double quantity = 0;
  Time placed = 0;
  Time picked = -1;              // taken from stock (or production finished)
  Time shipped = -1;             // handed to the carrier
  Time delivery_scheduled = -1;  // when the carrier will deliver it, drawn when it ships
  Time delivered = -1;           // when it was delivered (the delivery event ran)
  OrderStatus status = OrderStatus::waiting;
  bool from_stock = false;   // filled complete from stock on arrival
  bool backordered = false;  // had to wait for stock
};

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
