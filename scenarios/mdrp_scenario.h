// An MDRP scenario: a YAML file that runs a Meal Delivery Routing Problem instance through
// `halfhour run` and `halfhour sweep`. Its network is euclidean (travel on a plane at a speed,
// rounded up to whole minutes), its demand the instance's folder; the rules, terms and dispatch
// policy are keys, defaulting to the instance's own parameters. `halfhour import mdrp` writes one.
//
//   name: grubhub-0o100t100s1p100
//   network: {mode: euclidean, metres_per_minute: 320}
//   demand: {mdrp: mdrp/0o100t100s1p100}      # relative to this file
//   service: {pickup: 4min, dropoff: 4min}
//   promise: {target: 40min, maximum: 90min}
//   pay: {per_order: 10, per_hour: 15}
//   dispatch: {policy: rolling_horizon, epoch: 2min, horizon: 10min, ready_gap: 5min}
//   output: {dir: out}
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "routing/mdrp_dispatch.h"
#include "sim/model/mdrp_instance.h"

namespace scenarios {

struct MdrpScenario {
  std::string name;
  std::string instance_dir;      // absolute
  model::MdrpInstance instance;  // with the scenario's rules and terms
  std::string policy = "rolling_horizon";
  routing::MdrpRollingHorizonParams rolling;
  std::uint64_t seed = 0;  // kept for sweeps; the MDRP day has no randomness
  std::string output_dir = "out";
  std::string resolved_yaml;  // every key, defaults filled in
};

// Whether `path` is a YAML map whose demand names an MDRP instance (demand.mdrp). False for
// anything else, broken files included: the regular loader reports those.
bool is_mdrp_scenario(const std::string& path);

// Loads and validates an MDRP scenario with "dotted.key=value" overrides. Throws InputError
// naming the file, line, column and key of anything wrong, or the instance file at fault.
MdrpScenario load_mdrp_scenario(const std::string& path,
                                const std::vector<std::string>& overrides = {});

// The scenario for the instance in `instance_dir`, every rule written out, as
// `halfhour import mdrp` writes it to `yaml_path`: a relative `instance_dir` (from the working
// folder) is written relative to the scenario's folder, an absolute one as it is.
std::string mdrp_scenario_yaml(const model::MdrpInstance& instance, const std::string& instance_dir,
                               const std::string& yaml_path);

}  // namespace scenarios
