// Quantities as planners write them in scenarios: durations ("90s", "30m", "1h30m", "500ms",
// "2d"), distances ("800m", "3km", "1.5km") and times of day ("07:00", "18:30:15", "24:00").
// Parsers return nullopt on anything else, bare numbers included; formatters write text that the
// parsers read back to the same value.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sim/engine/time.h"

namespace scenarios {

// Numbers with units d, h, m (or min), s, ms, each at most once and largest first: "1h30m",
// "1.5h", "90s", "0s". Rounded to the millisecond.
std::optional<sim::Time> parse_duration(std::string_view text);
// A number with unit m or km: "800m", "1.5km". Metres.
std::optional<double> parse_distance_m(std::string_view text);
// "HH:MM" or "HH:MM:SS", 00:00 to 24:00. Milliseconds since midnight.
std::optional<sim::Time> parse_time_of_day(std::string_view text);
// Time since the scenario start in a trace: "HH:MM:SS" or "HH:MM" (hours may pass 24), or
// seconds ("750", "12.5").
std::optional<sim::Time> parse_elapsed(std::string_view text);

std::string format_duration(sim::Time t);
std::string format_distance(double metres);
std::string format_time_of_day(sim::Time tod);
// The shortest text that reads back as the same double.
std::string format_number(double v);

}  // namespace scenarios
