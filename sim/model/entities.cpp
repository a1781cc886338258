#include "surge/model/entities.hpp"

namespace surge {

const char* to_string(ContactCause cause) {
  switch (cause) {
    case ContactCause::order: return "order";
    case ContactCause::late_order: return "late_order";
    case ContactCause::campaign: return "campaign";
    case ContactCause::standalone: return "standalone";
  }
  return "?";
}

}  // namespace surge
