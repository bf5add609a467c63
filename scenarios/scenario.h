// A scenario as loaded from YAML: the model's WorldConfig plus what only the run needs (name,
// network source, output folder), and where each key came from for error messages.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "routing/grid.h"
#include "routing/road_network.h"
#include "scenarios/input_error.h"
#include "sim/model/world_config.h"

namespace scenarios {

struct OsmSource {
  std::string path;  // resolved against the scenario file's folder
};

struct Scenario {
  std::string name;
  std::string file;  // the YAML file it came from
  model::WorldConfig world;
  std::variant<routing::GridSpec, OsmSource> network;
  std::string output_dir = "out";
  std::string trace_path;  // demand.trace resolved like OsmSource::path; empty without a trace
  // The ids of drones.no_fly zones, parallel to world.drones.no_fly (empty where none was given);
  // the model's zones have none.
  std::vector<std::string> no_fly_ids;
  // Dotted key path -> where it was written, for errors found after loading (e.g. a store off the
  // map).
  std::map<std::string, SourceMark> marks;
  // What the scenario does that its author may not expect, for the command line to print on
  // stderr (e.g. trace rows after the end of the run). Loading succeeded despite them.
  std::vector<std::string> warnings;
  // The scenario with overrides applied and every default filled in, as YAML text.
  std::string resolved_yaml;

  SourceMark mark(const std::string& key) const;
};

// Loads and validates a scenario. `overrides` are "dotted.key[0].path=value" strings applied
// before validation (value parsed as YAML). Throws InputError on any problem.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});

// Builds the road network the scenario names and checks the scenario against it (every store
// within reach of a road). Throws InputError pointing at the scenario's key on a bad map.
std::shared_ptr<const routing::RoadNetwork> load_network(const Scenario& scenario);

}  // namespace scenarios
