#include "surge/model/entities.hpp"

namespace surge {

const char* to_string(OrderStatus status) {
  switch (status) {
    case OrderStatus::placed: return "placed";
    case OrderStatus::backordered: return "backordered";
    case OrderStatus::in_process: return "in_process";
    case OrderStatus::in_transit: return "in_transit";
    case OrderStatus::delivered: return "delivered";
    case OrderStatus::lost: return "lost";
  }
  return "?";
}

const char* to_string(ContactCause cause) {
  switch (cause) {
    case ContactCause::order: return "order";
    case ContactCause::late_order: return "late_order";
    case ContactCause::campaign: return "campaign";
    case ContactCause::standalone: return "standalone";
  }
  return "?";
}

}  // namespace surge
