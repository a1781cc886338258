#include "surge/model/stock_item_index.hpp"

#include <string_view>

namespace surge {

StockItemIndex::StockItemIndex(const Scenario& scenario) {
  std::unordered_map<std::string_view, std::uint32_t> product_number;
  for (std::uint32_t p = 0; p < scenario.products.size(); ++p)
    product_number.emplace(scenario.products[p].id, p);
  for (std::uint32_t n = 0; n < scenario.nodes.size(); ++n)
    for (const StockItem& item : scenario.nodes[n].inventory)
      if (auto p = product_number.find(item.product); p != product_number.end())
        items_.emplace(key(n, p->second), &item);  // emplace keeps the first listed
}

}  // namespace surge
