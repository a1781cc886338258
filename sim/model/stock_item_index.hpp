#pragma once
// Each node's stock item of each product, found by their numbers (places in the scenario's
// `nodes` and `products`): what the metrics ask once per stock point after a run (does it order
// from sources; which sources feed it). One index by hash, built once: a large network has
// hundreds of thousands of stock points, and a search of a node's inventory for each of them
// was quadratic.
#include <cstdint>
#include <unordered_map>

#include "surge/model/scenario.hpp"

namespace surge {

class StockItemIndex {
 public:
  // Indexes `scenario` as it is now; the scenario must outlive the index.
  explicit StockItemIndex(const Scenario& scenario);

  // The stock item of product number `product` at node number `node` (the first listed), or
  // nullptr when the node holds none.
  const StockItem* find(std::uint32_t node, std::uint32_t product) const {
    auto it = items_.find(key(node, product));
    return it == items_.end() ? nullptr : it->second;
  }

 private:
  static std::uint64_t key(std::uint32_t node, std::uint32_t product) {
    return (static_cast<std::uint64_t>(node) << 32) | product;
  }
  std::unordered_map<std::uint64_t, const StockItem*> items_;
};

}  // namespace surge
