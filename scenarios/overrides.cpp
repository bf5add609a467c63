#include "scenarios/overrides.h"

#include <cctype>
#include <charconv>
#include <utility>
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

// Where a --set writes: the whole path is checked and rebuilt before the tree is touched, so a
// --set that fails changes nothing.
struct Writer {
  const SourceMark& where;
  const std::vector<Step>& steps;
  const YAML::Node& value;

  // A copy of `node` (what dotted path `so_far` holds; steps[i..] lead below it) with the value
  // written at the end of the path. Each container on the path is a new node of its own that
  // holds the very nodes of the old one beside the path: an alias (*name) shares one node with
  // its anchor (&name), so writing into the old container would change every place that uses
  // it, while the new one belongs to this path alone. Nodes beside the path keep their marks.
  YAML::Node rebuilt(const YAML::Node& node, std::size_t i, const std::string& so_far) const {
    if (i == steps.size()) return value;
    if (const auto* key = std::get_if<std::string>(&steps[i])) {
      if (node.IsDefined() && !node.IsMap() && !node.IsNull())
        throw InputError(where, so_far, "a map, to hold '" + *key + "'", describe(node));
      const std::string path = so_far.empty() ? *key : so_far + "." + *key;
      YAML::Node fresh(YAML::NodeType::Map);
      bool found = false;
      if (node.IsMap())
        for (const auto& kv : node) {
          const bool match = !found && kv.first.IsScalar() && kv.first.Scalar() == *key;
          found = found || match;
          fresh.force_insert(kv.first, match ? rebuilt(kv.second, i + 1, path) : kv.second);
        }
      if (!found) fresh.force_insert(*key, rebuilt(YAML::Node(), i + 1, path));  // a new key
      return fresh;
    }
    const std::size_t index = std::get<std::size_t>(steps[i]);
    if (!node.IsSequence())
      throw InputError(where, so_far, fmt::format("a list, to index with [{}]", index),
                       describe(node));
    const std::string path = so_far + fmt::format("[{}]", index);
    if (index >= node.size())
      throw InputError(where, path,
                       node.size() == 0 ? std::string("an index into a non-empty list")
                                        : fmt::format("an index from 0 to {}", node.size() - 1),
                       std::to_string(index));
    YAML::Node fresh(YAML::NodeType::Sequence);
    for (std::size_t j = 0; j < node.size(); ++j)
      fresh.push_back(j == index ? rebuilt(node[j], i + 1, path) : node[j]);
    return fresh;
  }
};

// "a.b[2].c" from its steps.
std::string path_text(const std::vector<Step>& steps) {
  std::string out;
  for (const Step& step : steps)
    if (const auto* key = std::get_if<std::string>(&step))
      out += (out.empty() ? "" : ".") + *key;
    else
      out += fmt::format("[{}]", std::get<std::size_t>(step));
  return out;
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
  if (!root.IsMap()) throw InputError(where, "", "a scenario that is a map", describe(root));

  // The top level is written in place, keeping its order of keys and its marks (no scenario key
  // can hold an alias of the whole document).
  const Writer writer{where, steps, value};
  const YAML::Node top = writer.rebuilt(root, 0, "");
  std::vector<YAML::Node> old_keys;
  for (const auto& kv : root) old_keys.push_back(kv.first);
  for (const auto& k : old_keys) root.remove(k);
  for (const auto& kv : top) root.force_insert(kv.first, kv.second);
  origin.overrides.emplace_back(path_text(steps), text);
}

}  // namespace scenarios::detail
