#include <cmath>

#include "surge/policies/anchor_adjust_policy.hpp"
#include "surge/policies/continuous_review.hpp"
#include "surge/policies/forecast.hpp"
#include "surge/policies/order_up_to_policy.hpp"
#include "surge/policies/replenishment_policy.hpp"

namespace surge {

double ReorderPointPolicy::order_quantity(const StockState& state) {
  double position = state.position();
  if (position > R_) return 0;
  double batches = std::floor((R_ - position) / Q_) + 1;
  return batches * Q_;
}

void MovingAverageForecast::add_period(double demand) {
  history_.push_back(demand);
  if (static_cast<int>(history_.size()) > periods_) history_.pop_front();
}

double MovingAverageForecast::mean() const {
  double sum = 0;
  for (double d : history_) sum += d;
  return history_.empty() ? 0 : sum / static_cast<double>(history_.size());
}

double MovingAverageForecast::sd() const {
  if (history_.size() < 2) return 0;
  double m = mean(), ss = 0;
  for (double d : history_) ss += (d - m) * (d - m);
  return std::sqrt(ss / static_cast<double>(history_.size() - 1));
}

void ExpSmoothingForecast::add_period(double demand) {
  if (seen_ == 0) {
    level_ = demand;
  } else {
    double error = demand - level_;
    squared_error_ = alpha_ * error * error + (1 - alpha_) * squared_error_;
    level_ += alpha_ * error;
  }
  ++seen_;
}

double ExpSmoothingForecast::sd() const { return std::sqrt(squared_error_); }

double OrderUpToPolicy::order_quantity(const StockState& state) {
  double position = state.position();
  forecast_->add_period(period_demand_);
  period_demand_ = 0;
  level_ = cover_ * forecast_->mean() + z_ * forecast_->sd() * std::sqrt(cover_);
  return level_ > position ? level_ - position : 0;
}

std::unique_ptr<ReplenishmentPolicy> make_policy(const Policy& p, Time lead_time_mean) {
  switch (p.type) {
    case PolicyType::none: return nullptr;
    case PolicyType::sS: return std::make_unique<MinMaxPolicy>(p.s, p.S);
    case PolicyType::RQ: return std::make_unique<ReorderPointPolicy>(p.R, p.Q);
    case PolicyType::base_stock: return std::make_unique<BaseStockPolicy>(p.level);
    case PolicyType::order_up_to: {
      double cover = p.cover > 0 ? p.cover : lead_time_mean / p.review + 1.0;
      std::unique_ptr<Forecast> forecast;
      if (p.forecast == ForecastType::moving_average)
        forecast = std::make_unique<MovingAverageForecast>(p.periods);
      else
        forecast = std::make_unique<ExpSmoothingForecast>(p.alpha);
      return std::make_unique<OrderUpToPolicy>(p.review, cover, p.safety_factor,
                                               std::move(forecast));
    }
    case PolicyType::anchor_adjust: {
      AnchorAdjustParams a;
      a.review = p.review;
      a.target_stock = p.target_stock;
      a.target_supply_line = p.target_supply_line;
      a.delay_periods = static_cast<int>(std::lround(p.order_delay / p.review));
      a.supply_periods = lead_time_mean / p.review + a.delay_periods;
      a.alpha_s = p.alpha_s;
      a.alpha_sl = p.alpha_sl;
      a.theta = p.theta;
      a.initial_demand = p.initial_demand;
      return std::make_unique<AnchorAdjustPolicy>(a);
    }
  }
  return nullptr;
}

}  // namespace surge
