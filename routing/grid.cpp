#include "routing/grid.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace routing {

RoadNetwork make_grid(const GridSpec& spec) {
  if (spec.rows < 1 || spec.cols < 1)
    throw std::invalid_argument("grid: rows and cols must be at least 1");
  constexpr double kFloatMax = std::numeric_limits<float>::max();  // lengths are stored as float
  if (!(spec.spacing_m > 0 && spec.spacing_m < kFloatMax) ||
      !(spec.speed_kmh > 0 && spec.speed_kmh < kFloatMax))
    throw std::invalid_argument("grid: spacing and speed must be positive and finite");
  // Edge ids are 32-bit: 2 (rows (cols - 1) + (rows - 1) cols) arcs must fit.
  const std::int64_t rows = spec.rows, cols = spec.cols;
  if (2 * (rows * (cols - 1) + (rows - 1) * cols) >= std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("grid: too many nodes for 32-bit ids");
  const LatLon far = offset(spec.origin, (rows - 1) * spec.spacing_m, (cols - 1) * spec.spacing_m);
  if (!(spec.origin.lat > -90 && far.lat < 90 && spec.origin.lon >= -180 && far.lon <= 180))
    throw std::invalid_argument(
        "grid: the origin must be a valid point and the grid must reach neither a pole nor the "
        "180th meridian");

  std::vector<LatLon> nodes;
  nodes.reserve(static_cast<std::size_t>(rows * cols));
  for (int r = 0; r < spec.rows; ++r)
    for (int c = 0; c < spec.cols; ++c)
      nodes.push_back(offset(spec.origin, r * spec.spacing_m, c * spec.spacing_m));
  std::vector<Arc> arcs;
  arcs.reserve(static_cast<std::size_t>(2 * (rows * (cols - 1) + (rows - 1) * cols)));
  const auto id = [&](int r, int c) { return static_cast<NodeId>(r * cols + c); };
  const auto length = static_cast<float>(spec.spacing_m);
  const auto speed = static_cast<float>(spec.speed_kmh);
  const auto two_way = [&](NodeId a, NodeId b) {
    arcs.push_back({a, b, length, speed, RoadClass::grid});
    arcs.push_back({b, a, length, speed, RoadClass::grid});
  };
  for (int r = 0; r < spec.rows; ++r)
    for (int c = 0; c < spec.cols; ++c) {
      if (c + 1 < spec.cols) two_way(id(r, c), id(r, c + 1));
      if (r + 1 < spec.rows) two_way(id(r, c), id(r + 1, c));
    }
  return RoadNetwork(std::move(nodes), arcs);
}

}  // namespace routing
