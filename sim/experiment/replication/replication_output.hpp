#pragma once
// The part of one replication an experiment aggregates: its row and its time series
// flattened in a fixed order (the same for every replication of a scenario). It is what the
// journal stores, so a resumed run aggregates exactly what an uninterrupted one would.
#include <string>
#include <vector>

#include "surge/experiment/replication/replication_row.hpp"

namespace surge {

// One time series of the bands: a stock level or a resource's utilisation.
struct SeriesKey {
  std::string quantity;    // on_hand, backlog, inventory_position, utilisation, queue_length
  std::string node, item;  // item: product or resource
};

struct SeriesLayout {
  std::vector<SeriesKey> series;
  std::vector<std::vector<Time>> times;  // sample times, per series
  std::size_t values() const;            // total samples over all series
};

struct ReplicationOutput {
  ReplicationRow row;
  std::vector<double> values;  // the series one after another, in layout order
};

SeriesLayout series_layout(const RunResult& result);
ReplicationOutput make_output(const std::vector<HeadlineKpi>& headline, const RunResult& result);

}  // namespace surge
