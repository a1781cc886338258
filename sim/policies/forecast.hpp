#pragma once
// Forecasts of demand per review period, fed one completed period at a time.
#include <deque>
#include <memory>

#include "surge/model/declaration.hpp"
#include "surge/model/parameters.hpp"

namespace surge {

class Forecast {
 public:
  virtual ~Forecast() = default;
  virtual void add_period(double demand) = 0;
  virtual bool ready() const = 0;  // at least one period seen
  virtual double mean() const = 0;
  virtual double sd() const = 0;  // of one period's demand
};

// Mean of the last p periods (fewer while fewer have been seen); sd is their sample sd.
class MovingAverageForecast : public Forecast {
 public:
  explicit MovingAverageForecast(int periods) : periods_(periods) {}
  void add_period(double demand) override;
  bool ready() const override { return !history_.empty(); }
  double mean() const override;
  double sd() const override;

 private:
  int periods_;
  std::deque<double> history_;
};

// Simple exponential smoothing with weight alpha; sd from the smoothed squared error.
class ExpSmoothingForecast : public Forecast {
 public:
  explicit ExpSmoothingForecast(double alpha) : alpha_(alpha) {}
  void add_period(double demand) override;
  bool ready() const override { return seen_ > 0; }
  double mean() const override { return level_; }
  double sd() const override;

 private:
  double alpha_;
  double level_ = 0, squared_error_ = 0;
  long seen_ = 0;
};

// The forecasts of the scenario format (`forecast: {type: ..., ...}` of a periodic policy),
// selected by `type`; absent, a 4-period moving average.
const Family& forecast_family();
// Builds the forecast a reader over one member of forecast_family() describes.
std::unique_ptr<Forecast> make_forecast(const ParamReader& reader);

}  // namespace surge
