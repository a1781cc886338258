#pragma once
// Ids inside the names of KPI columns ("run.utilisation[node=fc,resource=pick]",
// "run.support.service_level", "target.black_friday.fill_rate"): such a name is one HDF5
// dataset name (no '/') and its scope must parse back, so the characters that would break
// either are written as %XX (docs/output.md).
#include <cstdio>
#include <string>
#include <string_view>

namespace surge {

// '/', '%', ',', '=', '[' and ']' as %2F, %25, %2C, %3D, %5B, %5D; everything else as is.
inline std::string name_part(std::string_view id) {
  std::string out;
  out.reserve(id.size());
  for (char c : id) {
    if (c == '/' || c == '%' || c == ',' || c == '=' || c == '[' || c == ']') {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace surge
