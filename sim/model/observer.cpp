#include "surge/model/observer.hpp"

namespace surge {

const char* to_string(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::station: return "station";
    case ResourceKind::line: return "line";
    case ResourceKind::agents: return "agents";
  }
  return "?";
}

const char* to_string(LimitKind kind) {
  switch (kind) {
    case LimitKind::line: return "line";
    case LimitKind::lane: return "lane";
    case LimitKind::supplier: return "supplier";
  }
  return "?";
}

const char* to_string(OrderStep step) {
  switch (step) {
    case OrderStep::placed: return "placed";
    case OrderStep::filled_from_stock: return "filled_from_stock";
    case OrderStep::backordered: return "backordered";
    case OrderStep::lost: return "lost";
    case OrderStep::filled_from_backlog: return "filled_from_backlog";
    case OrderStep::production_started: return "production_started";
    case OrderStep::made: return "made";
    case OrderStep::shipped: return "shipped";
    case OrderStep::delivered: return "delivered";
  }
  return "?";
}

}  // namespace surge
