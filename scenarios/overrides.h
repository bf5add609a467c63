// `--set` overrides: "fleet.riders[0].count=40" replaces one value of the YAML tree before it is
// validated. Internal to the scenario loader.
#pragma once

#include <string>

#include <yaml-cpp/yaml.h>

#include "scenarios/yaml_reader.h"

namespace scenarios::detail {

// Sets the value at a dotted path with [index] steps; the value is parsed as YAML. Missing map
// keys are created. Records the path in `origin` so later errors about it point at the --set.
// Throws InputError (file "--set TEXT") on bad syntax, an index out of range, or a path
// through a scalar.
void apply_override(YAML::Node root, const std::string& text, Origin& origin);

}  // namespace scenarios::detail
