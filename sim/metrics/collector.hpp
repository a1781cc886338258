#pragma once
// Turns what nodes publish into aggregates: time averages of every stock point and resource
// per window, flows of units and money per window, waiting times, and the periodic samples of
// the time series. It decides nothing about what is written; see kpi_table.hpp for the KPIs.
#include <cstdint>
#include <string>
#include <vector>

#include "surge/kernel/event.hpp"
#include "surge/kernel/simulator.hpp"
#include "surge/metrics/run_result.hpp"
#include "surge/metrics/time_average.hpp"
#include "surge/model/observer.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

// The variance of a series, one value at a time (Welford): for the bullwhip ratio, the
// per-period orders and demand of a stock point in one window.
struct PeriodVariance {
  double n = 0, mean = 0, m2 = 0;
  void add(double x) {
    n += 1;
    double delta = x - mean;
    mean += delta / n;
    m2 += delta * (x - mean);
  }
  double variance() const;  // sample variance (n - 1); NaN below two values
};

class Collector final : public Observer, public EventHandler {
 public:
  enum StockLevel : std::size_t { kOnHand, kBacklog, kOnOrder };
  enum ResourceLevel : std::size_t { kWaiting, kBusy, kAvailable };
  struct StockPointStats {
    std::uint32_t node, product;
    double initial;
    TimeAverages<3> levels;          // by StockLevel
    double ordered = 0, demand = 0;  // in the current sampling period
    // Per window: the largest backlog held for a positive time, or left at the end of the run
    // (max_backlog), and the
    // variances of the per-period orders and demand of the sampling periods inside the window
    // (bullwhip_ratio; docs/kpis.md).
    std::vector<double> max_backlog;
    std::vector<PeriodVariance> ordered_per_period, demand_per_period;
    Time backlog_since = 0;  // when the backlog took its current value
  };
  struct ResourceStats {
    std::uint32_t node;
    std::string name;
    ResourceKind kind;
    double servers;
    TimeAverages<3> levels;                            // by ResourceLevel
    std::vector<double> wait_sum, started, abandoned;  // per window, by arrival time
  };
  // Per window and flow kind: units per product and money in total.
  struct FlowTotals {
    std::vector<double> units;
    double money = 0;
  };

  // keep_series: keep the periodic samples (the time series) as well as the aggregates; a run
  // whose series nothing reads or writes saves their memory (64 bytes per stock point per sample).
  Collector(const Scenario& scenario, std::vector<Window> windows, bool keep_series = true);

  // Schedules the periodic samples on `sim`; call before the run.
  void attach(Simulator& sim);
  // Closes every time average at the end of the run.
  void finish(Time end);

  int add_stock_point(std::uint32_t node, std::uint32_t product, double on_hand) override;
  int add_resource(std::uint32_t node, const std::string& name, ResourceKind kind,
                   double servers) override;
  // The publications of every event are defined here, inline: the ObserverTee calls the
  // Collector directly (it is final), so they compile into the tee's one frame. A flagship
  // replication publishes over a million times.
  void stock_changed(int stock_point, Time t, double on_hand, double backlog,
                     double on_order) override {
    auto& s = stock_points_[static_cast<std::size_t>(stock_point)];
    const double held = s.levels.value(kBacklog);
    if (backlog != held) backlog_changed(s, held, t);
    s.levels.set(t, {on_hand, backlog, on_order}, windows_, spans_);
  }
  void resource_changed(int resource, Time t, double waiting, double busy,
                        double available) override {
    resources_[static_cast<std::size_t>(resource)].levels.set(t, {waiting, busy, available},
                                                              windows_, spans_);
  }
  void job_started(int resource, Time t, Time waited) override;
  void job_abandoned(int resource, Time t, Time waited) override;
  void flow(Flow kind, std::uint32_t node, std::uint32_t product, double units, double money,
            Time t) override;
  void handle(const Event& event) override;  // a sample

  const std::vector<Window>& windows() const { return windows_; }
  const std::vector<StockPointStats>& stock_points() const { return stock_points_; }
  const std::vector<ResourceStats>& resources() const { return resources_; }
  const FlowTotals& flows(std::size_t window, Flow kind) const;
  // Whole-run totals (not windowed; includes the warm-up) for the conservation check.
  const std::vector<double>& total_units(Flow kind) const;
  // The integral of one level of a stock point over the first window (`run`) up to t, during
  // the run (NaN if the node holds no such stock point): costs so far, as `surge play` shows.
  double stock_area(std::uint32_t node, std::uint32_t product, StockLevel level, Time t) const;
  std::vector<StockSample>& stock_series() { return stock_series_; }
  std::vector<ResourceSample>& resource_series() { return resource_series_; }
  // The names the samples and the records refer to by number: node, product, market and
  // campaign ids, resource names.
  ResultNames names() const;

 private:
  void sample(Time t);
  // The backlog leaves `held` at t: credits the level it held until now (out of line).
  void backlog_changed(StockPointStats& s, double held, Time t) const;
  // The backlog `level` was held over [since, until): credits each window it overlaps.
  void note_backlog(StockPointStats& s, double level, Time since, Time until) const;

  const Scenario& scenario_;
  std::vector<Window> windows_;
  WindowSpans spans_;  // of windows_
  bool keep_series_;
  Simulator* sim_ = nullptr;
  Time last_sample_ = 0;
  std::vector<StockPointStats> stock_points_;
  std::vector<std::vector<int>> stock_point_at_;  // [node][product] -> index, -1 if none
  std::vector<ResourceStats> resources_;
  std::vector<std::vector<FlowTotals>> flows_;    // [window][flow kind]
  std::vector<std::vector<double>> total_units_;  // [flow kind][product]
  std::vector<StockSample> stock_series_;
  std::vector<ResourceSample> resource_series_;
};

inline constexpr std::size_t kFlowKinds = 7;

}  // namespace surge
