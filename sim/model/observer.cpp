#include "surge/model/observer.hpp"

namespace surge {

const char* to_string(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::station: return "station";
    case ResourceKind::line: return "line";
    case ResourceKind::agents: return "agents";
  }
  return "?";
}

}  // namespace surge
