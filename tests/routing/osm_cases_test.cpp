// The small maps of issue 16 (tests/data/cases/<case>/, each with a README giving the right
// value), imported and ridden: speed limits as OSM writes them, access per vehicle, files from map
// editors, maps in several parts. Plus the parts report on a hand-built graph.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "routing/osm_import.h"
#include "routing/travel_times.h"
#include "routing/zone_tree.h"

namespace {

using routing::Arc;
using routing::LatLon;
using routing::NodeId;
using routing::RoadClass;
using routing::RoadNetwork;

const std::string kCases = std::string(HALFHOUR_SOURCE_DIR) + "/tests/data/cases/";

std::shared_ptr<const RoadNetwork> load(const std::string& file) {
  return std::make_shared<const RoadNetwork>(routing::import_osm(kCases + file));
}

// The ride from `from` to `to` by a profile: its length in metres and duration in seconds.
struct Ride {
  double m = -1, s = -1;
};
Ride ride(const std::shared_ptr<const RoadNetwork>& net, const char* vehicle, double kmh,
          LatLon from, LatLon to) {
  const routing::TravelTimes tt(net, *routing::vehicle_profile(vehicle, kmh),
                                routing::CongestionProfile());
  const NodeId a = net->nearest_node(from), b = net->nearest_node(to);
  Ride r;
  r.m = tt.route(a, b, 0, nullptr);
  const auto ms = tt.travel_ms(a, b, 0);
  r.s = ms < 0 ? -1 : static_cast<double>(ms) / 1000;
  return r;
}

// --- 02-maxspeed --------------------------------------------------------------------------------

TEST(OsmCase02Maxspeed, EachBranchIsRiddenAtItsLimit) {
  const auto net = load("02-maxspeed/star.osm");
  // The branch ends, in orders.csv's order; maxspeed -, walk, DE:living_street, RU:urban, none,
  // signals, unposted. The README's right values: class default (residential, 30 km/h), walking
  // pace, walking pace, Russia's urban limit 60 km/h, then the class default three times.
  const LatLon ends[] = {{51.0179864, 13.0000000}, {51.0112143, 13.0223453},
                         {50.9959976, 13.0278641}, {50.9837948, 13.0124007},
                         {50.9837948, 12.9875993}, {50.9959976, 12.9721359},
                         {51.0112143, 12.9776547}};
  const double want_kmh[] = {30, 7, 7, 60, 30, 30, 30};
  for (int k = 0; k < 7; ++k) {
    const Ride r = ride(net, "car", 200, {51.0, 13.0}, ends[k]);
    ASSERT_GT(r.s, 0) << "branch " << k;
    // Straight branches (the README says 1 km; they are 2 km, 8 segments of 250 m).
    EXPECT_NEAR(r.m, routing::haversine_m({51.0, 13.0}, ends[k]), 0.5) << "branch " << k;
    EXPECT_NEAR(r.m / r.s * 3.6, want_kmh[k], 0.05) << "branch " << k;
  }
  EXPECT_TRUE(net->report().skipped.empty()) << net->report().summary();
}

// --- 04-access ----------------------------------------------------------------------------------

// A at the square's corner, B 1 km east along the direct street; the detour is 3 km (README).
constexpr LatLon kA{51.0, 13.0}, kB{51.0, 13.0142903};
constexpr double kDirectM = 1000.0, kDetourM = 2999.8;

TEST(OsmCase04Access, CarTakesTheDetourAroundAgriculturalOnlyStreets) {
  for (const char* map : {"04-access/mv-agricultural.osm", "04-access/no-but-agricultural.osm"}) {
    const auto net = load(map);
    EXPECT_NEAR(ride(net, "car", 30, kA, kB).m, kDetourM, 0.5) << map;
    EXPECT_NEAR(ride(net, "scooter", 30, kA, kB).m, kDetourM, 0.5) << map;
  }
}

TEST(OsmCase04Access, BicycleRidesThroughAStreetClosedToMotorVehiclesOnly) {
  const auto net = load("04-access/mv-no-bicycle-yes.osm");
  EXPECT_NEAR(ride(net, "bicycle", 15, kA, kB).m, kDirectM, 1);
  EXPECT_NEAR(ride(net, "ebike", 15, kA, kB).m, kDirectM, 1);
  EXPECT_NEAR(ride(net, "walking", 5, kA, kB).m, kDirectM, 1);
  EXPECT_NEAR(ride(net, "car", 30, kA, kB).m, kDetourM, 0.5);
  EXPECT_NEAR(ride(net, "scooter", 30, kA, kB).m, kDetourM, 0.5);
  // 1 km at 15 km/h.
  EXPECT_NEAR(ride(net, "bicycle", 15, kA, kB).s, 240, 0.1);
}

TEST(OsmCase04Access, OtherVehiclesOnTheAgriculturalStreets) {
  // motor_vehicle=agricultural;forestry says nothing about bicycles and walkers.
  const auto mv = load("04-access/mv-agricultural.osm");
  EXPECT_NEAR(ride(mv, "bicycle", 15, kA, kB).m, kDirectM, 1);
  EXPECT_NEAR(ride(mv, "walking", 5, kA, kB).m, kDirectM, 1);
  // access=no closes it to everyone but agricultural motor vehicles.
  const auto no = load("04-access/no-but-agricultural.osm");
  EXPECT_NEAR(ride(no, "bicycle", 15, kA, kB).m, kDetourM, 0.5);
  EXPECT_NEAR(ride(no, "walking", 5, kA, kB).m, kDetourM, 0.5);
}

TEST(OsmCase04Access, ZonesFollowTheModesTheyAreGiven) {
  const auto net = load("04-access/mv-no-bicycle-yes.osm");
  const NodeId a = net->nearest_node(kA), b = net->nearest_node(kB);
  using Dir = routing::ZoneTree::Direction;
  const auto classes = routing::ZoneTree::all_classes();
  EXPECT_NEAR(routing::ZoneTree(*net, a, Dir::from_root, 9000).distance_m(b), kDetourM, 0.5);
  EXPECT_NEAR(routing::ZoneTree(*net, a, Dir::from_root, 9000, classes, routing::kModeBicycle)
                  .distance_m(b),
              kDirectM, 1);
  EXPECT_NEAR(routing::ZoneTree(*net, a, Dir::from_root, 9000, classes,
                                routing::kModeBicycle | routing::kModeCar)
                  .distance_m(b),
              kDetourM, 0.5);
}

// --- 05-negative-ids ----------------------------------------------------------------------------

TEST(OsmCase05NegativeIds, AMapDrawnFromScratchLoads) {
  const auto net = load("05-negative-ids/all-negative.osm");
  EXPECT_EQ(net->node_count(), 16u);  // 4 ways on 16 nodes (README)
  EXPECT_EQ(net->main_node_count(), 16u);
  EXPECT_EQ(net->report().ways_used, 4u);
  EXPECT_TRUE(net->report().skipped.empty()) << net->report().summary();
  EXPECT_NEAR(ride(net, "car", 30, kA, kB).m, kDirectM, 1);
}

TEST(OsmCase05NegativeIds, ANewStreetAddedInAnEditorIsRidden) {
  const auto net = load("05-negative-ids/new-street.osm");
  EXPECT_EQ(net->report().ways_used, 4u);
  EXPECT_NEAR(ride(net, "car", 30, kA, kB).m, kDirectM, 1);
}

TEST(OsmImportReport, SegmentsWithANodeThatCannotBeLocatedAreCountedByCause) {
  const std::string path = ::testing::TempDir() + "osm-missing-node.osm";
  std::ofstream(path) << R"(<?xml version='1.0' encoding='UTF-8'?>
<osm version='0.6'>
  <node id='1' lat='51.0' lon='13.0'/>
  <node id='2' lat='51.0' lon='13.001'/>
  <node id='3' lat='51.0' lon='13.002'/>
  <way id='7'><nd ref='1'/><nd ref='2'/><nd ref='3'/><nd ref='99'/><nd ref='-5'/>
    <tag k='highway' v='residential'/></way>
  <way id='8'><nd ref='3'/><nd ref='2'/><tag k='highway' v='service'/><tag k='access' v='no'/></way>
  <way id='9'><nd ref='1'/><nd ref='3'/><tag k='highway' v='tertiary'/>
    <tag k='maxspeed' v='fast'/></way>
</osm>
)";
  const RoadNetwork net = routing::import_osm(path);
  const auto& skipped = net.report().skipped;
  ASSERT_EQ(skipped.size(), 3u) << net.report().summary();
  // 3-99 and 99-(-5): both lose node 99 or -5, neither is in the file.
  EXPECT_EQ(skipped[0].rfind("2 way segments: a node is not in the file", 0), 0u) << skipped[0];
  EXPECT_NE(skipped[0].find("way 7, node 99"), std::string::npos) << skipped[0];
  EXPECT_EQ(skipped[1].rfind("1 ways closed to every vehicle", 0), 0u) << skipped[1];
  EXPECT_EQ(skipped[2].rfind("1 ways with a speed limit not understood", 0), 0u) << skipped[2];
  EXPECT_NE(net.report().summary().find("map: skipped 2 way segments"), std::string::npos);
}

