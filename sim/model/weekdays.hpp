#pragma once
// Weekday keys of the scenario format: "mon" ... "sun", ranges "mon-fri" (wrapping round the
// weekend: "fri-mon"), and "daily". Used by calendars and by weekly capacity patterns.
#include <array>
#include <string_view>
#include <vector>

namespace surge {

inline constexpr std::array<std::string_view, 7> kWeekdayNames = {"mon", "tue", "wed", "thu",
                                                                  "fri", "sat", "sun"};

// The weekdays (0 = Monday) a key covers, or empty when it is not a weekday key.
std::vector<int> weekdays_of(std::string_view key);

}  // namespace surge
