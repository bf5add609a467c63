// A failure the scenario schedules: a store's fridge or freezer down, a store closed, a storm
// (drones grounded, roads slower), a drone hub out of service; each from `from` to `to` (times
// since the scenario start).
#pragma once

#include <cstddef>

#include "sim/engine/time.h"

namespace model {

struct Incident {
  enum class Kind { unit_down, store_closed, storm, hub_down };
  Kind kind = Kind::storm;
  sim::Time from = 0;
  sim::Time to = 0;
  std::size_t store = 0;       // unit_down, store_closed
  std::size_t temp_class = 0;  // unit_down: the class of the unit (its fridge or freezer)
  std::size_t hub = 0;         // hub_down
  double wind_mps = 20;        // storm
  double rain_mmh = 10;        // storm
  double road_factor = 0.8;    // storm: speed factor on every road
};
const char* to_string(Incident::Kind k);

}  // namespace model
