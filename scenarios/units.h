// Quantities as planners write them in scenarios: durations ("90s", "30m", "1h30m", "500ms",
// "2d"), distances ("800m", "3km", "1.5km") and times of day ("07:00", "18:30:15", "24:00").
// Parsers return nullopt on anything else; formatters write what the parsers read back.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sim/engine/time.h"

namespace scenarios {

std::optional<sim::Time> parse_duration(std::string_view text);
std::optional<double> parse_distance_m(std::string_view text);
std::optional<sim::Time> parse_time_of_day(std::string_view text);

std::string format_duration(sim::Time t);
std::string format_distance(double metres);
std::string format_time_of_day(sim::Time tod);

}  // namespace scenarios

namespace scenarios {
// The shortest text that reads back as the same double.
std::string format_number(double v);
}  // namespace scenarios
