#include "surge/metrics/collector.hpp"

#include <algorithm>
#include <limits>

namespace surge {

double PeriodVariance::variance() const {
  return n >= 2 ? m2 / (n - 1) : std::numeric_limits<double>::quiet_NaN();
}

Collector::Collector(const Scenario& scenario, std::vector<Window> windows, bool keep_series)
    : scenario_(scenario),
      windows_(std::move(windows)),
      spans_(windows_),
      keep_series_(keep_series) {
  flows_.assign(windows_.size(), std::vector<FlowTotals>(kFlowKinds));
  for (auto& per_window : flows_)
    for (auto& f : per_window) f.units.assign(scenario.products.size(), 0.0);
  total_units_.assign(kFlowKinds, std::vector<double>(scenario.products.size(), 0.0));
}

void Collector::attach(Simulator& sim) {
  sim_ = &sim;
  const bool periodic = scenario_.sample_every > 0 && scenario_.sample_every <= scenario_.horizon;
  if (keep_series_) {
    // One sample at time 0 and one every period: reserved at once, since a vector that doubles
    // as it grows holds up to three times the series while it moves (a large model's series is
    // gigabytes).
    const std::size_t periods =
        periodic ? static_cast<std::size_t>((scenario_.horizon + 1e-9) / scenario_.sample_every)
                 : 0;
    stock_series_.reserve(stock_points_.size() * (periods + 1));
    resource_series_.reserve(resources_.size() * periods);
  }
  sample(0);
  if (periodic) sim.schedule(scenario_.sample_every, this, 0, 0, kPrioritySample);
}

int Collector::add_stock_point(std::uint32_t node, std::uint32_t product, double on_hand) {
  const std::size_t n = windows_.size();
  stock_points_.push_back(
      StockPointStats{node, product, on_hand, TimeAverages<3>({on_hand, 0, 0}, n), 0, 0,
                      std::vector<double>(n, 0.0), std::vector<PeriodVariance>(n),
                      std::vector<PeriodVariance>(n), 0});
  if (stock_point_at_.empty())
    stock_point_at_.assign(scenario_.nodes.size(), std::vector<int>(scenario_.products.size(), -1));
  stock_point_at_[node][product] = static_cast<int>(stock_points_.size() - 1);
  return static_cast<int>(stock_points_.size() - 1);
}

int Collector::add_resource(std::uint32_t node, const std::string& name, ResourceKind kind,
                            double servers) {
  std::size_t n = windows_.size();
  resources_.push_back(ResourceStats{node, name, kind, servers, TimeAverages<3>({0, 0, 0}, n),
                                     std::vector<double>(n, 0.0), std::vector<double>(n, 0.0),
                                     std::vector<double>(n, 0.0)});
  return static_cast<int>(resources_.size() - 1);
}

void Collector::backlog_changed(StockPointStats& s, double held, Time t) const {
  if (held > 0) note_backlog(s, held, s.backlog_since, t);
  s.backlog_since = t;
}

void Collector::note_backlog(StockPointStats& s, double level, Time since, Time until) const {
  for (std::size_t w = 0; w < windows_.size(); ++w)
    if (std::max(since, windows_[w].start) < std::min(until, windows_[w].end))
      s.max_backlog[w] = std::max(s.max_backlog[w], level);
}

double Collector::stock_area(std::uint32_t node, std::uint32_t product, StockLevel level,
                             Time t) const {
  if (node >= stock_point_at_.size() || product >= stock_point_at_[node].size() ||
      stock_point_at_[node][product] < 0)
    return std::numeric_limits<double>::quiet_NaN();
  const auto& s = stock_points_[static_cast<std::size_t>(stock_point_at_[node][product])];
  return s.levels.area_until(0, level, t, windows_[0]);
}

void Collector::job_started(int i, Time t, Time waited) {
  auto& r = resources_[static_cast<std::size_t>(i)];
  Time arrived = t - waited;
  for (std::size_t w = 0; w < windows_.size(); ++w)
    if (arrived >= windows_[w].start && arrived < windows_[w].end) {
      r.wait_sum[w] += waited;
      r.started[w] += 1;
    }
}

void Collector::job_abandoned(int i, Time t, Time waited) {
  auto& r = resources_[static_cast<std::size_t>(i)];
  Time arrived = t - waited;
  for (std::size_t w = 0; w < windows_.size(); ++w)
    if (arrived >= windows_[w].start && arrived < windows_[w].end) r.abandoned[w] += 1;
}

void Collector::flow(Flow kind, std::uint32_t node, std::uint32_t product, double units,
                     double money, Time t) {
  auto k = static_cast<std::size_t>(kind);
  if (kind == Flow::ordered || kind == Flow::demanded) {
    auto& s = stock_points_[static_cast<std::size_t>(stock_point_at_[node][product])];
    (kind == Flow::ordered ? s.ordered : s.demand) += units;
  }
  total_units_[k][product] += units;
  for (std::size_t w = 0; w < windows_.size(); ++w)
    if (t >= windows_[w].start && t < windows_[w].end) {
      flows_[w][k].units[product] += units;
      flows_[w][k].money += money;
    }
}

const Collector::FlowTotals& Collector::flows(std::size_t window, Flow kind) const {
  return flows_[window][static_cast<std::size_t>(kind)];
}

const std::vector<double>& Collector::total_units(Flow kind) const {
  return total_units_[static_cast<std::size_t>(kind)];
}

void Collector::handle(const Event&) {
  Time t = sim_->now();
  sample(t);
  if (t + scenario_.sample_every <= scenario_.horizon + 1e-9)
    sim_->schedule(scenario_.sample_every, this, 0, 0, kPrioritySample);
}

void Collector::sample(Time t) {
  // The flows of the period (last_sample_, t] count towards the bullwhip ratio of every window
  // that holds the whole period (the sample at time 0 closes no period).
  std::vector<std::size_t> holding;
  for (std::size_t w = 0; w < windows_.size(); ++w)
    if (t > last_sample_ && last_sample_ >= windows_[w].start - 1e-9 && t <= windows_[w].end + 1e-9)
      holding.push_back(w);
  for (auto& s : stock_points_) {
    for (std::size_t w : holding) {
      s.ordered_per_period[w].add(s.ordered);
      s.demand_per_period[w].add(s.demand);
    }
    s.levels.advance(t, windows_);
    double on_hand = s.levels.value(kOnHand), backlog = s.levels.value(kBacklog),
           on_order = s.levels.value(kOnOrder);
    double ip = on_hand + on_order - backlog;
    if (keep_series_)
      stock_series_.push_back(
          StockSample{t, s.node, s.product, on_hand, backlog, on_order, ip, s.ordered, s.demand});
    s.ordered = s.demand = 0;
  }
  Time period = t - last_sample_;
  for (std::size_t i = 0; i < resources_.size(); ++i) {
    ResourceStats& r = resources_[i];
    r.levels.advance(t, windows_);
    double busy = r.levels.take_period_area(kBusy);
    double available = r.levels.take_period_area(kAvailable);
    double waiting = r.levels.take_period_area(kWaiting);
    if (period <= 0 || !keep_series_) continue;
    double utilisation = available > 0 && r.servers != kUnlimited ? busy / available : 0.0;
    resource_series_.push_back(
        ResourceSample{t, r.node, static_cast<std::uint32_t>(i), utilisation, waiting / period});
  }
  last_sample_ = t;
}

ResultNames Collector::names() const {
  ResultNames names;
  for (const auto& n : scenario_.nodes) names.nodes.push_back(n.id);
  for (const auto& p : scenario_.products) names.products.push_back(p.id);
  for (const auto& r : resources_) names.resources.push_back(r.name);
  for (const auto& m : scenario_.markets) names.markets.push_back(m.id);
  for (const auto& c : scenario_.campaigns) names.campaigns.push_back(c.id);
  return names;
}

void Collector::finish(Time end) {
  for (auto& s : stock_points_) {
    s.levels.advance(end, windows_);
    double held = s.levels.value(kBacklog);
    if (held > 0) note_backlog(s, held, s.backlog_since, end);
    // The state at the end of the run (after its last events, as its last sample shows) counts
    // in every window that ends there, even when it arose at that very moment.
    for (std::size_t w = 0; w < windows_.size(); ++w)
      if (windows_[w].end >= end && windows_[w].start < end)
        s.max_backlog[w] = std::max(s.max_backlog[w], held);
  }
  for (auto& r : resources_) {
    r.levels.advance(end, windows_);
  }
}

}  // namespace surge
