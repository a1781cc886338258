#pragma once
#include "surge/nodes/stocking_node.hpp"

namespace surge {

// A stocking node without stations: a customer order ships as soon as it leaves stock.
class Warehouse : public StockingNode {
 public:
  using StockingNode::StockingNode;
  void release(std::uint64_t order_id) override { hand_to_carrier(order_id); }
};

}  // namespace surge
