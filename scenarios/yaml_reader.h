// Reading a YAML map with validation: every key known, every value of the expected type and
// range, every error an InputError with file, line, column and the key's dotted path.
// Internal to the scenario loader.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "routing/geo.h"
#include "scenarios/input_error.h"
#include "sim/engine/time.h"

namespace scenarios::detail {

// Where the YAML came from: the file, and the --set overrides that replaced parts of it.
struct Origin {
  std::string file;
  std::vector<std::pair<std::string, std::string>> overrides;  // dotted path, the whole --set text
  std::map<std::string, SourceMark>* marks = nullptr;  // every key read -> where its value is

  // Where the node for dotted path `key` was written: in the file, or in a --set.
  SourceMark mark(const YAML::Node& node, const std::string& key) const;
  [[noreturn]] void fail(const YAML::Node& node, const std::string& key,
                         const std::string& expected, const std::string& found) const;
};

// A YAML file's top node. A missing file, a folder, broken YAML or an empty file is an
// InputError: `what` names the kind of file ("a scenario"), `empty_expected` what an empty
// one should have held.
YAML::Node read_yaml_file(const std::string& path, const std::string& what,
                          const std::string& empty_expected);

// What a node holds, as an error message shows it: 'text', a map, a list of 3 entries, nothing.
std::string describe(const YAML::Node& node);

// The closest of `candidates` to `word` by edit distance, if close enough to be a typo.
std::optional<std::string> did_you_mean(const std::string& word,
                                        const std::vector<std::string>& candidates);

// "one of a, b, c", with "(did you mean 'b'?)" when `word` is close to one of them.
std::string one_of(const std::vector<std::string>& options, const std::string& word);

// One map of the scenario, at dotted path `path`. Accessors return the fallback when the key is
// absent and throw InputError when it is present but wrong.
class MapReader {
 public:
  // Fails unless `node` is a map whose keys are all in `allowed`, each once.
  MapReader(const Origin& origin, YAML::Node node, std::string path,
            std::vector<std::string> allowed);

  bool has(const std::string& key) const { return bool(node_[key]); }
  YAML::Node get(const std::string& key) const { return node_[key]; }
  YAML::Node required(const std::string& key) const;
  std::string path(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
  // Where the value of `key` is (the key itself when the value is empty; the map when absent).
  SourceMark mark(const std::string& key) const;
  [[noreturn]] void fail(const std::string& key, const std::string& expected) const;

  std::string string(const std::string& key, const std::string& fallback) const;
  long long integer(const std::string& key, long long fallback, long long min, long long max) const;
  double number(const std::string& key, double fallback, double min, double max) const;
  sim::Time duration(const std::string& key, sim::Time fallback, bool allow_zero) const;
  double distance_m(const std::string& key, double fallback) const;
  sim::Time time_of_day(const std::string& key, sim::Time fallback) const;
  // A value from `options`, as text.
  std::string choice(const std::string& key, const std::string& fallback,
                     const std::vector<std::string>& options) const;
  // A list, or fails with "a list of `what`".
  YAML::Node list(const std::string& key, const std::string& what) const;

  const Origin& origin() const { return origin_; }

 private:
  const Origin& origin_;
  YAML::Node node_;
  std::string path_;
};

// Absolute and normalised; a relative `p` is taken from the folder of `yaml_file`.
std::string resolve_path(const std::string& yaml_file, const std::string& p);

// Names and ids end up in folder and file names: no slashes, no leading dot.
bool is_safe_name(const std::string& s);
inline constexpr const char* kSafeNameExpected =
    "1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit";

// The required map `key` of `parent` as {lat, lon}, both required; a latitude beyond +-90 whose
// longitude would be a valid latitude fails saying the two look swapped.
routing::LatLon read_lat_lon(const MapReader& parent, const std::string& key);
// The same for `lat` and `lon` keys of `m` itself (a hotspot).
routing::LatLon lat_lon_of(const MapReader& m);

}  // namespace scenarios::detail
