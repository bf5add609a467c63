// The sweep loader: the input is the sweep's YAML; beside it lie base.yaml (a small grid
// scenario whose stores and rider groups share anchors) and orders.csv. Every point of a sweep
// is loaded as a scenario, so the overrides its factors make are fuzzed too.
#include <cstdint>
#include <string>

#include "scenarios/input_error.h"
#include "scenarios/sweep.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::write_file("base.yaml", R"(name: base
start: "11:00"
duration: 2h
network:
  grid: {rows: 4, cols: 4, spacing_m: 150, speed_kmh: 25, origin: {lat: 48.85, lon: 2.35}}
stores:
  - id: west
    location: {lat: 48.851, lon: 2.351}
    pick_time: &pick {dist: fixed, mean: 90s}
  - id: east
    location: {lat: 48.852, lon: 2.353}
    pick_time: *pick
fleet:
  riders:
    - &group {store: west, count: 3, vehicle: scooter, capacity: 2}
    - *group
demand: {orders_per_day: 1200}
)");
  fuzz::write_file("orders.csv", "time,lat,lon\n00:05:00,48.851,2.351\n");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path =
      fuzz::write_file("sweep.yaml", {reinterpret_cast<const char*>(data), size});
  try {
    const scenarios::Sweep s = scenarios::load_sweep(path);
    if (scenarios::sweep_points(s).empty()) __builtin_trap();
  } catch (const scenarios::InputError&) {
  }
  return 0;
}
