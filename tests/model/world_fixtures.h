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

// Two stores, "west" and "east", on a 21 x 21 grid of 100 m (at nodes (10, 5) and (10, 15), 800 m
// radius, 3 pickers), `riders` e-bikes at each, `per_hour` orders an hour over the whole grid
// (about half of them out of both radii, so the pickers keep up and the riders are what is
// short); 10:00 to 14:00, seed 11. The what-if tests' city (sim/model/whatif.h, live_whatif.h).
inline model::WorldConfig two_store_city(int riders, int per_hour = 40) {
  model::WorldConfig w;
  w.seed = 11;
  w.start_tod = 10 * sim::kHour;
  w.duration = 4 * sim::kHour;
  model::StoreConfig a;
  a.id = "west";
  a.location = grid_point(10, 5, 100);
  a.radius_m = 800;
  a.pickers = 3;
  model::StoreConfig b = a;
  b.id = "east";
  b.location = grid_point(10, 15, 100);
  w.stores = {a, b};
  w.riders = {{0, riders, model::Vehicle::ebike, 18, 1, -1, -1, ""},
              {1, riders, model::Vehicle::ebike, 18, 1, -1, -1, ""}};
  w.demand.orders_per_day = 24 * per_hour;
  w.demand.area = model::DemandArea::network;
  return w;
}

}  // namespace model::testing
