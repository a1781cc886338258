// Periodic review order-up-to with a forecast, and its declaration.
#include "surge/policies/order_up_to_policy.hpp"

#include <cmath>

#include "surge/policies/policy_declaration.hpp"

namespace surge {

double OrderUpToPolicy::order_quantity(const StockState& state) {
  double position = state.position();
  forecast_->add_period(period_demand_);
  period_demand_ = 0;
  level_ = cover_ * forecast_->mean() + z_ * forecast_->sd() * std::sqrt(cover_);
  return level_ > position ? level_ - position : 0;
}

const PolicyDeclaration& order_up_to_declaration() {
  static const PolicyDeclaration d{
      {.name = "order_up_to",
       .doc_id = "policy.order_up_to",
       .description = "Periodic review: every `review`, order up to cover x forecast mean + "
                      "safety_factor x forecast sd x sqrt(cover) (docs/model.md, \"Periodic "
                      "order-up-to\").",
       .keys = {Key{"review", types::duration()}.need().above(0).describe(
                    "time between reviews; the first is at time `review`"),
                Key{"forecast", types::family(forecast_family())}
                    .defaults("{type: moving_average}")
                    .describe("how demand per review period is forecast"),
                Key{"cover", types::number()}.above(0).describe(
                    "review periods the level covers; default: the primary source's mean lead "
                    "time in review periods, plus 1"),
                Key{"safety_factor", types::number()}.at_least(0).defaults("0").describe(
                    "z: safety stock = z x forecast sd x sqrt(cover)")}},
      [](const ParamReader& r, const PolicyContext& c) -> std::unique_ptr<ReplenishmentPolicy> {
        Time review = r.number("review");
        double cover = r.has("cover") ? r.number("cover") : c.lead_time_mean / review + 1.0;
        return std::make_unique<OrderUpToPolicy>(review, cover, r.number("safety_factor"),
                                                 make_forecast(*r.nested("forecast")));
      }};
  return d;
}

}  // namespace surge
