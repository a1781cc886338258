// Periodic review (R, s, S): every `review` (R), if the inventory position is at or below s,
// order up to S. The first review is at time R, as for the other periodic policies; between
// reviews nothing is ordered however low the position falls (docs/model.md, "Policies").
#include "surge/policies/policy_declaration.hpp"

namespace surge {
namespace {

class PeriodicMinMaxPolicy : public ReplenishmentPolicy {
 public:
  PeriodicMinMaxPolicy(Time review, double s, double S) : review_(review), s_(s), S_(S) {}
  Time review_period() const override { return review_; }
  double order_quantity(const StockState& state) override {
    double position = state.position();
    return position <= s_ ? S_ - position : 0;
  }

 private:
  Time review_;
  double s_, S_;
};

}  // namespace

const PolicyDeclaration& periodic_min_max_declaration() {
  static const PolicyDeclaration d{
      {.name = "RsS",
       .doc_id = "policy.RsS",
       .description = "Periodic review (R, s, S): every `review`, if the inventory position is "
                      "at or below s, order up to S.",
       .keys = {Key{"review", types::duration()}.need().above(0).describe(
                    "R, the time between reviews; the first is at time `review`"),
                Key{"s", types::number()}.need().describe("reorder level, units"),
                Key{"S", types::number()}.need().describe("order-up-to level, units; > s")},
       .check =
           [](const ParamReader& r) {
             if (r.number("S") <= r.number("s"))
               r.fail("S", "`S` must be greater than `s` in " + r.what());
           }},
      [](const ParamReader& r, const PolicyContext&) -> std::unique_ptr<ReplenishmentPolicy> {
        return std::make_unique<PeriodicMinMaxPolicy>(r.number("review"), r.number("s"),
                                                      r.number("S"));
      }};
  return d;
}

}  // namespace surge
