#include "routing/grid.h"

#include <stdexcept>

namespace routing {

RoadNetwork make_grid(const GridSpec& spec) {
  if (spec.rows < 1 || spec.cols < 1)
    throw std::invalid_argument("grid: rows and cols must be at least 1");
  if (!(spec.spacing_m > 0) || !(spec.speed_kmh > 0))
    throw std::invalid_argument("grid: spacing and speed must be positive");
  std::vector<LatLon> nodes;
  nodes.reserve(static_cast<std::size_t>(spec.rows) * spec.cols);
  for (int r = 0; r < spec.rows; ++r)
    for (int c = 0; c < spec.cols; ++c)
      nodes.push_back(offset(spec.origin, r * spec.spacing_m, c * spec.spacing_m));
  std::vector<Arc> arcs;
  const auto id = [&](int r, int c) { return static_cast<NodeId>(r * spec.cols + c); };
  const auto length = static_cast<float>(spec.spacing_m);
  const auto speed = static_cast<float>(spec.speed_kmh);
  for (int r = 0; r < spec.rows; ++r)
    for (int c = 0; c < spec.cols; ++c) {
      if (c + 1 < spec.cols) {
        arcs.push_back({id(r, c), id(r, c + 1), length, speed, RoadClass::grid});
        arcs.push_back({id(r, c + 1), id(r, c), length, speed, RoadClass::grid});
      }
      if (r + 1 < spec.rows) {
        arcs.push_back({id(r, c), id(r + 1, c), length, speed, RoadClass::grid});
        arcs.push_back({id(r + 1, c), id(r, c), length, speed, RoadClass::grid});
      }
    }
  return RoadNetwork(std::move(nodes), arcs);
}

}  // namespace routing
