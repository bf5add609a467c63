#include "scenarios/yaml_reader.h"

#include <algorithm>
#include <cmath>

#include "scenarios/units.h"

namespace scenarios::detail {

SourceMark Origin::mark(const YAML::Node& node, const std::string& key) const {
  const YAML::Mark m = node.IsDefined() ? node.Mark() : YAML::Mark::null_mark();
  if (!m.is_null()) return {file, m.line + 1, m.column + 1};
  // A node without a place in the file came from an override of it or of a parent.
  for (const auto& [path, text] : overrides)
    if (key == path || key.starts_with(path + ".") || key.starts_with(path + "["))
      return {"--set " + text, 0, 0};
  return {file, 0, 0};
}

void Origin::fail(const YAML::Node& node, const std::string& key, const std::string& expected,
                  const std::string& found) const {
  throw InputError(mark(node, key), key, expected, found);
}

std::string describe(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsMap()) return "a map";
  if (node.IsSequence()) return "a list of " + std::to_string(node.size());
  return "'" + node.Scalar() + "'";
}

std::optional<std::string> did_you_mean(const std::string& word,
                                        const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    std::vector<std::size_t> prev(c.size() + 1), cur(c.size() + 1);
    for (std::size_t j = 0; j <= c.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= word.size(); ++i) {
      cur[0] = i;
      for (std::size_t j = 1; j <= c.size(); ++j)
        cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (word[i - 1] != c[j - 1])});
      std::swap(prev, cur);
    }
    if (prev[c.size()] < best_d) best_d = prev[c.size()], best = c;
  }
  return best;
}

MapReader::MapReader(const Origin& origin, YAML::Node node, std::string path,
                     std::vector<std::string> allowed)
    : origin_(origin), node_(std::move(node)), path_(std::move(path)) {
  if (!node_.IsMap())
    origin_.fail(node_, path_.empty() ? "(top level)" : path_, "a map of keys", describe(node_));
  for (const auto& kv : node_) {
    const std::string key = kv.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string expected = "one of the keys";
    for (std::size_t i = 0; i < allowed.size(); ++i) expected += (i ? ", " : " ") + allowed[i];
    if (auto guess = did_you_mean(key, allowed)) expected = "'" + *guess + "' (did you mean it?)";
    throw InputError(origin_.mark(kv.first, this->path(key)), this->path(key), expected,
                     "unknown key '" + key + "'");
  }
}

YAML::Node MapReader::required(const std::string& key) const {
  YAML::Node n = node_[key];
  if (!n) throw InputError(origin_.mark(node_, path_), path(key), "this required key", "it missing");
  return n;
}

SourceMark MapReader::mark(const std::string& key) const {
  YAML::Node n = node_[key];
  return origin_.mark(n ? n : node_, path(key));
}

void MapReader::fail(const std::string& key, const std::string& expected) const {
  YAML::Node n = node_[key];
  throw InputError(mark(key), path(key), expected, describe(n));
}

std::string MapReader::string(const std::string& key, const std::string& fallback) const {
  YAML::Node n = node_[key];
  if (!n) return fallback;
  if (!n.IsScalar()) fail(key, "a text");
  return n.Scalar();
}

long long MapReader::integer(const std::string& key, long long fallback, long long min) const {
  YAML::Node n = node_[key];
  if (!n) return fallback;
  const std::string expected = "a whole number >= " + std::to_string(min);
  long long v = 0;
  if (!n.IsScalar() || !YAML::convert<long long>::decode(n, v) || v < min) fail(key, expected);
  return v;
}

double MapReader::number(const std::string& key, double fallback, double min, double max) const {
  YAML::Node n = node_[key];
  if (!n) return fallback;
  double v = 0;
  if (!n.IsScalar() || !YAML::convert<double>::decode(n, v) || !std::isfinite(v) || v < min ||
      v > max) {
    std::string range = "a number";
    if (max < 1e300) {
      range += " from " + format_number(min) + " to " + format_number(max);
    } else {
      range += " >= " + format_number(min);
    }
    fail(key, range);
  }
  return v;
}

sim::Time MapReader::duration(const std::string& key, sim::Time fallback, bool allow_zero) const {
  YAML::Node n = node_[key];
  if (!n) return fallback;
  const auto v = n.IsScalar() ? parse_duration(n.Scalar()) : std::nullopt;
  if (!v || (!allow_zero && *v == 0))
    fail(key, std::string("a duration like 90s, 30m, 1h30m") + (allow_zero ? "" : ", above zero"));
  return *v;
}

double MapReader::distance_m(const std::string& key, double fallback) const {
  YAML::Node n = node_[key];
  if (!n) return fallback;
  const auto v = n.IsScalar() ? parse_distance_m(n.Scalar()) : std::nullopt;
  if (!v || *v <= 0) fail(key, "a distance like 800m or 3km, above zero");
  return *v;
}

sim::Time MapReader::time_of_day(const std::string& key, sim::Time fallback) const {
  YAML::Node n = node_[key];
  if (!n) return fallback;
  const auto v = n.IsScalar() ? parse_time_of_day(n.Scalar()) : std::nullopt;
  if (!v) fail(key, "a time of day like \"07:00\" (00:00 to 24:00)");
  return *v;
}

}  // namespace scenarios::detail
