// Reading a YAML map with validation: every key known, every value of the expected type and
// range, every error an InputError with file, line, column and the key's dotted path.
// Internal to the scenario loader.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "scenarios/input_error.h"
#include "sim/engine/time.h"

namespace scenarios::detail {

// Where the YAML came from: the file, and the --set overrides that may have made a node.
struct Origin {
  std::string file;
  std::vector<std::pair<std::string, std::string>> overrides;  // dotted path, the whole --set text

  SourceMark mark(const YAML::Node& node, const std::string& key) const;
  [[noreturn]] void fail(const YAML::Node& node, const std::string& key, const std::string& expected,
                         const std::string& found) const;
};

// What a node holds, as an error message shows it.
std::string describe(const YAML::Node& node);

// The closest of `candidates` to `word` by edit distance, if close enough to be a typo.
std::optional<std::string> did_you_mean(const std::string& word,
                                        const std::vector<std::string>& candidates);

class MapReader {
 public:
  // Fails unless `node` is a map whose keys are all in `allowed`.
  MapReader(const Origin& origin, YAML::Node node, std::string path,
            std::vector<std::string> allowed);

  bool has(const std::string& key) const { return bool(node_[key]); }
  YAML::Node node() const { return node_; }
  YAML::Node get(const std::string& key) const { return node_[key]; }
  YAML::Node required(const std::string& key) const;
  std::string path(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
  SourceMark mark(const std::string& key) const;
  [[noreturn]] void fail(const std::string& key, const std::string& expected) const;

  std::string string(const std::string& key, const std::string& fallback) const;
  long long integer(const std::string& key, long long fallback, long long min) const;
  double number(const std::string& key, double fallback, double min, double max) const;
  sim::Time duration(const std::string& key, sim::Time fallback, bool allow_zero) const;
  double distance_m(const std::string& key, double fallback) const;
  sim::Time time_of_day(const std::string& key, sim::Time fallback) const;

  const Origin& origin() const { return origin_; }

 private:
  const Origin& origin_;
  YAML::Node node_;
  std::string path_;
};

}  // namespace scenarios::detail
