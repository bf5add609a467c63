#include "scenarios/key_readers.h"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "scenarios/units.h"

namespace scenarios::detail {

// "one of a, b" with a hint, or a note that there is nothing to choose from.
std::string choose_from(const std::vector<std::string>& options, const std::string& word,
                        const std::string& none) {
  return options.empty() ? none : one_of(options, word);
}

// The index in `names` of the text at `key` (required), or fails with `what`: one of names.
std::size_t read_name(const MapReader& m, const std::string& key,
                      const std::vector<std::string>& names, const std::string& what,
                      const std::string& none) {
  m.required(key);
  const std::string name = m.string(key, "");
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) m.fail(key, what + ": " + choose_from(names, name, none));
  return static_cast<std::size_t>(it - names.begin());
}

// A required safe id, unique among `taken` (whose entries are named `what[j]`).
std::string read_id(const MapReader& m, const std::string& key,
                    const std::vector<std::string>& taken, const std::string& list_path) {
  m.required(key);
  const std::string id = m.string(key, "");
  if (!is_safe_name(id)) m.fail(key, std::string("a name of ") + kSafeNameExpected);
  for (std::size_t j = 0; j < taken.size(); ++j)
    if (taken[j] == id)
      m.fail(key, fmt::format("{} no other entry has ({}[{}] has it)",
                              key == "id" ? "an id" : "a " + key, list_path, j));
  return id;
}

bool read_bool(const MapReader& m, const std::string& key, bool fallback) {
  return m.choice(key, fallback ? "true" : "false", {"false", "true"}) == "true";
}

// A number above 0 and at most `max`.
double read_positive(const MapReader& m, const std::string& key, double fallback, double max) {
  const YAML::Node n = m.get(key);
  if (!n) return fallback;
  double v = 0;
  if (!n.IsScalar() || !YAML::convert<double>::decode(n, v) || !std::isfinite(v) || v <= 0 ||
      v > max)
    m.fail(key, "a number above 0 and at most " + format_number(max));
  return v;
}

// Exactly 24 numbers from min to max, one per clock hour 00..23.
std::array<double, 24> read_hours(const MapReader& m, const std::string& key,
                                  const std::array<double, 24>& fallback, double min, double max,
                                  const std::string& what) {
  if (!m.has(key)) return fallback;
  const std::string expected = "a list of 24 " + what + ", one per hour 00..23";
  const YAML::Node list = m.get(key);
  if (!list.IsSequence() || list.size() != 24) m.fail(key, expected);
  std::array<double, 24> out{};
  for (std::size_t h = 0; h < 24; ++h) {
    double v = 0;
    if (!list[h].IsScalar() || !YAML::convert<double>::decode(list[h], v) || !std::isfinite(v) ||
        v < min || v > max)
      m.origin().fail(list[h], fmt::format("{}[{}]", m.path(key), h),
                      "a number from " + format_number(min) + " to " + format_number(max),
                      describe(list[h]));
    out[h] = v;
  }
  return out;
}

model::Enclosure read_enclosure(const MapReader& parent, const std::string& key,
                                const model::Enclosure& fallback) {
  if (!parent.has(key)) return fallback;
  MapReader m(parent.origin(), parent.get(key), parent.path(key), {"tau", "ice_packs", "ice_hold"});
  model::Enclosure e = fallback;
  e.tau = m.duration("tau", e.tau, /*allow_zero=*/false);
  e.ice_packs = read_bool(m, "ice_packs", e.ice_packs);
  e.ice_hold = m.duration("ice_hold", e.ice_hold, /*allow_zero=*/true);
  for (const char* k : {"tau", "ice_hold"})
    if (m.has(k) && m.duration(k, 0, true) > sim::kDay) m.fail(k, "at most 24h");
  return e;
}

}  // namespace scenarios::detail
