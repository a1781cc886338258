#include "surge/model/stream_keys.hpp"

#include <algorithm>
#include <numeric>
#include <string>
#include <utility>

namespace surge {

StreamKey stream_key(StreamOwner owner, std::string_view id, std::string_view part,
                     std::string_view purpose) {
  std::string entity;
  switch (owner) {
    case StreamOwner::node: break;
    case StreamOwner::lane: entity = "lane:"; break;
    case StreamOwner::market: entity = "market:"; break;
    case StreamOwner::campaign: entity = "campaign:"; break;
  }
  entity += id;
  if (!part.empty()) {
    entity += owner == StreamOwner::lane ? "->" : "/";
    entity += part;
  }
  return StreamKey{std::move(entity), std::string(purpose)};
}

std::vector<std::string> entry_labels(const std::vector<std::string>& bases,
                                      const std::vector<std::string>& descriptions) {
  std::vector<std::size_t> order(bases.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Stable: entries with equal base and description (interchangeable) keep their file order.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return bases[a] != bases[b] ? bases[a] < bases[b] : descriptions[a] < descriptions[b];
  });
  std::vector<std::string> labels(bases.size());
  std::size_t rank = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (i > 0 && bases[order[i]] != bases[order[i - 1]]) rank = 0;
    labels[order[i]] = bases[order[i]] + "#" + std::to_string(rank++);
  }
  return labels;
}

}  // namespace surge
