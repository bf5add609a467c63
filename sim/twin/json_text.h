// What the twin's parsers of untrusted JSON (messages.h, live_whatif.h) share when they refuse
// something: a value as a rejection's "found" shows it, and a nesting check done on the raw bytes
// before the parser (which recurses) sees them.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

namespace twin {

// `s` with control characters as spaces, cut to 80 characters ("..." at the end when cut).
std::string shorten(std::string s);
// A value as a rejection shows it: "an object", "an array", "null", a string in quotes, a number
// or boolean as written; shortened.
std::string describe(const nlohmann::json& j);
// Whether `raw` nests arrays and objects deeper than `max_depth` (brackets inside strings do not
// count). Malformed JSON is not detected here.
bool nested_deeper_than(std::string_view raw, int max_depth);

}  // namespace twin
