#include "scenarios/overrides.h"

#include <algorithm>
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

// A list entry named by its id, "stores[monte-carlo]": the entry whose `id` is the name, or in a
// list whose entries have no `id` (fleet.riders) the one whose `store` is.
struct EntryId {
  std::string name;
};
using PathStep = std::variant<std::string, std::size_t, EntryId>;

// "a.b[2].c[x]" -> a, b, 2, c, id x. Empty on bad syntax.
std::vector<PathStep> parse_path(const std::string& path) {
  std::vector<PathStep> steps;
  std::size_t i = 0;
  while (true) {
    const std::size_t start = i;
    while (i < path.size() && is_key_char(path[i])) ++i;
    if (i == start) return {};
    steps.emplace_back(path.substr(start, i - start));
    while (i < path.size() && path[i] == '[') {
      const std::size_t first = ++i;
      while (i < path.size() && path[i] != ']') ++i;
      if (i == first || i >= path.size()) return {};
      const std::string inside = path.substr(first, i - first);
      ++i;
      if (std::all_of(inside.begin(), inside.end(),
                      [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        std::size_t index = 0;
        const auto [end, ec] = std::from_chars(inside.data(), inside.data() + inside.size(), index);
        if (ec != std::errc() || end != inside.data() + inside.size()) return {};
        steps.emplace_back(index);
      } else if (std::all_of(inside.begin(), inside.end(),
                             [](char c) { return is_key_char(c) || c == '.'; })) {
        steps.emplace_back(EntryId{inside});
      } else {
        return {};
      }
    }
    if (i == path.size()) return steps;
    if (path[i] != '.') return {};
    ++i;
  }
}

std::string scalar_at(const YAML::Node& entry, const char* key) {
  if (!entry.IsDefined() || !entry.IsMap()) return "";
  const YAML::Node v = entry[key];
  return v.IsDefined() && v.IsScalar() ? v.Scalar() : "";
}

// The path with every entry id replaced by the index of the entry it names in `root`; throws
// InputError when a name matches no entry (with a "did you mean") or several.
std::vector<Step> resolve_ids(const YAML::Node& root, const std::vector<PathStep>& path,
                              const SourceMark& where) {
  std::vector<Step> steps;
  // Nodes are references: assigning one to another would overwrite the tree, so each step's node
  // is a new element here (read through const access, which never adds a key).
  std::vector<YAML::Node> at{root};
  std::string so_far;
  for (const PathStep& step : path) {
    if (const auto* key = std::get_if<std::string>(&step)) {
      steps.emplace_back(*key);
      so_far += (so_far.empty() ? "" : ".") + *key;
      const YAML::Node& node = at.back();
      at.push_back(node.IsDefined() && node.IsMap() ? node[*key] : YAML::Node());
      continue;
    }
    if (const auto* index = std::get_if<std::size_t>(&step)) {
      steps.emplace_back(*index);
      so_far += fmt::format("[{}]", *index);
      const YAML::Node& node = at.back();
      at.push_back(node.IsDefined() && node.IsSequence() && *index < node.size() ? node[*index]
                                                                                 : YAML::Node());
      continue;
    }
    const YAML::Node& node = at.back();
    const std::string& name = std::get<EntryId>(step).name;
    if (!node.IsDefined() || !node.IsSequence())
      throw InputError(where, so_far, "a list, to pick its entry '" + name + "' by id",
                       describe(node));
    bool any_id = false;
    for (const auto& entry : node) any_id = any_id || !scalar_at(entry, "id").empty();
    const char* field = any_id ? "id" : "store";
    std::vector<std::size_t> matches;
    std::vector<std::string> names;
    for (std::size_t j = 0; j < node.size(); ++j) {
      const std::string v = scalar_at(node[j], field);
      if (v == name) matches.push_back(j);
      if (!v.empty() && std::find(names.begin(), names.end(), v) == names.end()) names.push_back(v);
    }
    const std::string what = fmt::format("[{}]", name);
    if (matches.empty())
      throw InputError(where, so_far + what,
                       names.empty()
                           ? fmt::format("an index: no entry of {} has an {}", so_far, field)
                           : fmt::format("an entry's {}: {}", field, one_of(names, name)),
                       "'" + name + "'");
    if (matches.size() > 1) {
      std::string list;
      for (std::size_t j : matches) list += fmt::format("{}[{}]", list.empty() ? "" : ", ", j);
      throw InputError(
          where, so_far + what, fmt::format("a {} that names one entry, or an index", field),
          fmt::format("{} entries with {} '{}': {}", matches.size(), field, name, list));
    }
    steps.emplace_back(matches.front());
    so_far += fmt::format("[{}]", matches.front());
    at.push_back(node[matches.front()]);
  }
  return steps;
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
  const std::vector<PathStep> parsed =
      eq == std::string::npos ? std::vector<PathStep>{} : parse_path(path);
  if (parsed.empty())
    throw InputError(where, "",
                     "KEY=VALUE with KEY a dotted path like fleet.riders[0].count or "
                     "stores[monte-carlo].pickers",
                     "'" + text + "'");
  const std::string value_text = trim(text.substr(eq + 1));
  YAML::Node value;
  try {
    value = YAML::Load(value_text);
  } catch (const YAML::Exception& e) {
    throw InputError(where, path, "a YAML value", "'" + value_text + "' (" + e.msg + ")");
  }
  if (!root.IsMap()) throw InputError(where, "", "a scenario that is a map", describe(root));
  const std::vector<Step> steps = resolve_ids(root, parsed, where);

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
