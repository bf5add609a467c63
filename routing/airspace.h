// Where drones may fly: no-fly zones as polygons on the map, and the shortest flight between two
// points that keeps out of them: straight when the line is clear, else along a visibility graph
// of the zones' corners (flying along a zone's edge is allowed). Geometry is planar in a local
// equirectangular projection, which is exact to well under a metre at city scale.
#pragma once

#include <limits>
#include <vector>

#include "routing/geo.h"

namespace routing {

// A ring of at least three corners, not repeating the first at the end.
struct NoFlyZone {
  std::vector<LatLon> corners;
};

class Airspace {
 public:
  static constexpr double kNoFlight = std::numeric_limits<double>::infinity();

  explicit Airspace(std::vector<NoFlyZone> zones = {});

  bool inside_zone(LatLon p) const;  // strictly inside (a zone's edge is outside)
  bool clear(LatLon a, LatLon b) const;
  // The length of the shortest flight from a to b around the zones (kNoFlight when a or b lies
  // in a zone); `path` gets its corners, a and b included.
  double flight_m(LatLon a, LatLon b, std::vector<LatLon>* path = nullptr) const;

 private:
  struct Point {
    double x = 0, y = 0;
  };
  Point project(LatLon p) const;
  bool inside(Point p) const;
  bool clear(Point a, Point b) const;

  std::vector<NoFlyZone> zones_;
  std::vector<std::vector<Point>> rings_;  // projected corners per zone
  double lat0_ = 0, lon0_ = 0, cos0_ = 1;
};

}  // namespace routing
