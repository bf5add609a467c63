#include "scenarios/overrides.h"

#include <cctype>
#include <charconv>
#include <variant>
#include <vector>

#include <fmt/core.h>

namespace scenarios::detail {

namespace {

using Step = std::variant<std::string, std::size_t>;  // a map key or a list index

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

bool is_key_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

// "a.b[2].c" -> a, b, 2, c. Empty on bad syntax.
std::vector<Step> parse_path(const std::string& path) {
  std::vector<Step> steps;
  std::size_t i = 0;
  while (true) {
    const std::size_t start = i;
    while (i < path.size() && is_key_char(path[i])) ++i;
    if (i == start) return {};
    steps.emplace_back(path.substr(start, i - start));
    while (i < path.size() && path[i] == '[') {
      const std::size_t digits = ++i;
      while (i < path.size() && std::isdigit(static_cast<unsigned char>(path[i]))) ++i;
      std::size_t index = 0;
      const auto [end, ec] = std::from_chars(path.data() + digits, path.data() + i, index);
      if (i == digits || ec != std::errc() || i >= path.size() || path[i] != ']') return {};
      steps.emplace_back(index);
      ++i;
    }
    if (i == path.size()) return steps;
    if (path[i] != '.') return {};
    ++i;
  }
}

}  // namespace

void apply_override(YAML::Node root, const std::string& text, Origin& origin) {
  const SourceMark where{"--set " + text, 0, 0};
  const auto eq = text.find('=');
  const std::string path = trim(text.substr(0, eq));
  const std::vector<Step> steps = eq == std::string::npos ? std::vector<Step>{} : parse_path(path);
  if (steps.empty())
    throw InputError(where, "", "KEY=VALUE with KEY a dotted path like fleet.riders[0].count",
                     "'" + text + "'");
  const std::string value_text = trim(text.substr(eq + 1));
  YAML::Node value;
  try {
    value = YAML::Load(value_text);
  } catch (const YAML::Exception& e) {
    throw InputError(where, path, "a YAML value", "'" + value_text + "' (" + e.msg + ")");
  }

  YAML::Node node = root;
  std::string so_far;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const bool last = i + 1 == steps.size();
    if (const auto* key = std::get_if<std::string>(&steps[i])) {
      if (!node.IsMap() && !node.IsNull())
        throw InputError(where, so_far, "a map, to hold '" + *key + "'", describe(node));
      if (!so_far.empty()) so_far += '.';
      so_far += *key;
      if (last) {
        node[*key] = value;
      } else {
        if (!node[*key]) node[*key] = YAML::Node(YAML::NodeType::Map);
        node.reset(node[*key]);
      }
    } else {
      const std::size_t index = std::get<std::size_t>(steps[i]);
      if (!node.IsSequence())
        throw InputError(where, so_far, fmt::format("a list, to index with [{}]", index),
                         describe(node));
      so_far += fmt::format("[{}]", index);
      if (index >= node.size())
        throw InputError(where, so_far,
                         node.size() == 0 ? std::string("an index into a non-empty list")
                                          : fmt::format("an index from 0 to {}", node.size() - 1),
                         std::to_string(index));
      if (last) {
        node[index] = value;
      } else {
        node.reset(node[index]);
      }
    }
  }
  origin.overrides.emplace_back(so_far, text);
}

}  // namespace scenarios::detail
