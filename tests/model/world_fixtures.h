// Small worlds built in code for the model's tests.
#pragma once

#include <memory>

#include "routing/grid.h"
#include "sim/model/world_config.h"

namespace model::testing {

inline constexpr routing::LatLon kOrigin{48.85, 2.35};

// A rows x cols grid of `spacing_m`; node (r, c) has id r * cols + c.
inline std::shared_ptr<const routing::RoadNetwork> grid(int rows, int cols, double spacing_m) {
  return std::make_shared<routing::RoadNetwork>(
      routing::make_grid({rows, cols, spacing_m, 25, kOrigin}));
}

// No time at the store's counter or at the customer's door: for tests of dispatch and movement
// sized for riders' rides alone.
inline void no_counter_or_door(model::WorldConfig& w) {
  const model::Distribution none{model::Distribution::Kind::fixed, 0, 0};
  for (auto& s : w.stores) s.handover = none;
  w.door.handover = none;
  w.door.walk_back = none;
}

inline routing::LatLon grid_point(int r, int c, double spacing_m) {
  return routing::offset(kOrigin, r * spacing_m, c * spacing_m);
}

}  // namespace model::testing
