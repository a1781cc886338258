// Continuous-review policies and their declarations: (s, S), (R, Q), base stock.
#include "surge/policies/continuous_review.hpp"

#include <cmath>

#include "surge/policies/policy_declaration.hpp"

namespace surge {

double ReorderPointPolicy::order_quantity(const StockState& state) {
  double position = state.position();
  if (position > R_) return 0;
  double batches = std::floor((R_ - position) / Q_) + 1;
  return batches * Q_;
}

const PolicyDeclaration& min_max_declaration() {
  static const PolicyDeclaration d{
      {.name = "sS",
       .doc_id = "policy.sS",
       .description = "Continuous review (s, S): when the inventory position is at or below s, "
                      "order up to S.",
       .keys = {Key{"s", types::number()}.need().describe("reorder level, units"),
                Key{"S", types::number()}.need().describe("order-up-to level, units; > s")},
       .check =
           [](const ParamReader& r) {
             if (r.number("S") <= r.number("s"))
               r.fail("S", "`S` must be greater than `s` in " + r.what());
           }},
      [](const ParamReader& r, const PolicyContext&) -> std::unique_ptr<ReplenishmentPolicy> {
        return std::make_unique<MinMaxPolicy>(r.number("s"), r.number("S"));
      }};
  return d;
}

const PolicyDeclaration& reorder_point_declaration() {
  static const PolicyDeclaration d{
      {.name = "RQ",
       .doc_id = "policy.RQ",
       .description = "Continuous review (R, Q): when the position is at or below R, order the "
                      "smallest multiple of Q that lifts it above R.",
       .keys = {Key{"R", types::number()}.need().describe("reorder point, units"),
                Key{"Q", types::number()}.need().above(0).describe("order quantity, units")}},
      [](const ParamReader& r, const PolicyContext&) -> std::unique_ptr<ReplenishmentPolicy> {
        return std::make_unique<ReorderPointPolicy>(r.number("R"), r.number("Q"));
      }};
  return d;
}

const PolicyDeclaration& base_stock_declaration() {
  static const PolicyDeclaration d{
      {.name = "base_stock",
       .doc_id = "policy.base_stock",
       .description = "Base stock (one for one): keep the inventory position at `level`.",
       .keys = {Key{"level", types::number()}.need().at_least(0).describe(
           "the position kept, units")}},
      [](const ParamReader& r, const PolicyContext&) -> std::unique_ptr<ReplenishmentPolicy> {
        return std::make_unique<BaseStockPolicy>(r.number("level"));
      }};
  return d;
}

}  // namespace surge