TEST(OsmImportReport, NodesAfterTheirWayAndNodesOffTheGlobeAreTheirOwnCauses) {
  const std::string path = ::testing::TempDir() + "osm-unsorted.osm";
  std::ofstream(path) << R"(<?xml version='1.0' encoding='UTF-8'?>
<osm version='0.6'>
  <node id='1' lat='51.0' lon='13.0'/>
  <node id='2' lat='51.0' lon='13.001'/>
  <node id='3' lat='95.0' lon='13.002'/>
  <way id='7'><nd ref='1'/><nd ref='2'/><nd ref='3'/><tag k='highway' v='residential'/></way>
  <way id='8'><nd ref='2'/><nd ref='4'/><nd ref='1'/><tag k='highway' v='residential'/></way>
  <node id='4' lat='51.001' lon='13.0005'/>
</osm>
)";
  const RoadNetwork net = routing::import_osm(path);
  const auto& skipped = net.report().skipped;
  ASSERT_EQ(skipped.size(), 2u) << net.report().summary();
  EXPECT_EQ(skipped[0].rfind("2 way segments: a node comes after the way", 0), 0u) << skipped[0];
  EXPECT_NE(skipped[0].find("node 4"), std::string::npos) << skipped[0];
  EXPECT_EQ(skipped[1].rfind("1 way segments: a node has no valid coordinates", 0), 0u)
      << skipped[1];
  EXPECT_NE(skipped[1].find("way 7, node 3"), std::string::npos) << skipped[1];
}

