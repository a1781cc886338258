// Forecasts of demand per review period, and their declarations (the `forecast` of a periodic
// policy).
#include "surge/policies/forecast.hpp"

#include <cmath>

#include "surge/kernel/error.hpp"

namespace surge {

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

namespace {

const Declaration& moving_average_declaration() {
  static const Declaration d{
      .name = "moving_average",
      .doc_id = "forecast.moving_average",
      .description = "Mean of the last `periods` review periods; sd is their sample sd.",
      .keys = {Key{"periods", types::integer()}.at_least(1).at_most(1e6).defaults("4").describe(
          "review periods averaged")}};
  return d;
}

const Declaration& exp_smoothing_declaration() {
  static const Declaration d{
      .name = "exp_smoothing",
      .doc_id = "forecast.exp_smoothing",
      .description = "Simple exponential smoothing; sd from the smoothed squared error.",
      .keys = {Key{"alpha", types::number()}.above(0).at_most(1).defaults("0.3").describe(
          "smoothing weight of the latest period")}};
  return d;
}

}  // namespace

const Family& forecast_family() {
  static const Family family = [] {
    Family f{.name = "forecast",
             .discriminator = "type",
             .noun = "forecast",
             .names_label = "valid",
             .description = "How a periodic policy forecasts demand per review period.",
             .members = {&moving_average_declaration(), &exp_smoothing_declaration()},
             .default_member = "moving_average"};
    f.common.push_back(Key{"type", types::choice(f.member_names())}
                           .need()
                           .defaults("moving_average")
                           .describe("which forecast"));
    return f;
  }();
  return family;
}

std::unique_ptr<Forecast> make_forecast(const ParamReader& r) {
  std::string type = r.text("type");
  if (type == "moving_average")
    return std::make_unique<MovingAverageForecast>(static_cast<int>(r.number("periods")));
  if (type == "exp_smoothing") return std::make_unique<ExpSmoothingForecast>(r.number("alpha"));
  throw InternalError("internal: no forecast `" + type + "` is declared");
}

}  // namespace surge
