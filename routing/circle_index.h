// Which of many circles on the Earth (a centre and a radius in metres, such as dark stores' zones)
// contain a point: an R-tree (Boost.Geometry) of each circle's latitude-longitude bounding box
// answers with a few candidates, then the exact test haversine_m(centre, p) <= radius decides, so
// the answer is the same as testing every circle. Immutable once built; safe to read from many
// threads.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "routing/geo.h"

namespace routing {

class CircleIndex {
 public:
  struct Circle {
    LatLon centre;
    double radius_m = 0;
  };
  explicit CircleIndex(std::span<const Circle> circles);

  // Fills `out` with the indices of the circles that contain p, ascending.
  void containing(LatLon p, std::vector<std::uint32_t>& out) const;
  bool any_contains(LatLon p) const;

 private:
  using Point = boost::geometry::model::point<double, 2, boost::geometry::cs::cartesian>;
  using Box = boost::geometry::model::box<Point>;
  using Value = std::pair<Box, std::uint32_t>;
  bool contains(std::uint32_t i, LatLon p) const {
    return haversine_m(circles_[i].centre, p) <= circles_[i].radius_m;
  }
  std::vector<Circle> circles_;
  boost::geometry::index::rtree<Value, boost::geometry::index::quadratic<16>> tree_;
};

}  // namespace routing