TEST(OsmImportReport, NoDrivableRoadSaysWhatWasSkipped) {
  const std::string path = ::testing::TempDir() + "osm-all-missing.osm";
  std::ofstream(path) << R"(<?xml version='1.0' encoding='UTF-8'?>
<osm version='0.6'>
  <way id='7'><nd ref='1'/><nd ref='2'/><tag k='highway' v='residential'/></way>
</osm>
)";
  try {
    routing::import_osm(path);
    FAIL() << "no error";
  } catch (const routing::MapError& e) {
    EXPECT_NE(e.detail().find("no drivable road"), std::string::npos) << e.detail();
    EXPECT_NE(e.detail().find("1 way segments: a node is not in the file"), std::string::npos)
        << e.detail();
  }
}

// --- 10-islands and the parts report ------------------------------------------------------------

TEST(OsmCase10Islands, TheIslandIsKeptDetachedAndReported) {
  for (const char* map : {"10-islands/island-near.osm", "10-islands/island-far.osm"}) {
    const auto net = load(map);
    const auto& report = net->report();
    ASSERT_EQ(report.detached.size(), 1u) << map;
    EXPECT_TRUE(report.detached_kept);
    EXPECT_EQ(report.main_nodes, net->main_node_count());
    EXPECT_EQ(net->node_count(), report.main_nodes + report.detached[0].nodes);
    EXPECT_EQ(report.nodes_read, net->node_count());
    // By hand: a 6 x 6 mainland grid and a 4 x 4 island grid of 200 m two-way links, 60 and 24
    // links, 2 x 12 km and 2 x 4.8 km of directed road.
    EXPECT_EQ(report.main_nodes, 36u) << map;
    EXPECT_EQ(report.detached[0].nodes, 16u) << map;
    EXPECT_NEAR(report.main_km, 24.0, 0.05) << map;
    EXPECT_NEAR(report.detached[0].km, 9.6, 0.05) << map;
    // The island store's location (the README's) snaps onto the island, not the mainland.
    const LatLon island_store = std::string(map).find("near") != std::string::npos
                                    ? LatLon{54.003597, 10.027540}
                                    : LatLon{54.003597, 10.056611};
    double d = -1;
    const NodeId n = net->nearest_node(island_store, &d);
    EXPECT_FALSE(net->in_main_part(n)) << map;
    EXPECT_LT(d, 1.0) << map;  // it stands on a street node
    EXPECT_TRUE(net->in_main_part(net->nearest_node({54.003597, 10.006120}))) << map;
    // The part's location is one of its nodes, east of the mainland grid (lon <= 10.0153).
    EXPECT_GT(report.detached[0].where.lon, 10.02) << map;
    EXPECT_NE(report.summary().find("parts with no road to it: 1 (16 nodes"), std::string::npos)
        << report.summary();
    // No route joins the parts.
    const routing::TravelTimes tt(net, *routing::vehicle_profile("car", 30),
                                  routing::CongestionProfile());
    EXPECT_EQ(tt.travel_ms(0, n, 0), -1);
  }
}

