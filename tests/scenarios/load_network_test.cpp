// Building the scenario's road network, and the checks of the scenario against it.
#include <gtest/gtest.h>

#include "scenario_test_util.h"
#include "scenarios/scenario.h"

namespace scenarios {
namespace {

using testing::error_of;
using testing::expect_error;
using testing::TempDir;

const std::string kRepo = HALFHOUR_SOURCE_DIR;

TEST(LoadNetwork, GridHasRowsTimesColsNodes) {
  const Scenario s = load_scenario(kRepo + "/scenarios/grid-small.yaml");
  const auto net = load_network(s);
  EXPECT_EQ(net->node_count(), 400u);
  EXPECT_EQ(net->edge_count(), 2u * 2 * 19 * 20);  // two-way, 19 links per row and per column
}

TEST(LoadNetwork, ReadsAnOsmFile) {
  TempDir dir;
  const Scenario s = load_scenario(dir.write("s.yaml", "name: b\nnetwork: {osm: " + kRepo +
                                                           "/tests/data/bautzen.osm}\n"
                                                           "stores: [{id: a, location: {lat: "
                                                           "51.189, lon: 14.412}}]\n"));
  const auto net = load_network(s);
  EXPECT_GT(net->node_count(), 10u);
}

// A 5 x 5 grid of 100 m at (0, 0): nodes up to 400 m north and east.
constexpr const char* kSmallGrid = "name: t\nnetwork: {grid: {rows: 5, cols: 5}}\n";

TEST(LoadNetwork, StoreWithinAKilometreOfARoadIsFine) {
  TempDir dir;
  // 0.0117 degrees north is 1300 m north of the origin, 900 m past the grid's last row.
  const Scenario s = load_scenario(dir.write(
      "s.yaml", std::string(kSmallGrid) + "stores: [{id: a, location: {lat: 0.0117, lon: 0}}]\n"));
  EXPECT_NO_THROW(load_network(s));
}

TEST(LoadNetwork, StoreOffTheMapIsAnErrorAtItsLocation) {
  TempDir dir;
  // The nearest node is the grid's north-west corner, (0.05 - 0.0035972) degrees = 5.16 km away.
  const std::string path =
      dir.write("s.yaml", std::string(kSmallGrid) +
                              "stores:\n  - {id: a, location: {lat: 0.001, lon: 0}}\n"
                              "  - {id: b, location: {lat: 0.05, lon: 0}}\n");
  const Scenario s = load_scenario(path);
  expect_error(error_of([&] { load_network(s); }),
               {path, 5, 23, "stores[1].location", "nearest road is 5.2 km away",
                "a location within 1 km of a road"});
}

TEST(LoadNetwork, StoreMovedOffTheMapByAnOverride) {
  TempDir dir;
  const Scenario s =
      load_scenario(dir.write("s.yaml", std::string(kSmallGrid) +
                                            "stores: [{id: a, location: {lat: 0.001, lon: 0}}]\n"),
                    {"stores[0].location={lat: 0.05, lon: 0}"});
  expect_error(error_of([&] { load_network(s); }),
               {"--set stores[0].location={lat: 0.05, lon: 0}", 0, 0, "stores[0].location",
                "nearest road is 5.2 km away"});
}

TEST(LoadNetwork, MissingOsmFileIsAnErrorAtNetworkOsm) {
  TempDir dir;
  const std::string path = dir.write("s.yaml",
                                     "name: t\nnetwork:\n  osm: maps/nowhere.osm.pbf\n"
                                     "stores: [{id: a, location: {lat: 1, lon: 1}}]\n");
  const Scenario s = load_scenario(path);
  expect_error(error_of([&] { load_network(s); }),
               {path, 3, 8, "network.osm", "no such file",
                "a readable OpenStreetMap file with drivable roads"});
}

TEST(LoadNetwork, CorruptOsmFileIsAnErrorAtNetworkOsm) {
  TempDir dir;
  dir.write("x.osm.pbf", std::string("\x00\x00\x00\x0dgarbage\xff\xfe bytes, not a map", 30));
  const std::string path = dir.write("s.yaml",
                                     "name: t\nseed: 3\nnetwork: {osm: x.osm.pbf}\n"
                                     "stores: [{id: a, location: {lat: 1, lon: 1}}]\n");
  const Scenario s = load_scenario(path);
  const auto e = error_of([&] { load_network(s); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->where().file, path);
  EXPECT_EQ(e->where().line, 3);
  EXPECT_EQ(e->where().column, 16);
  EXPECT_EQ(e->key(), "network.osm");
  EXPECT_EQ(e->found().rfind("cannot read OpenStreetMap data: ", 0), 0u) << e->found();
}

TEST(LoadNetwork, OsmFileWithoutRoadsIsAnErrorAtNetworkOsm) {
  TempDir dir;
  dir.write("empty.osm",
            "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\">\n"
            "  <node id=\"1\" lat=\"1.0\" lon=\"1.0\"/>\n</osm>\n");
  const std::string path = dir.write(
      "s.yaml",
      "name: t\nnetwork: {osm: empty.osm}\nstores: [{id: a, location: {lat: 1, lon: 1}}]\n");
  const Scenario s = load_scenario(path);
  expect_error(error_of([&] { load_network(s); }),
               {path, 2, 16, "network.osm", "no drivable road in the file"});
}

TEST(LoadNetwork, TraceOrderFarFromRoadsIsAnErrorAtItsCsvLine) {
  TempDir dir;
  // Rows are sorted by time; the far one (line 3, 0.1 degrees north: 10.7 km) is second in time.
  dir.write("orders.csv",
            "time,lat,lon\n00:00:30,0.001,0.001\n00:00:20,0.1,0\n00:00:10,0.002,0.001\n");
  const Scenario s = load_scenario(dir.write(
      "s.yaml",
      std::string(kSmallGrid) +
          "stores: [{id: a, location: {lat: 0.001, lon: 0}}]\ndemand: {trace: orders.csv}\n"));
  expect_error(error_of([&] { load_network(s); }),
               {dir.path("orders.csv"), 3, 1, "lat,lon", "nearest road is 10.7 km away",
                "an order within 5 km of a road"});
}

}  // namespace
}  // namespace scenarios
