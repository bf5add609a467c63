// Geographic points and great-circle distances. Coordinates are WGS84 degrees.
#pragma once

#include <algorithm>
#include <cmath>

namespace routing {

struct LatLon {
  double lat = 0;
  double lon = 0;
};

inline constexpr double kEarthRadiusM = 6371008.8;  // mean Earth radius (IUGG)

// Haversine distance in metres.
inline double haversine_m(LatLon a, LatLon b) {
  constexpr double kRad = M_PI / 180.0;
  const double dlat = (b.lat - a.lat) * kRad;
  const double dlon = (b.lon - a.lon) * kRad;
  const double h =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(h)));
}

// A point `north_m` metres north and `east_m` metres east of `origin` (local flat approximation).
inline LatLon offset(LatLon origin, double north_m, double east_m) {
  constexpr double kDeg = 180.0 / M_PI;
  return {origin.lat + north_m / kEarthRadiusM * kDeg,
          origin.lon + east_m / (kEarthRadiusM * std::cos(origin.lat * M_PI / 180.0)) * kDeg};
}

}  // namespace routing
