// The `products` section: ids, prices and costs, bills of materials.
#include <string>

#include "surge/io/param_reader.hpp"
#include "surge/io/scenario/sections.hpp"
#include "surge/io/scenario_format.hpp"

namespace surge {

const Declaration& product_declaration() {
  static const Declaration d = [] {
    ValueType units = types::number();
    units.bounds.min = 0;
    units.bounds.min_strict = true;
    return Declaration{
        .name = "product",
        .doc_id = "products",
        .description = "A product (SKU) with its money.",
        .keys = {
            Key{"id", types::text()}.need().describe("unique among products"),
            Key{"price", types::number()}.at_least(0).defaults("0").describe(
                "revenue per unit sold"),
            Key{"unit_cost", types::number()}.at_least(0).defaults("0").describe(
                "cost per unit bought or made"),
            Key{"holding_cost", types::money_rate()}.at_least(0).defaults("0").describe(
                "money per unit on hand per time"),
            Key{"lost_sale_cost", types::number()}.at_least(0).describe(
                "per unit lost; default: price - unit_cost (the lost margin)"),
            Key{"backorder_cost", types::money_rate()}.at_least(0).defaults("0").describe(
                "money per unit backordered per time"),
            Key{"bom", types::dictionary("product", units)}.describe(
                "bill of materials: component product -> units consumed per unit made"),
        }};
  }();
  return d;
}

namespace loader {

void read_products(ReadContext& ctx) {
  YAML::Node list = ctx.root["products"];
  if (!list.IsDefined() || list.IsNull()) {
    check_goods_section_omitted(ctx, "products");
    return;
  }
  ctx.r.expect_list(list, "`products`");
  if (list.size() == 0) ctx.r.fail(list, "`products` must list at least one product");
  std::vector<std::unique_ptr<YamlParamReader>> readers;
  for (auto it = list.begin(); it != list.end(); ++it) {
    auto p = std::make_unique<YamlParamReader>(ctx.r, *it, product_declaration(), "product");
    Product product;
    product.id = p->text("id");
    if (!ctx.product_index.emplace(product.id, ctx.s.products.size()).second)
      ctx.r.fail(p->node("id"), "duplicate product id " + quoted(product.id));
    ctx.product_list.push_back(product.id);
    product.price = p->number("price");
    product.unit_cost = p->number("unit_cost");
    product.holding_cost = p->number("holding_cost");
    if (p->has("lost_sale_cost")) product.lost_sale_cost = p->number("lost_sale_cost");
    product.backorder_cost = p->number("backorder_cost");
    ctx.s.products.push_back(product);
    readers.push_back(std::move(p));
  }
  // BOMs refer to products that may come later in the list: read them in a second pass.
  for (std::size_t i = 0; i < ctx.s.products.size(); ++i) {
    const YamlParamReader& p = *readers[i];
    YAML::Node bom = p.node("bom");
    if (!bom.IsDefined() || bom.IsNull()) continue;
    ctx.r.expect_map(bom, "`bom`");
    for (auto it = bom.begin(); it != bom.end(); ++it) {
      std::string component = ctx.r.string(it->first, "bom component");
      ctx.check_product(it->first, component);
      if (component == ctx.s.products[i].id)
        ctx.r.fail(it->first, "product " + quoted(component) + " lists itself in its `bom`");
      ctx.s.products[i].bom[component] = p.element_number("bom", it->second, "bom." + component);
      ctx.bom_marks[ctx.s.products[i].id] = bom;
    }
  }
  check_bom_cycles(ctx);
}

}  // namespace loader
}  // namespace surge
