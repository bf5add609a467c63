#include "scenarios/yaml_reader.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include <fmt/core.h>

#include "scenarios/units.h"

namespace scenarios::detail {

namespace {

// True when dotted path `key` is `path` or lies below it.
bool is_under(const std::string& key, const std::string& path) {
  return key == path || key.starts_with(path + ".") || key.starts_with(path + "[");
}

// Optimal string alignment distance: Levenshtein plus adjacent transpositions ("cuont").
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1] ? 1 : 0)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) out += (i ? ", " : "") + words[i];
  return out;
}

// The 1-based line of the first tab in a line's leading whitespace, where YAML forbids tabs.
std::optional<int> first_indenting_tab(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    for (char c : line) {
      if (c == '\t') return n;
      if (c != ' ') break;
    }
  return std::nullopt;
}

}  // namespace

SourceMark Origin::mark(const YAML::Node& node, const std::string& key) const {
  // Nodes parsed from a --set value carry marks into the --set text, not into the file.
  for (auto it = overrides.rbegin(); it != overrides.rend(); ++it)
    if (is_under(key, it->first)) return {"--set " + it->second, 0, 0};
  const YAML::Mark m = node.IsDefined() ? node.Mark() : YAML::Mark::null_mark();
  if (!m.is_null()) return {file, m.line + 1, m.column + 1};
  // A map that a --set created on its way to a deeper key.
  for (auto it = overrides.rbegin(); it != overrides.rend(); ++it)
    if (is_under(it->first, key)) return {"--set " + it->second, 0, 0};
  return {file, 0, 0};
}

void Origin::fail(const YAML::Node& node, const std::string& key, const std::string& expected,
                  const std::string& found) const {
  throw InputError(mark(node, key), key, expected, found);
}

YAML::Node read_yaml_file(const std::string& path, const std::string& what,
                          const std::string& empty_expected) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError({path, 0, 0}, "", what + " file", "a directory");
  if (!std::filesystem::is_regular_file(path, ec))
    throw InputError({path, 0, 0}, "", what + " file", "no such file");
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::ParserException& e) {
    if (const auto tab = first_indenting_tab(path); tab && *tab <= e.mark.line + 1)
      throw InputError({path, *tab, 1}, "", "indentation with spaces (YAML does not allow tabs)",
                       fmt::format("a tab at the start of line {} (the YAML parser then says: {})",
                                   *tab, e.msg));
    throw InputError({path, e.mark.line + 1, e.mark.column + 1}, "", "valid YAML", e.msg);
  } catch (const YAML::Exception& e) {
    throw InputError({path, 0, 0}, "", "a readable YAML file", e.msg);
  }
  if (!root.IsDefined() || root.IsNull())
    throw InputError({path, 0, 0}, "", empty_expected, "an empty file");
  return root;
}

std::string describe(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsMap()) return "a map";
  if (node.IsSequence())
    return "a list of " + std::to_string(node.size()) + (node.size() == 1 ? " entry" : " entries");
  std::string text = node.Scalar();
  std::replace(text.begin(), text.end(), '\n', ' ');
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return "'" + text + "'";
}

std::optional<std::string> did_you_mean(const std::string& word,
                                        const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(1, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) best_distance = d, best = c;
  }
  if (!best && word.size() >= 3)
    for (const auto& c : candidates)
      if (c.starts_with(word)) return c;  // "speed" for "speed_kmh"
  return best;
}

std::string one_of(const std::vector<std::string>& options, const std::string& word) {
  std::string out = options.size() == 1 ? options[0] : "one of " + join(options);
  if (auto guess = did_you_mean(word, options)) out += " (did you mean '" + *guess + "'?)";
  return out;
}

MapReader::MapReader(const Origin& origin, YAML::Node node, std::string path,
                     std::vector<std::string> allowed)
    : origin_(origin), node_(std::move(node)), path_(std::move(path)) {
  if (!node_.IsMap()) {
    SourceMark where = origin_.mark(node_, path_);
    // Where the parent reader saw this value; better for a null, which has no place of its own.
    if (origin_.marks && origin_.marks->count(path_)) where = origin_.marks->at(path_);
    throw InputError(where, path_.empty() ? "(top level)" : path_, "a map of keys",
                     describe(node_));
  }
  std::set<std::string> seen;
  for (const auto& kv : node_) {
    if (!kv.first.IsScalar())
      origin_.fail(kv.first, path_.empty() ? "(top level)" : path_, "a key name",
                   describe(kv.first));
    const std::string key = kv.first.Scalar();
    const std::string key_path = this->path(key);
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      const auto guess = did_you_mean(key, allowed);
      const std::string expected = guess ? "a key of " + (path_.empty() ? "the scenario" : path_) +
                                               " (did you mean '" + *guess + "'?)"
                                         : "one of the keys " + join(allowed);
      origin_.fail(kv.first, key_path, expected, "unknown key '" + key + "'");
    }
    if (!seen.insert(key).second)
      origin_.fail(kv.first, key_path, "each key once", "'" + key + "' a second time");
    if (origin_.marks) (*origin_.marks)[key_path] = mark(key);
  }
}

