#include "surge/model/weekdays.hpp"

#include <algorithm>

namespace surge {

std::vector<int> weekdays_of(std::string_view key) {
  auto index = [](std::string_view d) {
    auto it = std::find(kWeekdayNames.begin(), kWeekdayNames.end(), d);
    return it == kWeekdayNames.end() ? -1 : static_cast<int>(it - kWeekdayNames.begin());
  };
  if (key == "daily") return {0, 1, 2, 3, 4, 5, 6};
  auto dash = key.find('-');
  if (dash == std::string_view::npos) {
    int d = index(key);
    return d < 0 ? std::vector<int>{} : std::vector<int>{d};
  }
  int a = index(key.substr(0, dash)), b = index(key.substr(dash + 1));
  if (a < 0 || b < 0) return {};
  std::vector<int> out;
  for (int d = a;; d = (d + 1) % 7) {
    out.push_back(d);
    if (d == b) break;
  }
  return out;
}

}  // namespace surge
