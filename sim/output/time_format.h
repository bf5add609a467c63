// Fixed text forms of simulated times for the output files, independent of the locale.
#pragma once

#include <string>

#include <fmt/format.h>

#include "sim/engine/time.h"

namespace output {

// Seconds with millisecond precision: 123456 ms -> "123.456", -1500 ms -> "-1.500".
inline std::string seconds_text(sim::Time t) {
  const sim::Time magnitude = t < 0 ? -t : t;
  return fmt::format("{}{}.{:03}", t < 0 ? "-" : "", magnitude / sim::kSecond,
                     magnitude % sim::kSecond);
}

// The wall clock "HH:MM" of a time of day, wrapping past midnight (and before it).
inline std::string clock_text(sim::Time time_of_day) {
  const sim::Time t = ((time_of_day % sim::kDay) + sim::kDay) % sim::kDay;
  return fmt::format("{:02}:{:02}", t / sim::kHour, t % sim::kHour / sim::kMinute);
}

// The wall clock "HH:MM:SS" of a time of day, wrapping like clock_text.
inline std::string clock_seconds_text(sim::Time time_of_day) {
  const sim::Time t = ((time_of_day % sim::kDay) + sim::kDay) % sim::kDay;
  return fmt::format("{:02}:{:02}:{:02}", t / sim::kHour, t % sim::kHour / sim::kMinute,
                     t % sim::kMinute / sim::kSecond);
}

}  // namespace output
