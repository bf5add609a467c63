#include "routing/circle_index.h"

#include <algorithm>
#include <cmath>

#include <boost/iterator/function_output_iterator.hpp>

namespace routing {

CircleIndex::CircleIndex(std::span<const Circle> circles)
    : circles_(circles.begin(), circles.end()) {
  constexpr double kDeg = 180.0 / M_PI, kRad = M_PI / 180.0;
  std::vector<Value> boxes;
  boxes.reserve(circles_.size());
  for (std::uint32_t i = 0; i < circles_.size(); ++i) {
    const Circle& c = circles_[i];
    // The box in degrees (lon as x, lat as y) holding every point within radius_m: latitude
    // radius / R either side (no path changes latitude faster than a meridian), longitude
    // asin(sin(d) / cos(lat)) (the widest point of a spherical cap of angular radius d), both
    // widened by a millionth for rounding; every longitude where the cap holds a pole or its box
    // would cross the antimeridian.
    const double d = std::max(0.0, c.radius_m) / kEarthRadiusM * (1 + 1e-6) + 1e-12;
    const double lat_lo = c.centre.lat - d * kDeg, lat_hi = c.centre.lat + d * kDeg;
    double lon_lo = -540, lon_hi = 540;  // every longitude, however written
    const double cos_lat = std::cos(c.centre.lat * kRad);
    if (d < M_PI / 2 && std::sin(d) < cos_lat) {
      const double half = std::asin(std::sin(d) / cos_lat) * kDeg * (1 + 1e-6) + 1e-9;
      if (c.centre.lon - half >= -180 && c.centre.lon + half <= 180)
        lon_lo = c.centre.lon - half, lon_hi = c.centre.lon + half;
    }
    boxes.push_back({Box(Point(lon_lo, lat_lo), Point(lon_hi, lat_hi)), i});
  }
  tree_ = decltype(tree_)(boxes.begin(), boxes.end());  // packed (bulk-loaded)
}

void CircleIndex::containing(LatLon p, std::vector<std::uint32_t>& out) const {
  out.clear();
  tree_.query(boost::geometry::index::intersects(Point(p.lon, p.lat)),
              boost::iterators::make_function_output_iterator([&](const Value& v) {
                if (contains(v.second, p)) out.push_back(v.second);
              }));
  std::sort(out.begin(), out.end());
}

bool CircleIndex::any_contains(LatLon p) const {
  for (auto it = tree_.qbegin(boost::geometry::index::intersects(Point(p.lon, p.lat)));
       it != tree_.qend(); ++it)
    if (contains(it->second, p)) return true;
  return false;
}

}  // namespace routing
