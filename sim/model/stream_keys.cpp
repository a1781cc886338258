#include "surge/model/stream_keys.hpp"

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

}  // namespace surge
