#include "routing/airspace.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using routing::Airspace;
using routing::LatLon;
using routing::offset;

const LatLon kCentre{43.73, 7.42};

LatLon at(double east_m, double north_m) { return offset(kCentre, north_m, east_m); }

// A square zone of side 1 km centred on kCentre.
routing::NoFlyZone square() {
  return {{at(-500, -500), at(500, -500), at(500, 500), at(-500, 500)}};
}

TEST(Airspace, ClearSkiesFlyStraight) {
  const Airspace sky({square()});
  const LatLon a = at(-1000, 800), b = at(1000, 800);
  EXPECT_TRUE(sky.clear(a, b));
  EXPECT_NEAR(sky.flight_m(a, b), routing::haversine_m(a, b), 0.5);
  EXPECT_NEAR(Airspace().flight_m(a, b), routing::haversine_m(a, b), 0.5);
}

TEST(Airspace, AZoneInTheWayIsFlownAroundItsCorners) {
  const Airspace sky({square()});
  const LatLon a = at(-1000, 0), b = at(1000, 0);
  EXPECT_FALSE(sky.clear(a, b));
  std::vector<LatLon> path;
  // Up to a corner, along the top edge, down to b: 2 * sqrt(500^2 + 500^2) + 1000 m.
  EXPECT_NEAR(sky.flight_m(a, b, &path), 2 * std::sqrt(2.0) * 500 + 1000, 1.0);
  ASSERT_EQ(path.size(), 4u);
  for (std::size_t i = 1; i < path.size(); ++i) EXPECT_TRUE(sky.clear(path[i - 1], path[i]));
}

TEST(Airspace, InsideAZoneThereIsNoFlight) {
  const Airspace sky({square()});
  EXPECT_TRUE(sky.inside_zone(at(100, 100)));
  EXPECT_FALSE(sky.inside_zone(at(500, 0)));  // on the edge
  EXPECT_FALSE(sky.inside_zone(at(600, 0)));
  EXPECT_EQ(sky.flight_m(at(100, 100), at(2000, 0)), Airspace::kNoFlight);
  EXPECT_EQ(sky.flight_m(at(2000, 0), at(-100, 0)), Airspace::kNoFlight);
}

TEST(Airspace, AlongAnEdgeAndAcrossANotch) {
  // An L: the square without its north-east quarter.
  const routing::NoFlyZone ell{
      {at(-500, -500), at(500, -500), at(500, 0), at(0, 0), at(0, 500), at(-500, 500)}};
  const Airspace sky({ell});
  EXPECT_TRUE(sky.clear(at(500, -500), at(500, 0)));   // along an edge
  EXPECT_TRUE(sky.clear(at(250, 600), at(250, 100)));  // down into the notch
  EXPECT_FALSE(sky.clear(at(-250, 600), at(-250, 100)));
  EXPECT_FALSE(sky.clear(at(400, 250), at(-400, 250)));  // out of the notch through the L
  EXPECT_TRUE(sky.clear(at(0, 0), at(500, 0)));
}

}  // namespace
