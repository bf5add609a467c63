#include "routing/travel_times.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <iostream>
#include <random>

#include "routing/grid.h"
#include "routing/osm_import.h"

namespace fs = std::filesystem;

namespace {

using routing::CongestionProfile;
using routing::CongestionWindow;
using routing::RoadClass;

constexpr std::int64_t kMin = 60 * 1000;
constexpr std::int64_t kHour = 60 * kMin;

std::shared_ptr<const routing::RoadNetwork> line_grid() {
  routing::GridSpec spec;  // 1 x 21 nodes, 100 m apart, 30 km/h: 12 s an edge
  spec.rows = 1;
  spec.cols = 21;
  spec.spacing_m = 100;
  spec.speed_kmh = 30;
  return std::make_shared<routing::RoadNetwork>(routing::make_grid(spec));
}

TEST(CongestionProfile, WindowsMakeLevelsAndMultiplyWhereTheyOverlap) {
  const CongestionProfile p({{8 * kHour, 9 * kHour, 0.5, {}},
                             {8 * kHour + 30 * kMin, 10 * kHour, 0.8, {RoadClass::primary}},
                             {23 * kHour, 1 * kHour, 0.9, {}}});
  auto factor = [&](std::int64_t t, RoadClass c) {
    return p.level(p.level_at(t))[static_cast<std::size_t>(c)];
  };
  EXPECT_FLOAT_EQ(factor(7 * kHour, RoadClass::primary), 1.0f);
  EXPECT_FLOAT_EQ(factor(8 * kHour + 10 * kMin, RoadClass::primary), 0.5f);
  EXPECT_FLOAT_EQ(factor(8 * kHour + 40 * kMin, RoadClass::primary), 0.4f);
  EXPECT_FLOAT_EQ(factor(8 * kHour + 40 * kMin, RoadClass::residential), 0.5f);
  EXPECT_FLOAT_EQ(factor(9 * kHour + 30 * kMin, RoadClass::primary), 0.8f);
  EXPECT_FLOAT_EQ(factor(9 * kHour + 30 * kMin, RoadClass::residential), 1.0f);
  // Past midnight, and taken modulo a day.
  EXPECT_FLOAT_EQ(factor(23 * kHour + 30 * kMin, RoadClass::service), 0.9f);
  EXPECT_FLOAT_EQ(factor(30 * kMin, RoadClass::service), 0.9f);
  EXPECT_FLOAT_EQ(factor(24 * kHour + 30 * kMin, RoadClass::service), 0.9f);
  EXPECT_EQ(p.level_count(), 5u);  // free, 0.5, 0.5 with primary 0.4, primary 0.8, 0.9
  EXPECT_EQ(p.next_change(7 * kHour), 8 * kHour);
  EXPECT_EQ(p.next_change(8 * kHour), 8 * kHour + 30 * kMin);
  EXPECT_EQ(p.next_change(12 * kHour), 23 * kHour);
  EXPECT_EQ(CongestionProfile().level_count(), 1u);
  EXPECT_EQ(CongestionProfile().next_change(5 * kHour), 29 * kHour);
}

TEST(CongestionProfile, NextChangeMatchesAScanOfTheSlots) {
  const CongestionProfile p({{7 * kHour + 30 * kMin, 9 * kHour, 0.7, {}},
                             {22 * kHour, 2 * kHour, 0.8, {RoadClass::primary}},
                             {8 * kHour, 8 * kHour + 15 * kMin, 0.9, {}}});
  for (std::int64_t t = -kHour - 7; t < 50 * kHour; t += 7 * kMin + 13) {
    std::int64_t expected = t + CongestionProfile::kDayMs;
    for (std::int64_t s = (t / CongestionProfile::kSlotMs - 1) * CongestionProfile::kSlotMs;
         s <= t + CongestionProfile::kDayMs; s += CongestionProfile::kSlotMs)
      if (s > t && p.level_at(s) != p.level_at(t)) {
        expected = s;
        break;
      }
    ASSERT_EQ(p.next_change(t), expected) << t;
  }
}

TEST(TravelTimes, RushHourHalvesACarsSpeedAndLeavingLaterNeverArrivesEarlier) {
  const auto net = line_grid();
  const routing::TravelTimes tt(net, *routing::vehicle_profile("car", 200),
                                CongestionProfile({{8 * kHour, 9 * kHour, 0.5, {}}}));
  ASSERT_EQ(tt.level_count(), 2u);
  EXPECT_EQ(tt.travel_ms(0, 10, 7 * kHour), 10 * 12000);
  EXPECT_EQ(tt.travel_ms(0, 10, 8 * kHour), 10 * 24000);
  EXPECT_EQ(tt.travel_ms(10, 0, 8 * kHour + 30 * kMin), 10 * 24000);
  // At 08:59 the slow trip would arrive at 09:03; waiting for 09:00 arrives at 09:02.
  const auto late = tt.trip(0, 10, 8 * kHour + 59 * kMin);
  EXPECT_EQ(late.duration_ms, 3 * kMin);
  EXPECT_EQ(late.leave_tod_ms, 9 * kHour);
  EXPECT_EQ(tt.hierarchy(late.level).node_count(), net->node_count());
  std::int64_t last_arrival = 0;
  for (std::int64_t t = 7 * kHour + 30 * kMin; t < 9 * kHour + 30 * kMin; t += 10'000) {
    const std::int64_t arrival = t + tt.travel_ms(0, 20, t);
    EXPECT_GE(arrival, last_arrival) << "leaving at " << t;
    last_arrival = arrival;
  }
}

TEST(TravelTimes, BikesKeepTheirOwnSpeedUnlessTheRoadIsSlower) {
  const auto net = line_grid();
  const CongestionProfile rush({{8 * kHour, 9 * kHour, 0.5, {}}, {9 * kHour, 10 * kHour, 0.7, {}}});
  const routing::TravelTimes bike(net, *routing::vehicle_profile("ebike", 18), rush);
  EXPECT_EQ(bike.travel_ms(0, 1, 7 * kHour), 20000);              // 100 m at 18 km/h
  EXPECT_EQ(bike.travel_ms(0, 1, 9 * kHour + 10 * kMin), 20000);  // the road still allows 21 km/h
  EXPECT_EQ(bike.travel_ms(0, 1, 8 * kHour + 10 * kMin), 24000);  // the road is down to 15 km/h
}

TEST(TravelTimes, RoutesFollowTheRoadAndMeasureIt) {
  const auto net = line_grid();
  const routing::TravelTimes tt(net, *routing::vehicle_profile("car", 200), CongestionProfile());
  std::vector<routing::NodeId> nodes;
  EXPECT_NEAR(tt.route(3, 7, 0, &nodes), 400.0, 1.0);
  EXPECT_EQ(nodes, (std::vector<routing::NodeId>{3, 4, 5, 6, 7}));
  EXPECT_NEAR(tt.route(7, 7, 0, &nodes), 0.0, 1e-9);
  EXPECT_EQ(nodes, (std::vector<routing::NodeId>{7}));
}

TEST(TravelTimes, OnMonacoATripIsNeverFasterWhenItLeavesLater) {
  const auto net = std::make_shared<routing::RoadNetwork>(
      routing::import_osm(std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/maps/monaco.osm.pbf"));
  const CongestionProfile traffic(
      {{7 * kHour + 30 * kMin, 9 * kHour + 30 * kMin, 0.6, {}},
       {17 * kHour + 30 * kMin, 20 * kHour, 0.5, {RoadClass::primary, RoadClass::secondary}},
       {12 * kHour, 13 * kHour + 15 * kMin, 0.8, {RoadClass::tertiary, RoadClass::residential}}});
  const routing::TravelTimes tt(net, *routing::vehicle_profile("car", 130), traffic);
  EXPECT_EQ(tt.level_count(), 4u);
  std::mt19937 rng(11);
  const auto n = static_cast<routing::NodeId>(net->main_node_count());
  int slower_in_rush = 0;
  for (int k = 0; k < 60; ++k) {
    const routing::NodeId s = rng() % n, t = rng() % n;
    std::int64_t last = -1;
    for (std::int64_t dep = 0; dep < 24 * kHour; dep += 2 * kMin) {
      const std::int64_t d = tt.travel_ms(s, t, dep);
      ASSERT_GE(d, 0);
      ASSERT_GE(dep + d, last) << s << " -> " << t << " leaving at " << dep;
      last = dep + d;
    }
    slower_in_rush += tt.travel_ms(s, t, 8 * kHour) > tt.travel_ms(s, t, 6 * kHour);
  }
  EXPECT_GE(slower_in_rush, 55);  // all but trips of zero length or on no slowed road
}

TEST(TravelTimes, LowerBoundIsTheStraightLineAtTheFastestLevelsSpeed) {
  // 2,000 m of straight road at 30 km/h free-flowing (240 s), halved in the rush hour.
  const routing::TravelTimes tt(line_grid(), *routing::vehicle_profile("car", 130),
                                CongestionProfile({{8 * kHour, 9 * kHour, 0.5, {}}}));
  for (const std::int64_t dep : {7 * kHour, 8 * kHour + 30 * kMin}) {
    EXPECT_LE(tt.lower_bound_ms(0, 20), tt.travel_ms(0, 20, dep));
    EXPECT_LE(tt.lower_bound_ms(20, 5), tt.travel_ms(20, 5, dep));
  }
  EXPECT_NEAR(tt.lower_bound_ms(0, 20), 240'000, 240);
  EXPECT_NEAR(tt.lower_bound_ms(20, 5), 180'000, 180);
  EXPECT_EQ(tt.lower_bound_ms(7, 7), 0);
}

TEST(TravelTimes, OnMonacoTheLowerBoundNeverExceedsATripAndSaysSomething) {
  const auto net = std::make_shared<routing::RoadNetwork>(
      routing::import_osm(std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/maps/monaco.osm.pbf"));
  const CongestionProfile traffic(
      {{7 * kHour + 30 * kMin, 9 * kHour + 30 * kMin, 0.6, {}},
       {17 * kHour + 30 * kMin, 20 * kHour, 0.5, {RoadClass::primary, RoadClass::secondary}}});
  for (const char* profile : {"ebike", "car"}) {
    const routing::TravelTimes tt(net, *routing::vehicle_profile(profile, 130), traffic);
    std::mt19937 rng(17);
    const auto n = static_cast<routing::NodeId>(net->main_node_count());
    double bound_sum = 0, trip_sum = 0;
    for (int k = 0; k < 300; ++k) {
      const routing::NodeId s = rng() % n, t = rng() % n;
      const std::int64_t bound = tt.lower_bound_ms(s, t);
      for (std::int64_t dep = 0; dep < 24 * kHour; dep += 30 * kMin) {
        const std::int64_t trip = tt.travel_ms(s, t, dep);
        if (trip < 0) break;  // no route for this profile
        ASSERT_LE(bound, trip) << profile << ' ' << s << " -> " << t << " leaving at " << dep;
        bound_sum += static_cast<double>(bound);
        trip_sum += static_cast<double>(trip);
      }
    }
    const double share = bound_sum / trip_sum;
    std::cout << profile << ": lower bound / trip = " << share << '\n';
    EXPECT_GT(share, 0.15) << profile;  // loose, but not so loose that it prunes nothing
  }
}

TEST(TravelTimes, ALegsLengthIsItsUnpackedRoutesLength) {
  const auto net = std::make_shared<routing::RoadNetwork>(
      routing::import_osm(std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/maps/monaco.osm.pbf"));
  const routing::TravelTimes tt(net, *routing::vehicle_profile("scooter", 45),
                                CongestionProfile({{8 * kHour, 9 * kHour, 0.5, {}}}));
  std::mt19937 rng(5);
  for (int k = 0; k < 300; ++k) {
    const routing::NodeId s = rng() % net->node_count(), t = rng() % net->node_count();
    for (std::uint32_t level = 0; level < tt.level_count(); ++level) {
      const auto leg = tt.leg(s, t, level);
      EXPECT_EQ(leg.ms, tt.level_ms(s, t, level));
      std::vector<routing::NodeId> nodes;
      EXPECT_NEAR(leg.length_m, tt.route(s, t, level, &nodes), 0.01);
    }
  }
}

TEST(TravelTimes, CachesEachLevelNextToTheMap) {
  const fs::path dir = fs::temp_directory_path() / ("halfhour-tt-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string prefix = (dir / "line.grid").string();
  const auto net = line_grid();
  const CongestionProfile rush({{8 * kHour, 9 * kHour, 0.5, {}}});
  {
    const routing::TravelTimes first(net, *routing::vehicle_profile("car", 200), rush, prefix);
    for (auto o : first.cache_outcomes()) EXPECT_EQ(o, routing::CacheOutcome::built_and_saved);
  }
  const routing::TravelTimes second(net, *routing::vehicle_profile("car", 200), rush, prefix);
  for (auto o : second.cache_outcomes()) EXPECT_EQ(o, routing::CacheOutcome::loaded);
  EXPECT_EQ(second.travel_ms(0, 10, 8 * kHour), 10 * 24000);
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir))
    files += e.path().filename().string().rfind("line.grid.car-", 0) == 0;
  EXPECT_EQ(files, 2);
  fs::remove_all(dir);
}

TEST(VehicleProfile, TwoWheelersStayOffMotorwaysAndWalkersOffTrunksToo) {
  const auto car = *routing::vehicle_profile("car", 50);
  const auto bike = *routing::vehicle_profile("ebike", 18);
  const auto scooter = *routing::vehicle_profile("scooter", 45);
  routing::EdgeProps motorway{1000, 110, RoadClass::motorway};
  routing::EdgeProps trunk{1000, 80, RoadClass::trunk};
  routing::EdgeProps street{1000, 30, RoadClass::residential};
  EXPECT_DOUBLE_EQ(routing::edge_speed_mps(motorway, car, 1), 50 / 3.6);
  EXPECT_DOUBLE_EQ(routing::edge_speed_mps(motorway, car, 0.2), 22 / 3.6);
  EXPECT_EQ(routing::edge_speed_mps(motorway, bike, 1), 0);
  EXPECT_DOUBLE_EQ(routing::edge_speed_mps(trunk, bike, 1), 18 / 3.6);
  EXPECT_EQ(routing::edge_speed_mps(trunk, *routing::vehicle_profile("walking", 5), 1), 0);
  EXPECT_EQ(routing::edge_speed_mps(motorway, scooter, 1), 0);
  EXPECT_DOUBLE_EQ(routing::edge_speed_mps(trunk, scooter, 1), 45 / 3.6);
  EXPECT_DOUBLE_EQ(routing::edge_speed_mps(street, bike, 1), 18 / 3.6);
  EXPECT_FALSE(routing::vehicle_profile("hovercraft", 10).has_value());
  EXPECT_TRUE(routing::vehicle_profile("walking", 5).has_value());
}

}  // namespace

namespace {

TEST(TravelTimes, LevelsThatLeaveTheProfilesSpeedsAloneShareOneHierarchy) {
  routing::GridSpec spec;  // 30 km/h streets: an 18 km/h e-bike is slowed only below 0.6
  spec.rows = 8;
  spec.cols = 8;
  spec.speed_kmh = 30;
  const auto net = std::make_shared<routing::RoadNetwork>(routing::make_grid(spec));
  const routing::TravelTimes tt(
      net, *routing::vehicle_profile("ebike", 18),
      CongestionProfile({{8 * kHour, 9 * kHour, 0.7, {}}, {17 * kHour, 18 * kHour, 0.5, {}}}));
  ASSERT_EQ(tt.level_count(), 3u);
  EXPECT_EQ(&tt.hierarchy(0), &tt.hierarchy(1));
  EXPECT_NE(&tt.hierarchy(0), &tt.hierarchy(2));
  EXPECT_EQ(tt.cache_outcomes().size(), 3u);
  // 100 m at 18 km/h is 20 s; at 15 km/h (half of 30) 24 s.
  EXPECT_EQ(tt.travel_ms(0, 7, 8 * kHour + 10 * kMin), 7 * 20000);
  EXPECT_EQ(tt.travel_ms(0, 7, 17 * kHour + 10 * kMin), 7 * 24000);
}

}  // namespace
