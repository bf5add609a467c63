// What the scenario commands (run, validate, view, bench) share: the scenario's options from the
// command line, loading it with its overrides, and loading its road network with the importer's
// report.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "routing/road_network.h"
#include "scenarios/scenario.h"

namespace CLI {
class App;
}

struct RunOptions {
  std::string scenario;
  std::string out;
  std::optional<std::uint64_t> seed;
  std::vector<std::string> sets;
  bool quiet = false;
  int threads = 0;
  int replications = 1;
  bool record_twin = false;
  bool geo = false;  // also write map.geojson
  std::string twin_period = "30s";
  std::vector<std::string> checkpoint_at;  // TIME FILE
};

// Adds the positional scenario and --set, --seed, --threads to `cmd`.
void add_scenario_options(CLI::App* cmd, RunOptions& opt);

// The --set overrides, with --seed and --out as overrides of their keys.
std::vector<std::string> overrides_of(const RunOptions& opt);

// The scenario with its overrides; its warnings go to stderr. Throws scenarios::InputError, also
// for an MDRP scenario (it has no road map: only run, validate and sweep take it).
scenarios::Scenario load_map_scenario(const RunOptions& opt);

// The scenario's road network; what the map importer kept and left out goes to stderr on every
// command that loads one, so no part of a map is lost without a word. Throws routing::MapError.
std::shared_ptr<const routing::RoadNetwork> load_network_reported(const scenarios::Scenario& s);

// Throws scenarios::InputError for a command-line option: `option` expected `expected`, found
// `found`.
[[noreturn]] void bad_option(const std::string& option, const std::string& expected,
                             const std::string& found);

// A scenario time from a time-of-day option (HH:MM or HH:MM:SS): the first time it is that time
// of day, which must fall inside the simulated window (the orders' hours and the drain after
// them). Throws scenarios::InputError naming `option` otherwise.
sim::Time window_time(const std::string& option, const std::string& text,
                      const model::WorldConfig& w);
