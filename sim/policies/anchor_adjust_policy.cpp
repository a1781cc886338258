#include "surge/policies/anchor_adjust_policy.hpp"

#include <algorithm>
#include <cmath>

#include "surge/policies/policy_declaration.hpp"

namespace surge {

// Orders are whole cases, as the board game's order slips and the person playing beside the
// rule (who types whole numbers) are: the rule's decision is rounded to the nearest whole
// unit, halves up, as a person rounds. Nearest, not down or up: truncating would under-order
// by half a case a week on average (and the stock gap would then pull it back, an oscillation
// of the rounding's own making); rounding up would over-order alike. docs/model.md.
double whole_units(double x) { return std::floor(x + 0.5); }

AnchorAdjustPolicy::AnchorAdjustPolicy(const AnchorAdjustParams& p) : p_(p) {
  if (p_.initial_demand >= 0) {
    expected_ = p_.initial_demand;
    seen_ = true;
  }
  // The mail starts full of steady-state decisions, as the board game's order slips do.
  // Those slips are orders too, so they are whole like every decision.
  for (int i = 0; i < p_.delay_periods; ++i)
    mail_.push_back(whole_units(std::max(0.0, p_.initial_demand)));
}

double AnchorAdjustPolicy::order_quantity(const StockState& state) {
  double demand = period_demand_;
  period_demand_ = 0;
  if (seen_)
    expected_ += p_.theta * (demand - expected_);
  else
    expected_ = demand;
  seen_ = true;

  double in_mail = 0;
  for (double d : mail_) in_mail += d;
  double supply_line = state.on_order + in_mail;
  double target_sl =
      p_.target_supply_line >= 0 ? p_.target_supply_line : expected_ * p_.supply_periods;
  double net_stock = state.on_hand - state.backlog;
  decision_ = whole_units(std::max(0.0, expected_ + p_.alpha_s * (p_.target_stock - net_stock) +
                                            p_.alpha_sl * (target_sl - supply_line)));
  if (p_.delay_periods == 0) return decision_;
  mail_.push_back(decision_);
  double placed = mail_.front();
  mail_.pop_front();
  return placed;
}

const PolicyDeclaration& anchor_adjust_declaration() {
  static const PolicyDeclaration d{
      {.name = "anchor_adjust",
       .doc_id = "policy.anchor_adjust",
       .description = "Sterman's anchoring-and-adjustment rule, the beer game's (docs/model.md, "
                      "\"Anchoring and adjustment\").",
       .keys = {Key{"review", types::duration()}.need().above(0).describe(
                    "time between reviews; the first is at time `review`"),
                Key{"target_stock", types::number()}.need().describe(
                    "desired on hand - backlog, units"),
                Key{"target_supply_line", types::number()}.at_least(0).describe(
                    "desired on order, units; default: expected demand x supply periods"),
                Key{"alpha_s", types::number()}.at_least(0).at_most(1).defaults("0.5").describe(
                    "weight of the stock gap"),
                Key{"alpha_sl", types::number()}.at_least(0).at_most(1).defaults("0.5").describe(
                    "weight of the supply-line gap (0: ignores it)"),
                Key{"theta", types::number()}.at_least(0).at_most(1).defaults("0.25").describe(
                    "smoothing weight of expected demand"),
                Key{"initial_demand", types::number()}.at_least(0).describe(
                    "expected demand per review at the start; default: the first period's"),
                Key{"order_delay", types::duration()}.defaults("0d").describe(
                    "decisions are placed this long after they are made: a whole number of "
                    "reviews")},
       .check =
           [](const ParamReader& r) {
             double periods = r.number("order_delay") / r.number("review");
             if (std::abs(periods - std::round(periods)) > 1e-9)
               r.fail("order_delay",
                      "`order_delay` must be a whole number of review periods in " + r.what());
             // Each period in the delay is an order held in memory (and an int): a sanity limit.
             if (periods > 1e6)
               r.fail("order_delay",
                      "`order_delay` must be at most 1000000 review periods in " + r.what());
           }},
      [](const ParamReader& r, const PolicyContext& c) -> std::unique_ptr<ReplenishmentPolicy> {
        AnchorAdjustParams a;
        a.review = r.number("review");
        a.target_stock = r.number("target_stock");
        a.target_supply_line = r.has("target_supply_line") ? r.number("target_supply_line") : -1;
        a.delay_periods = static_cast<int>(std::lround(r.number("order_delay") / a.review));
        a.supply_periods = c.lead_time_mean / a.review + a.delay_periods;
        a.alpha_s = r.number("alpha_s");
        a.alpha_sl = r.number("alpha_sl");
        a.theta = r.number("theta");
        a.initial_demand = r.has("initial_demand") ? r.number("initial_demand") : -1;
        return std::make_unique<AnchorAdjustPolicy>(a);
      }};
  return d;
}

}  // namespace surge
