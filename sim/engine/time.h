// Simulated time: an int64 count of milliseconds since the scenario start. No floating-point clock.
#pragma once

#include <cstdint>

namespace sim {

using Time = std::int64_t;

inline constexpr Time kMillisecond = 1;
inline constexpr Time kSecond = 1000;
inline constexpr Time kMinute = 60 * kSecond;
inline constexpr Time kHour = 60 * kMinute;
inline constexpr Time kDay = 24 * kHour;
inline constexpr Time kNever = INT64_MAX;

inline constexpr double to_minutes(Time t) { return static_cast<double>(t) / kMinute; }
inline constexpr double to_hours(Time t) { return static_cast<double>(t) / kHour; }

}  // namespace sim
