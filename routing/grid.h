// A generated grid road network for tests and synthetic cities: rows x cols nodes `spacing_m`
// apart, two-way edges between neighbours at one speed. Node (r, c) has id r * cols + c and sits
// r * spacing_m north and c * spacing_m east of `origin`.
#pragma once

#include "routing/road_network.h"

namespace routing {

struct GridSpec {
  int rows = 10;
  int cols = 10;
  double spacing_m = 100;
  double speed_kmh = 25;
  LatLon origin{0, 0};
};

// Throws std::invalid_argument on rows or cols < 1 or spacing or speed <= 0.
RoadNetwork make_grid(const GridSpec& spec);

}  // namespace routing
