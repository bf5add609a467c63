#include "routing/circle_index.h"

#include <gtest/gtest.h>

#include <random>

namespace {

using routing::CircleIndex;
using routing::LatLon;

// Every answer equals testing each circle, for circles of 10 m to 2,000 km anywhere on Earth:
// at the poles, across the antimeridian, and points on or just beside the rims.
TEST(CircleIndex, FindsExactlyTheCirclesTestingEachOneFinds) {
  std::mt19937 rng(17);
  std::uniform_real_distribution<double> lat(-90, 90), lon(-180, 180), unit(0, 1);
  std::vector<CircleIndex::Circle> circles;
  for (int i = 0; i < 300; ++i)
    circles.push_back({{lat(rng), lon(rng)}, std::pow(10.0, 1 + 5.3 * unit(rng))});
  circles.push_back({{89.99, 10}, 5000});      // holds the North Pole
  circles.push_back({{-10, 179.999}, 20000});  // across the antimeridian
  circles.push_back({{43.73, 7.42}, 2500});    // Monaco's scale
  const CircleIndex index(circles);
  std::vector<LatLon> points;
  for (int i = 0; i < 20000; ++i) points.push_back({lat(rng), lon(rng)});
  for (const auto& c : circles)
    for (int k = 0; k < 20; ++k) {  // near the rim, inside and outside
      const double bearing = unit(rng) * 2 * M_PI, r = c.radius_m * (0.98 + 0.04 * unit(rng));
      LatLon p = routing::offset(c.centre, r * std::cos(bearing), r * std::sin(bearing));
      if (p.lat > 90 || p.lat < -90) continue;
      if (p.lon > 180) p.lon -= 360;
      if (p.lon < -180) p.lon += 360;
      points.push_back(p);
    }
  points.push_back({90, 0});
  points.push_back({-10, -179.9999});
  std::vector<std::uint32_t> got;
  int hits = 0;
  for (const LatLon& p : points) {
    std::vector<std::uint32_t> want;
    for (std::uint32_t i = 0; i < circles.size(); ++i)
      if (routing::haversine_m(circles[i].centre, p) <= circles[i].radius_m) want.push_back(i);
    index.containing(p, got);
    ASSERT_EQ(got, want) << p.lat << ", " << p.lon;
    EXPECT_EQ(index.any_contains(p), !want.empty());
    hits += !want.empty();
  }
  EXPECT_GT(hits, 2000);  // the rims' points make the test bite
}

}  // namespace
