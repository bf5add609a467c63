#include "sim/twin/json_text.h"

#include <nlohmann/json.hpp>

namespace twin {

using json = nlohmann::json;

std::string shorten(std::string s) {
  constexpr std::size_t kShown = 80;
  for (char& c : s)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  if (s.size() > kShown) s = s.substr(0, kShown - 3) + "...";
  return s;
}

std::string describe(const json& j) {
  switch (j.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "an array";
    case json::value_t::string:
      return shorten("\"" + j.get_ref<const std::string&>() + "\"");
    default:
      return shorten(j.dump(-1, ' ', false, json::error_handler_t::replace));
  }
}

bool nested_deeper_than(std::string_view raw, int max_depth) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (const char c : raw) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

}  // namespace twin
