// The scenario as it runs, written back as YAML in the layout it is read in, every default
// filled in; loading the text again gives the same Scenario. Internal to the scenario loader.
#pragma once

#include <string>

#include "scenarios/scenario.h"

namespace scenarios::detail {

std::string emit_resolved(const Scenario& s);

}  // namespace scenarios::detail