// Three parts and a one-way stub, by hand: main 0-1-2 (two-way 1 km links), a stub 2->3 (one
// way), a part 4-5 (one two-way link of 0.5 km) and a part 6-7-8 (two-way links, 2 x 0.25 km).
TEST(PartsReport, ThreeComponentsAndAFringe) {
  const std::vector<LatLon> nodes = {{0, 0}, {0, 1}, {0, 2},  {0, 3}, {5, 5},
                                     {5, 6}, {9, 9}, {9, 10}, {9, 11}};
  const auto two_way = [](NodeId a, NodeId b, float m) {
    return std::vector<Arc>{{a, b, m, 30, RoadClass::residential},
                            {b, a, m, 30, RoadClass::residential}};
  };
  std::vector<Arc> arcs;
  for (const auto& pair : {two_way(0, 1, 1000), two_way(1, 2, 1000), two_way(4, 5, 500),
                           two_way(6, 7, 250), two_way(7, 8, 250)})
    arcs.insert(arcs.end(), pair.begin(), pair.end());
  arcs.push_back({2, 3, 100, 30, RoadClass::residential});

  const RoadNetwork kept = routing::largest_strong_component(nodes, arcs, true);
  const auto& r = kept.report();
  EXPECT_EQ(r.nodes_read, 9u);
  EXPECT_EQ(r.main_nodes, 3u);
  EXPECT_DOUBLE_EQ(r.main_km, 4.0);
  EXPECT_EQ(r.fringe_nodes, 1u);
  EXPECT_NEAR(r.fringe_km, 0.1, 1e-6);
  ASSERT_EQ(r.detached.size(), 2u);
  EXPECT_EQ(r.detached[0].nodes, 3u);  // largest first
  EXPECT_NEAR(r.detached[0].km, 1.0, 1e-6);
  EXPECT_EQ(r.detached[0].where.lat, 9);
  EXPECT_EQ(r.detached[1].nodes, 2u);
  EXPECT_NEAR(r.detached[1].km, 1.0, 1e-6);
  // Main part first, then the detached parts; the stub's node is gone.
  EXPECT_EQ(kept.main_node_count(), 3u);
  ASSERT_EQ(kept.node_count(), 8u);
  EXPECT_EQ(kept.position(3).lat, 5);
  EXPECT_EQ(kept.edge_count(), 4u + 2 + 4);
  EXPECT_EQ(kept.nearest_node({9, 10.1}), 6u);  // snaps into its own part
  EXPECT_FALSE(kept.in_main_part(6));

  // Without keep_detached (DIMACS), only the main part, but the report still counts the rest.
  const RoadNetwork main_only = routing::largest_strong_component(nodes, arcs);
  EXPECT_EQ(main_only.node_count(), 3u);
  EXPECT_EQ(main_only.report().detached.size(), 2u);
  EXPECT_FALSE(main_only.report().detached_kept);
  EXPECT_NE(main_only.report().summary().find("were dropped"), std::string::npos);
}

TEST(PartsReport, AnArcAcrossPartsIsRefused) {
  EXPECT_THROW(RoadNetwork({{0, 0}, {0, 1}}, {{0, 1, 1, 1, RoadClass::grid}}, 1),
               std::invalid_argument);
}

}  // namespace
