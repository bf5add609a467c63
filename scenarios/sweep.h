// A parameter sweep as a researcher writes it in YAML: a base scenario, factors over any of its
// keys by dotted path (a list of values, a range with a step, or ranges sampled by a Latin
// hypercube), replications per point and the sweep's own seed. Points and seeds follow from it
// deterministically, so any single run can be repeated alone.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "scenarios/input_error.h"

namespace scenarios {

struct SweepFactor {
  std::string key;                  // a dotted scenario key, as --set takes it
  std::vector<std::string> values;  // its levels as YAML text (values, or a range with a step)
  double from = 0, to = 0;          // a Latin hypercube's range
  bool integer = false;             // hypercube values rounded to whole numbers
};

struct Sweep {
  std::string name;
  std::string file;  // the sweep's YAML
  std::string base;  // the base scenario, resolved against the sweep file's folder
  std::uint64_t seed = 1;
  int replications = 1;
  int hypercube_points = 0;  // 0: every combination of the factors' values
  // Replication r of every point runs with the same seed, so that points are compared on the
  // same demand (common random numbers); false: a seed of its own per (point, replication).
  bool common_random_numbers = true;
  std::vector<SweepFactor> factors;
  std::vector<std::string> warnings;  // those of its points' scenarios, each once
};

// One point of a sweep: the overrides ("key=value") that make its scenario from the base.
struct SweepPoint {
  std::vector<std::string> sets;
};

// Loads and checks a sweep: every key of every factor, and every point's scenario, must load
// (each error points at the sweep file's factor). Throws InputError.
Sweep load_sweep(const std::string& path);

// Its points in a fixed order: the grid in row-major order of the factors (the last varies
// fastest), or the hypercube's points.
std::vector<SweepPoint> sweep_points(const Sweep& sweep);

// The seed of replication `rep` at point `point`: a hash of (sweep seed, point, rep), with
// point 0 for every point under common random numbers.
std::uint64_t sweep_run_seed(std::uint64_t sweep_seed, std::size_t point, int rep);
std::uint64_t sweep_run_seed(const Sweep& sweep, std::size_t point, int rep);

// The command that repeats one run alone: halfhour run BASE --set ... --seed S.
std::string sweep_run_command(const Sweep& sweep, const SweepPoint& point, std::uint64_t seed);

}  // namespace scenarios