YAML::Node MapReader::required(const std::string& key) const {
  YAML::Node n = node_[key];
  if (!n)
    origin_.fail(node_, path(key), "the required key '" + key + "'",
                 path_.empty() ? "it missing" : "it missing from " + path_);
  return n;
}

SourceMark MapReader::mark(const std::string& key) const {
  for (const auto& kv : node_) {
    if (!kv.first.IsScalar() || kv.first.Scalar() != key) continue;
    // An empty value has no place of its own: yaml-cpp marks it where the next token starts.
    const bool value_placed = !kv.second.IsNull() && !kv.second.Mark().is_null();
    return origin_.mark(value_placed ? kv.second : kv.first, path(key));
  }
  return origin_.mark(node_, path(key));
}

void MapReader::fail(const std::string& key, const std::string& expected) const {
  throw InputError(mark(key), path(key), expected, describe(node_[key]));
}

std::string MapReader::string(const std::string& key, const std::string& fallback) const {
  YAML::Node n = node_[key];
  if (!n) return fallback;
  if (!n.IsScalar()) fail(key, "a text");
  return n.Scalar();
}

long long MapReader::integer(const std::string& key, long long fallback, long long min,
                             long long max) const {
  YAML::Node n = node_[key];
  if (!n) return fallback;
  long long v = 0;
  if (!n.IsScalar() || !YAML::convert<long long>::decode(n, v) || v < min || v > max)
    fail(key, max == LLONG_MAX
                  ? "a whole number >= " + std::to_string(min)
                  : "a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  return v;
}

double MapReader::number(const std::string& key, double fallback, double min, double max) const {
  YAML::Node n = node_[key];
  if (!n) return fallback;
  double v = 0;
  if (!n.IsScalar() || !YAML::convert<double>::decode(n, v) || !std::isfinite(v) || v < min ||
      v > max)
    fail(key, "a number from " + format_number(min) + " to " + format_number(max));
  return v;
}

sim::Time MapReader::duration(const std::string& key, sim::Time fallback, bool allow_zero) const {
  YAML::Node n = node_[key];
  if (!n) return fallback;
  const auto v = n.IsScalar() ? parse_duration(n.Scalar()) : std::nullopt;
  if (!v || (!allow_zero && *v == 0))
    fail(key, std::string(allow_zero ? "a duration" : "a duration above zero") +
                  " with units, like 90s, 30m, 1h30m");
  return *v;
}

double MapReader::distance_m(const std::string& key, double fallback) const {
  YAML::Node n = node_[key];
  if (!n) return fallback;
  const auto v = n.IsScalar() ? parse_distance_m(n.Scalar()) : std::nullopt;
  if (!v || *v <= 0) fail(key, "a distance above zero with units, like 800m or 1.5km");
  return *v;
}

sim::Time MapReader::time_of_day(const std::string& key, sim::Time fallback) const {
  YAML::Node n = node_[key];
  if (!n) return fallback;
  const auto v = n.IsScalar() ? parse_time_of_day(n.Scalar()) : std::nullopt;
  if (!v) fail(key, "a time of day \"HH:MM\" or \"HH:MM:SS\" from 00:00 to 24:00");
  return *v;
}

std::string MapReader::choice(const std::string& key, const std::string& fallback,
                              const std::vector<std::string>& options) const {
  const std::string v = string(key, fallback);
  if (std::find(options.begin(), options.end(), v) == options.end()) fail(key, one_of(options, v));
  return v;
}

YAML::Node MapReader::list(const std::string& key, const std::string& what) const {
  YAML::Node n = node_[key];
  if (!n.IsSequence()) fail(key, "a list of " + what);
  return n;
}

bool is_safe_name(const std::string& s) {
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (s.empty() || s.size() > 100 || !alnum(s[0])) return false;
  return std::all_of(s.begin(), s.end(),
                     [&](char c) { return alnum(c) || c == '.' || c == '_' || c == '-'; });
}

routing::LatLon lat_lon_of(const MapReader& m) {
  m.required("lat");
  m.required("lon");
  const double lon = m.number("lon", 0, -180, 180);
  double lat = 0;
  const YAML::Node n = m.get("lat");
  const bool number = n.IsScalar() && YAML::convert<double>::decode(n, lat) && std::isfinite(lat);
  if (number && (lat < -90 || lat > 90) && lat >= -180 && lat <= 180 && lon >= -90 && lon <= 90)
    throw InputError(m.mark("lat"), m.path("lat"), "a number from -90 to 90",
                     fmt::format("'{}' (latitude and longitude look swapped: lat: {:g}, lon: "
                                 "{:g} would be a valid location)",
                                 n.Scalar(), lon, lat));
  return {m.number("lat", 0, -90, 90), lon};
}

routing::LatLon read_lat_lon(const MapReader& parent, const std::string& key) {
  MapReader m(parent.origin(), parent.required(key), parent.path(key), {"lat", "lon"});
  return lat_lon_of(m);
}

std::string resolve_path(const std::string& yaml_file, const std::string& p) {
  std::filesystem::path path(p);
  if (path.is_relative()) path = std::filesystem::path(yaml_file).parent_path() / path;
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  return (ec ? path : absolute).lexically_normal().string();
}

}  // namespace scenarios::detail
