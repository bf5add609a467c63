// The warnings for likely mistakes that still run, each raised by a scenario made for it and
// absent from the shipped scenarios; the map report validate prints; every misplaced store in one
// error; a location with latitude and longitude swapped; a tab in the YAML.
#include <gtest/gtest.h>

#include <cmath>

#include "routing/geo.h"
#include "scenario_test_util.h"
#include "scenarios/mdrp_scenario.h"
#include "scenarios/scenario.h"
#include "scenarios/scenario_checks.h"

namespace scenarios {
namespace {

using testing::error_of;
using testing::TempDir;

const std::string kRepo = HALFHOUR_SOURCE_DIR;

// A 10 x 10 grid of 100 m from (48.85, 2.35): nodes up to 900 m north and east.
constexpr const char* kGrid =
    "name: t\nstart: \"07:00\"\nduration: 4h\n"
    "network: {grid: {rows: 10, cols: 10, spacing_m: 100, origin: {lat: 48.85, lon: 2.35}}}\n";
// One store in the grid's middle whose 2 km radius covers every node.
constexpr const char* kOneStore =
    "stores: [{id: a, location: {lat: 48.854, lon: 2.356}, radius: 2km}]\n";

std::vector<std::string> warnings_of(const std::string& path) {
  const Scenario s = load_scenario(path);
  const auto net = load_network(s);
  const MapReport report = map_report(s, *net);
  std::vector<std::string> all = s.warnings;
  for (auto& w : map_warnings(s, *net, &report)) all.push_back(w);
  return all;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(ScenarioChecks, ShippedScenariosHaveNoWarnings) {
  for (const std::string name : {"scenarios/grid-small.yaml", "scenarios/monaco.yaml",
                                 "scenarios/monaco-drones-coldchain.yaml"}) {
    SCOPED_TRACE(name);
    ASSERT_FALSE(is_mdrp_scenario(kRepo + "/" + name));
    const auto warnings = warnings_of(kRepo + "/" + name);
    EXPECT_TRUE(warnings.empty()) << warnings.front();
  }
}

TEST(ScenarioChecks, CleanScenarioHasNoWarnings) {
  TempDir dir;
  EXPECT_TRUE(warnings_of(dir.write("s.yaml", std::string(kGrid) + kOneStore)).empty());
}

TEST(ScenarioChecks, HotspotOffTheMap) {
  TempDir dir;
  // 1.8 degrees north: 200 km off the map.
  const auto w = warnings_of(dir.write(
      "s.yaml", std::string(kGrid) + kOneStore +
                    "demand: {hotspots: [{lat: 48.855, lon: 2.355}, {lat: 50.65, lon: 2.355}]}\n"));
  ASSERT_FALSE(w.empty());
  EXPECT_TRUE(contains(w[0], "demand.hotspots[1]")) << w[0];
  EXPECT_TRUE(contains(w[0], "outside the map")) << w[0];
  EXPECT_TRUE(contains(w[0], "lat 48.85000 to 48.85809")) << w[0];  // 900 m north of the origin
  EXPECT_FALSE(contains(w[0], "swapped")) << w[0];
}

TEST(ScenarioChecks, HotspotWithLatitudeAndLongitudeSwapped) {
  TempDir dir;
  const auto w = warnings_of(
      dir.write("s.yaml", std::string(kGrid) + kOneStore +
                              "demand: {hotspots: [{lat: 2.355, lon: 48.853, radius: 100m}]}\n"));
  ASSERT_FALSE(w.empty());
  EXPECT_TRUE(contains(w[0], "demand.hotspots[0]")) << w[0];
  EXPECT_TRUE(contains(w[0], "look swapped")) << w[0];
}

TEST(ScenarioChecks, TracePointsOffTheMapAreCounted) {
  TempDir dir;
  dir.write("orders.csv",
            "time,lat,lon\n00:10,48.853,2.353\n00:20,48.865,2.353\n00:30,48.854,2.352\n");
  // The second row is 770 m north of the grid's last row: near enough to place, off the map.
  const auto w = warnings_of(
      dir.write("s.yaml", std::string(kGrid) + kOneStore + "demand: {trace: orders.csv}\n"));
  ASSERT_EQ(w.size(), 1u);
  EXPECT_TRUE(contains(w[0], "1 of 3 trace orders are outside the map")) << w[0];
  EXPECT_TRUE(contains(w[0], "48.86500,2.35300")) << w[0];
}

TEST(ScenarioChecks, ShiftEntirelyOutsideTheWindow) {
  TempDir dir;
  // The window is 07:00 to 11:00. 10:00-12:00 overlaps it; 18:00-20:00 and 05:00-06:00 do not
  // (the early one would run the next morning).
  const auto w = warnings_of(dir.write(
      "s.yaml",
      std::string(kGrid) + kOneStore +
          "fleet: {riders: [{store: a, count: 1, shift: {from: \"10:00\", to: \"12:00\"}},"
          " {store: a, count: 2, shift: {from: \"18:00\", to: \"20:00\"}},"
          " {store: a, count: 1, shift: {from: \"05:00\", to: \"06:00\"}}]}\n"));
  ASSERT_EQ(w.size(), 2u);
  EXPECT_TRUE(contains(w[0], "fleet.riders[1].shift")) << w[0];
  EXPECT_TRUE(contains(w[0], "outside the simulated window (07:00 to 11:00")) << w[0];
  EXPECT_TRUE(contains(w[1], "fleet.riders[2].shift")) << w[1];
}

TEST(ScenarioChecks, StoresWithinAHundredMetres) {
  TempDir dir;
  // 0.0008 degrees of latitude is 89 m; 0.0010 is 111 m.
  const auto w = warnings_of(dir.write(
      "s.yaml", std::string(kGrid) +
                    "stores:\n  - {id: a, location: {lat: 48.854, lon: 2.356}, radius: 2km}\n"
                    "  - {id: b, location: {lat: 48.8548, lon: 2.356}, radius: 2km}\n"
                    "  - {id: c, location: {lat: 48.8530, lon: 2.356}, radius: 2km}\n"));
  ASSERT_EQ(w.size(), 1u);
  EXPECT_TRUE(contains(w[0], "stores[1].location")) << w[0];
  EXPECT_TRUE(contains(w[0], "'a' and 'b' are 89 m apart")) << w[0];
}

// A store at the grid's south-west corner with a 250 m radius: of the 100 nodes, those (r, c)
// with (100 r)^2 + (100 c)^2 <= 250^2 are covered: r, c >= 0 with r^2 + c^2 <= 6.25, that is
// (0,0..2), (1,0..2), (2,0..1): 8 nodes.
constexpr const char* kCornerStore =
    "stores: [{id: a, location: {lat: 48.85, lon: 2.35}, radius: 250m}]\n";

TEST(ScenarioChecks, DemandOverTheNetworkOutsideEveryRadius) {
  TempDir dir;
  const std::string path =
      dir.write("s.yaml", std::string(kGrid) + kCornerStore + "demand: {area: network}\n");
  const Scenario s = load_scenario(path);
  const auto net = load_network(s);
  const MapReport r = map_report(s, *net);
  ASSERT_EQ(r.customers, kDemandSample);
  ASSERT_EQ(r.stores.size(), 1u);
  // Binomial sampling of 4000 customers: sd of the share about 0.004.
  EXPECT_NEAR(r.stores[0].demand_share, 0.08, 0.02);
  EXPECT_NEAR(r.out_of_radius, 0.92, 0.02);
  EXPECT_EQ(r.unreachable, 0);
  EXPECT_NEAR(r.stores[0].road_m, 0, 1);
  const auto w = map_warnings(s, *net, &r);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_TRUE(contains(w[0], "outside every store's radius")) << w[0];
  EXPECT_EQ(map_report(s, *net).out_of_radius, r.out_of_radius);  // a fixed-seed sample
}

TEST(ScenarioChecks, DemandWhereTheStoresAreIsAllCovered) {
  TempDir dir;
  const Scenario s = load_scenario(dir.write("s.yaml", std::string(kGrid) + kCornerStore));
  const auto net = load_network(s);
  const MapReport r = map_report(s, *net);
  EXPECT_EQ(r.out_of_radius, 0);
  EXPECT_EQ(r.stores[0].demand_share, 1);
  EXPECT_TRUE(map_warnings(s, *net, &r).empty());
}

TEST(ScenarioChecks, MapExtentIsTheNodesBoundingBox) {
  TempDir dir;
  const Scenario s = load_scenario(dir.write("s.yaml", std::string(kGrid) + kOneStore));
  const auto net = load_network(s);
  const MapReport r = map_report(s, *net);
  const routing::LatLon ne = routing::offset({48.85, 2.35}, 900, 900);
  EXPECT_NEAR(r.south_west.lat, 48.85, 1e-9);
  EXPECT_NEAR(r.south_west.lon, 2.35, 1e-9);
  EXPECT_NEAR(r.north_east.lat, ne.lat, 1e-9);
  EXPECT_NEAR(r.north_east.lon, ne.lon, 1e-9);
}

TEST(MisplacedStores, AllAreReportedInOneError) {
  TempDir dir;
  // Stores 0 and 2 are 5.6 and 11 km north of the grid; store 1 is on it.
  const std::string path =
      dir.write("s.yaml", std::string(kGrid) +
                              "stores:\n  - {id: a, location: {lat: 48.909, lon: 2.355}}\n"
                              "  - {id: b, location: {lat: 48.854, lon: 2.355}}\n"
                              "  - {id: c, location: {lat: 48.958, lon: 2.355}}\n");
  const Scenario s = load_scenario(path);
  const auto e = error_of([&] { load_network(s); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->key(), "stores");
  EXPECT_EQ(e->where().line, 6);  // the first of them
  EXPECT_TRUE(contains(e->found(), "2 of 3 stores misplaced")) << e->what();
  EXPECT_TRUE(contains(e->found(), "stores[0].location")) << e->what();
  EXPECT_TRUE(contains(e->found(), "stores[2].location")) << e->what();
  EXPECT_FALSE(contains(e->found(), "stores[1].location")) << e->what();
}

TEST(MisplacedStores, SwappedLatitudeAndLongitudeIsSaid) {
  TempDir dir;
  const std::string path = dir.write(
      "s.yaml", std::string(kGrid) + "stores: [{id: a, location: {lat: 2.355, lon: 48.854}}]\n");
  const Scenario s = load_scenario(path);
  const auto e = error_of([&] { load_network(s); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->key(), "stores[0].location");
  EXPECT_TRUE(contains(e->found(), "latitude and longitude look swapped")) << e->what();
}

TEST(InputMistakes, LatitudeBeyondNinetyWithAValidLongitudeIsSwapped) {
  TempDir dir;
  const std::string path = dir.write(
      "s.yaml", std::string(kGrid) + "stores: [{id: a, location: {lat: 120, lon: 40}}]\n");
  const auto e = error_of([&] { load_scenario(path); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->key(), "stores[0].location.lat");
  EXPECT_EQ(e->found(),
            "'120' (latitude and longitude look swapped: lat: 40, lon: 120 would be a valid "
            "location)");
  const std::string hotspot = dir.write(
      "h.yaml", std::string(kGrid) + kOneStore + "demand: {hotspots: [{lat: -100, lon: 7}]}\n");
  const auto h = error_of([&] { load_scenario(hotspot); });
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->key(), "demand.hotspots[0].lat");
  EXPECT_TRUE(contains(h->found(), "look swapped")) << h->what();
}

TEST(InputMistakes, LatitudeBeyondNinetyOtherwiseIsOutOfRange) {
  TempDir dir;
  const std::string path = dir.write(
      "s.yaml", std::string(kGrid) + "stores: [{id: a, location: {lat: 120, lon: 140}}]\n");
  const auto e = error_of([&] { load_scenario(path); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->key(), "stores[0].location.lat");
  EXPECT_EQ(e->found(), "'120'");
}

TEST(InputMistakes, TabInTheIndentationIsNamed) {
  TempDir dir;
  const std::string path =
      dir.write("s.yaml", "name: t\nnetwork:\n\tgrid: {rows: 5, cols: 5}\nstores: []\n");
  const auto e = error_of([&] { load_scenario(path); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->where().file, path);
  EXPECT_EQ(e->where().line, 3);
  EXPECT_TRUE(contains(e->expected(), "tabs")) << e->what();
  EXPECT_TRUE(contains(e->found(), "a tab at the start of line 3")) << e->what();
}

}  // namespace
}  // namespace scenarios
