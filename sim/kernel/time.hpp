#pragma once
// Simulated time. One internal unit everywhere: hours. Conversions live here so no
// other file hard-codes 24 or 60.

namespace surge {

using Time = double;

inline constexpr Time kSecond = 1.0 / 3600.0;
inline constexpr Time kMinute = 1.0 / 60.0;
inline constexpr Time kHour = 1.0;
inline constexpr Time kDay = 24.0;
inline constexpr Time kWeek = 7.0 * kDay;

}  // namespace surge
