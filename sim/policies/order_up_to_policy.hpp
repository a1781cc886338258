#pragma once
#include <memory>

#include "surge/policies/forecast.hpp"
#include "surge/policies/replenishment_policy.hpp"

namespace surge {

// Periodic review order-up-to. At each review the demand of the period just ended goes into
// the forecast, the level is S = cover * mean + z * sd * sqrt(cover), and the order is
// max(0, S - position). `cover` is in review periods (docs/model.md, "Periodic order-up-to").
class OrderUpToPolicy : public ReplenishmentPolicy {
 public:
  OrderUpToPolicy(Time review, double cover, double safety_factor,
                  std::unique_ptr<Forecast> forecast)
      : review_(review), cover_(cover), z_(safety_factor), forecast_(std::move(forecast)) {}
  Time review_period() const override { return review_; }
  void observe_demand(double units) override { period_demand_ += units; }
  double order_quantity(const StockState& state) override;
  double level() const { return level_; }

 private:
  Time review_;
  double cover_, z_;
  std::unique_ptr<Forecast> forecast_;
  double period_demand_ = 0;
  double level_ = 0;
};

}  // namespace surge
