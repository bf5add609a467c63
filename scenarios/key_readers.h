// The readers the scenario loader's key files share: names from a list, unique ids, booleans,
// bounded positive numbers, 24 hourly values and a cold-chain enclosure. Each fails through the
// MapReader (InputError: file, line, key, expected, found).
#pragma once

#include <array>
#include <string>
#include <vector>

#include "scenarios/scenario.h"
#include "scenarios/yaml_reader.h"

namespace scenarios::detail {

// Bounds of weather keys (drones, incidents).
inline constexpr double kMaxWindMps = 100;  // above the strongest gusts measured
inline constexpr double kMaxRainMmh = 500;  // above the heaviest rain measured in an hour

// "one of a, b" with a hint for `word`, or `none` when there is nothing to choose from.
std::string choose_from(const std::vector<std::string>& options, const std::string& word,
                        const std::string& none);
// The index in `names` of the text at `key` (required), or fails with `what`: one of names
// (`none` when names is empty).
std::size_t read_name(const MapReader& m, const std::string& key,
                      const std::vector<std::string>& names, const std::string& what,
                      const std::string& none);
// A required safe id, unique among `taken` (the entries of the list at `list_path`).
std::string read_id(const MapReader& m, const std::string& key,
                    const std::vector<std::string>& taken, const std::string& list_path);
// true or false; `fallback` when absent.
bool read_bool(const MapReader& m, const std::string& key, bool fallback);
// A number above 0 and at most `max`; `fallback` when absent.
double read_positive(const MapReader& m, const std::string& key, double fallback, double max);
// Exactly 24 numbers from min to max (`what` names them), one per clock hour 00..23.
std::array<double, 24> read_hours(const MapReader& m, const std::string& key,
                                  const std::array<double, 24>& fallback, double min, double max,
                                  const std::string& what);
// A cold-chain enclosure {tau, ice_packs, ice_hold} over `fallback`; durations up to 24 h.
model::Enclosure read_enclosure(const MapReader& parent, const std::string& key,
                                const model::Enclosure& fallback);

}  // namespace scenarios::detail
