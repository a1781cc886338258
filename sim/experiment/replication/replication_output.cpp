#include "surge/experiment/replication/replication_output.hpp"

namespace surge {
namespace {

// Splits a result's samples into series: stock points give on_hand, backlog and
// inventory_position; resources give utilisation and queue_length. Samples are emitted
// time-major (every stock point at one time, then the next time), so the i-th sample belongs
// to entity i mod (entities per time).
template <typename Sample>
std::size_t entities_per_time(const std::vector<Sample>& samples) {
  std::size_t n = 0;
  for (const auto& s : samples) {
    if (s.time != samples.front().time) break;
    ++n;
  }
  return n;
}

struct Split {
  SeriesLayout layout;
  std::vector<std::vector<double>> values;
  void add(std::size_t series, SeriesKey key, Time t, double v) {
    if (series >= values.size()) {
      values.resize(series + 1);
      layout.series.resize(series + 1);
      layout.times.resize(series + 1);
    }
    if (values[series].empty()) layout.series[series] = std::move(key);
    values[series].push_back(v);
    layout.times[series].push_back(t);
  }
};

Split split(const RunResult& r) {
  Split out;
  std::size_t stock = entities_per_time(r.stock_series);
  for (std::size_t i = 0; i < r.stock_series.size(); ++i) {
    const StockSample& s = r.stock_series[i];
    const std::string &node = r.node_of(s), &product = r.product_of(s);
    std::size_t base = (i % stock) * 3;
    out.add(base, {"on_hand", node, product}, s.time, s.on_hand);
    out.add(base + 1, {"backlog", node, product}, s.time, s.backlog);
    out.add(base + 2, {"inventory_position", node, product}, s.time, s.inventory_position);
  }
  std::size_t resources = entities_per_time(r.resource_series);
  for (std::size_t i = 0; i < r.resource_series.size(); ++i) {
    const ResourceSample& s = r.resource_series[i];
    const std::string &node = r.node_of(s), &resource = r.resource_of(s);
    std::size_t base = stock * 3 + (i % resources) * 2;
    out.add(base, {"utilisation", node, resource}, s.time, s.utilisation);
    out.add(base + 1, {"queue_length", node, resource}, s.time, s.queue_length);
  }
  return out;
}

}  // namespace

std::size_t SeriesLayout::values() const {
  std::size_t n = 0;
  for (const auto& t : times) n += t.size();
  return n;
}

SeriesLayout series_layout(const RunResult& r) { return split(r).layout; }

ReplicationOutput make_output(const std::vector<HeadlineKpi>& headline, const RunResult& r) {
  ReplicationOutput out;
  out.row = make_row(headline, r);
  Split parts = split(r);
  for (const auto& v : parts.values) out.values.insert(out.values.end(), v.begin(), v.end());
  return out;
}

}  // namespace surge
