// `--set` overrides: "fleet.riders[0].count=40" replaces one value of the YAML tree before it is
// validated. Internal to the scenario loader.
#pragma once

#include <string>

#include <yaml-cpp/yaml.h>

#include "scenarios/yaml_reader.h"

namespace scenarios::detail {

// Sets the value at a dotted path with [index] or [id] steps (an entry's `id`, or in a list of
// entries without ids its `store`: stores[monte-carlo], fleet.riders[monte-carlo]); the value is
// parsed as YAML. Missing map
// keys are created. Records the path in `origin` so later errors about it point at the --set.
// Throws InputError (file "--set TEXT") on bad syntax, an index out of range, an id that names
// no entry (with a "did you mean") or several, or a path through a scalar.
void apply_override(YAML::Node root, const std::string& text, Origin& origin);

}  // namespace scenarios::detail
