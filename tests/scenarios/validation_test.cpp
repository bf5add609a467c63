// More scenario mistakes, each with its whole file written out so that line and column can be
// checked by eye. Complements bad_input_test.cpp.
#include <gtest/gtest.h>

#include <filesystem>

#include "scenario_test_util.h"
#include "scenarios/scenario.h"

namespace scenarios {
namespace {

using testing::error_of;
using testing::expect_error;
using testing::TempDir;

// Lines 1 to 3 of most cases.
const std::string kBase =
    "name: t\n"
    "network: {grid: {rows: 5, cols: 5}}\n"
    "stores: [{id: a, location: {lat: 0.001, lon: 0.001}}]\n";

// Lines 1 to 5: the same store as a block, to append store keys at line 6.
const std::string kBlockStore =
    "name: t\n"
    "network: {grid: {rows: 5, cols: 5}}\n"
    "stores:\n"
    "  - id: a\n"
    "    location: {lat: 0.001, lon: 0.001}\n";

// Lines 1 to 5: kBase and a fleet, to append a rider group at line 6.
const std::string kFleet = kBase + "fleet:\n  riders:\n";

// Lines 1 to 5: a network block with a congestion list, to append a window at line 6.
const std::string kCongestion =
    "name: t\n"
    "stores: [{id: a, location: {lat: 0.001, lon: 0.001}}]\n"
    "network:\n"
    "  grid: {rows: 5, cols: 5}\n"
    "  congestion:\n";

using Case = testing::InvalidCase;

class Invalid : public ::testing::TestWithParam<Case> {};

TEST_P(Invalid, IsAnInputErrorAtTheKey) { testing::expect_invalid(GetParam()); }

INSTANTIATE_TEST_SUITE_P(
    Scenario, Invalid,
    ::testing::Values(
        Case{"NameEmpty", "name:\nnetwork: {grid: {rows: 5, cols: 5}}\n", 1, 1, "name", "nothing",
             "a text"},
        Case{"FleetEmpty", kBase + "fleet:\n", 4, 1, "fleet", "nothing", "a map of keys"},
        Case{"UnknownKeySuggestsTheClosest", kBase + "sed: 7\n", 4, 1, "sed", "unknown key 'sed'",
             "did you mean 'seed'?"},
        Case{"UnknownKeyListsTheKnownOnes", kBase + "colour: red\n", 4, 1, "colour",
             "unknown key 'colour'", "one of the keys name, seed, start"},
        Case{"KeyWrittenTwice", kBase + "seed: 1\nseed: 2\n", 5, 1, "seed", "'seed' a second time"},
        Case{"SeedNotWhole", kBase + "seed: 1.5\n", 4, 7, "seed", "'1.5'", "a whole number"},
        Case{"DurationUnitsOutOfOrder", kBase + "duration: 30m1h\n", 4, 11, "duration", "'30m1h'",
             "a duration above zero"},
        Case{"DrainNegative", kBase + "drain: -1h\n", 4, 8, "drain", "'-1h'"},
        Case{"DurationOverAYear", kBase + "duration: 400d\n", 4, 11, "duration", "'400d'",
             "at most 366d"},
        Case{"StartAtMidnightEnd", kBase + "start: \"24:00\"\n", 4, 8, "start", "'24:00'",
             "before 24:00"},
        Case{"StartInAmPm", kBase + "start: 7am\n", 4, 8, "start", "'7am'", "HH:MM"},
        Case{"NetworkWithNeither", "name: t\nnetwork: {}\nstores: []\n", 2, 10, "network",
             "neither", "exactly one of grid or osm"},
        Case{"NetworkWithBoth",
             "name: t\nnetwork: {grid: {rows: 5, cols: 5}, osm: x.osm}\nstores: []\n", 2, 10,
             "network", "both"},
        Case{"NetworkMissing", "name: t\nstores: []\n", 1, 1, "network", "it missing"},
        Case{"GridWithoutCols", "name: t\nnetwork: {grid: {rows: 5}}\n", 2, 17, "network.grid.cols",
             "it missing from network.grid"},
        Case{"GridPastThePole",
             "name: t\nnetwork: {grid: {rows: 5, cols: 5, origin: {lat: 89, lon: 0}}}\n", 2, 17,
             "network.grid", "a far corner at lat 89.0036, lon 0.2061", "latitudes -85 and 85"},
        Case{"GridTooLarge", "name: t\nnetwork: {grid: {rows: 100000, cols: 1000}}\n", 2, 17,
             "network.grid", "100000 x 1000", "at most 10000000 nodes"},
        Case{"NetworkCacheNotABoolean",
             "name: t\nnetwork: {grid: {rows: 5, cols: 5}, cache: yes}\n", 2, 44, "network.cache",
             "'yes'", "one of false, true"},
        Case{"CongestionAsAMap",
             "name: t\nnetwork: {grid: {rows: 5, cols: 5}, congestion: {from: \"07:00\"}}\n", 2, 49,
             "network.congestion", "a map", "a list of windows"},
        Case{"CongestionFactorZero",
             kCongestion + "    - {from: \"07:30\", to: \"09:30\", factor: 0}\n", 6, 44,
             "network.congestion[0].factor", "'0'", "a speed factor above 0 and at most 1"},
        Case{"CongestionFactorAboveOne",
             kCongestion + "    - {from: \"07:30\", to: \"09:30\", factor: 1.5}\n", 6, 44,
             "network.congestion[0].factor", "'1.5'", "a speed factor above 0 and at most 1"},
        Case{"CongestionWithoutFactor", kCongestion + "    - {from: \"07:30\", to: \"09:30\"}\n", 6,
             7, "network.congestion[0].factor", "it missing from network.congestion[0]"},
        Case{"CongestionRoadMisspelt",
             kCongestion + "    - {from: \"07:30\", to: \"09:30\", factor: 0.7, roads: [primary, "
                           "secundary]}\n",
             6, 66, "network.congestion[0].roads[1]", "'secundary'",
             "a road class: one of motorway, trunk, primary, secondary, tertiary, unclassified, "
             "residential, service, living_street, grid (did you mean 'secondary'?)"},
        Case{"CongestionRoadsEmpty",
             kCongestion + "    - {from: \"07:30\", to: \"09:30\", factor: 0.7, roads: []}\n", 6,
             56, "network.congestion[0].roads", "a list of 0 entries", "leave roads out"},
        Case{"CongestionRoadsAWord",
             kCongestion + "    - {from: \"07:30\", to: \"09:30\", factor: 0.7, roads: primary}\n",
             6, 56, "network.congestion[0].roads", "'primary'", "a list of road classes"},
        Case{"CongestionTimeInAmPm",
             kCongestion + "    - {from: 7:30am, to: \"09:30\", factor: 0.7}\n", 6, 14,
             "network.congestion[0].from", "'7:30am'", "a time of day \"HH:MM\""},
        Case{"CongestionEndsAsItStarts",
             kCongestion + "    - {from: \"08:00\", to: \"08:00\", factor: 0.7}\n", 6, 27,
             "network.congestion[0].to", "'08:00'", "a time other than the window's start"},
        Case{"CongestionUnknownKey",
             kCongestion + "    - {from: \"07:30\", to: \"09:30\", factor: 0.7, road: [primary]}\n",
             6, 49, "network.congestion[0].road", "unknown key 'road'",
             "a key of network.congestion[0] (did you mean 'roads'?)"},
        Case{"OsmPathEmpty", "name: t\nnetwork: {osm: \"\"}\n", 2, 16, "network.osm", "''"},
        Case{"StoresMissing", "name: t\nnetwork: {grid: {rows: 5, cols: 5}}\n", 1, 1, "stores",
             "it missing"},
        Case{"StoresEmpty", "name: t\nnetwork: {grid: {rows: 5, cols: 5}}\nstores: []\n", 3, 9,
             "stores", "a list of 0 entries", "at least one store"},
        Case{"StoreWithoutId",
             "name: t\nnetwork: {grid: {rows: 5, cols: 5}}\n"
             "stores: [{location: {lat: 0.001, lon: 0.001}}]\n",
             3, 10, "stores[0].id", "it missing from stores[0]"},
        Case{"StoreIdWithASlash",
             "name: t\nnetwork: {grid: {rows: 5, cols: 5}}\n"
             "stores: [{id: a/b, location: {lat: 0.001, lon: 0.001}}]\n",
             3, 15, "stores[0].id", "'a/b'"},
        Case{"LongitudeOutOfRange",
             "name: t\nnetwork: {grid: {rows: 5, cols: 5}}\n"
             "stores: [{id: a, location: {lat: 0.001, lon: 200}}]\n",
             3, 46, "stores[0].location.lon", "'200'", "from -180 to 180"},
        Case{"LocationWithoutLon",
             "name: t\nnetwork: {grid: {rows: 5, cols: 5}}\n"
             "stores: [{id: a, location: {lat: 0.001}}]\n",
             3, 28, "stores[0].location.lon", "it missing from stores[0].location"},
        Case{"LocationAsAList",
             "name: t\nnetwork: {grid: {rows: 5, cols: 5}}\n"
             "stores: [{id: a, location: [0.001, 0.001]}]\n",
             3, 28, "stores[0].location", "a list of 2 entries", "a map"},
        Case{"RadiusWithoutUnit", kBlockStore + "    radius: 3000\n", 6, 13, "stores[0].radius",
             "'3000'", "800m or 1.5km"},
        Case{"PickersInWords", kBlockStore + "    pickers: two\n", 6, 14, "stores[0].pickers",
             "'two'", "a whole number from 1"},
        Case{"LognormalWithoutSpread",
             kBlockStore + "    pick_time: {dist: lognormal, mean: 2m, cv: 0}\n", 6, 48,
             "stores[0].pick_time.cv", "'0'"},
        Case{"MeanWithoutUnit", kBlockStore + "    pick_time: {mean: 120}\n", 6, 23,
             "stores[0].pick_time.mean", "'120'"},
        Case{"RiderStoreMisspelt",
             "name: t\nnetwork: {grid: {rows: 5, cols: 5}}\nstores:\n"
             "  - {id: north, location: {lat: 0.001, lon: 0.001}}\n"
             "  - {id: south, location: {lat: 0.002, lon: 0.001}}\n"
             "fleet:\n  riders:\n    - {store: nroth, count: 1}\n",
             8, 15, "fleet.riders[0].store", "'nroth'", "did you mean 'north'?"},
        Case{"RiderCountZero", kFleet + "    - {store: a, count: 0}\n", 6, 25,
             "fleet.riders[0].count", "'0'"},
        Case{"RiderCountHuge", kFleet + "    - {store: a, count: 5000000}\n", 6, 25,
             "fleet.riders[0].count", "'5000000'", "to 1000000"},
        Case{"WalkingMisspelt", kFleet + "    - {store: a, count: 1, vehicle: walk}\n", 6, 37,
             "fleet.riders[0].vehicle", "'walk'",
             "one of ebike, scooter, car, bicycle, walking (did you mean 'walking'?)"},
        Case{"VehicleMisspelt", kFleet + "    - {store: a, count: 1, vehicle: bike}\n", 6, 37,
             "fleet.riders[0].vehicle", "'bike'", "did you mean 'ebike'?"},
        Case{"SpeedZero", kFleet + "    - {store: a, count: 1, speed_kmh: 0}\n", 6, 39,
             "fleet.riders[0].speed_kmh", "'0'"},
        Case{"ShiftEndsAsItStarts",
             kFleet + "    - {store: a, count: 1, shift: {from: \"08:00\", to: \"08:00\"}}\n", 6,
             55, "fleet.riders[0].shift.to", "'08:00'"},
        Case{"ShiftWithoutEnd", kFleet + "    - {store: a, count: 1, shift: {from: \"08:00\"}}\n",
             6, 35, "fleet.riders[0].shift.to", "it missing from fleet.riders[0].shift"},
        Case{"FleetAsAList", kBase + "fleet: [1]\n", 4, 8, "fleet", "a list of 1 entry"},
        Case{"NoOrders", kBase + "demand:\n  orders_per_day: 0\n", 5, 19, "demand.orders_per_day",
             "'0'", "above 0"},
        Case{"ProfileAsAWord", kBase + "demand:\n  profile: flat\n", 5, 12, "demand.profile",
             "'flat'", "24 weights"},
        Case{"ProfileEntryAWord",
             kBase +
                 "demand:\n  profile: [1, 1, x, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, "
                 "1, 1, 1, 1]\n",
             5, 19, "demand.profile[2]", "'x'"},
        Case{"NoWeightAnywhere", kBase + "demand:\n  background_weight: 0\n", 5, 22,
             "demand.background_weight", "'0'"},
        Case{"HotspotRadiusWithoutUnit",
             kBase + "demand:\n  hotspots:\n    - {lat: 0, lon: 0, radius: 400}\n", 6, 32,
             "demand.hotspots[0].radius", "'400'"},
        Case{"BasketNotPoisson", kBase + "demand:\n  basket: {items: {dist: binomial, mean: 4}}\n",
             5, 26, "demand.basket.items.dist", "'binomial'", "poisson"},
        Case{"BasketBelowOneItem", kBase + "demand:\n  basket: {items: {mean: 0.5}}\n", 5, 26,
             "demand.basket.items.mean", "'0.5'"},
        Case{"TraceFileMissing", kBase + "demand:\n  trace: nowhere.csv\n", 5, 10, "demand.trace",
             "'nowhere.csv'", "looked for"},
        Case{"EpochNegative", kBase + "dispatch:\n  epoch: -30s\n", 5, 10, "dispatch.epoch",
             "'-30s'"},
        Case{"PolicyMisspelt", kBase + "dispatch:\n  policy: nearest-idle\n", 5, 11,
             "dispatch.policy", "'nearest-idle'", "did you mean 'nearest_idle'?"},
        Case{"PolicyUnknownListsTheRegistered", kBase + "dispatch:\n  policy: fastest\n", 5, 11,
             "dispatch.policy", "'fastest'", "one of assignment, batch_insertion, nearest_idle"},
        Case{"PolicyAbbreviated", kBase + "dispatch:\n  policy: batch_insert\n", 5, 11,
             "dispatch.policy", "'batch_insert'", "did you mean 'batch_insertion'?"},
        Case{"RepositionNotABoolean", kBase + "dispatch:\n  reposition: often\n", 5, 15,
             "dispatch.reposition", "'often'", "one of false, true"},
        Case{"RepositionWithoutEpoch", kBase + "dispatch:\n  reposition: true\n  epoch: 0s\n", 6,
             10, "dispatch.epoch", "'0s'", "an epoch above 0s with reposition: true"},
        Case{"OutputDirAMap", kBase + "output: {dir: {a: 1}}\n", 4, 15, "output.dir", "a map",
             "a text"}),
    [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(InvalidFile, MissingFileIsNamed) {
  TempDir dir;
  const std::string path = dir.path("missing.yaml");
  expect_error(error_of([&] { load_scenario(path); }), {path, 0, 0, "", "no such file"});
}

TEST(InvalidFile, FolderIsNotAScenario) {
  TempDir dir;
  expect_error(error_of([&] { load_scenario(dir.path("")); }),
               {dir.path(""), 0, 0, "", "a directory", "a scenario file"});
}

TEST(InvalidFile, EmptyOrCommentOnlyFile) {
  TempDir dir;
  for (const char* text : {"", "# nothing yet\n"}) {
    const std::string path = dir.write("s.yaml", text);
    expect_error(error_of([&] { load_scenario(path); }), {path, 0, 0, "", "an empty file"});
  }
}

TEST(InvalidFile, YamlSyntaxErrorIsLocated) {
  TempDir dir;
  const std::string path = dir.write("s.yaml", "name: t\nseed: 1: 2\n");
  expect_error(error_of([&] { load_scenario(path); }),
               {path, 2, 8, "", "illegal map value", "valid YAML"});
}

TEST(InvalidFile, ScalarAtTopLevel) {
  TempDir dir;
  const std::string path = dir.write("s.yaml", "just words\n");
  expect_error(error_of([&] { load_scenario(path); }),
               {path, 1, 1, "(top level)", "'just words'", "a map of keys"});
}

TEST(InvalidFile, WhatIsOneLineWithEveryPart) {
  TempDir dir;
  const std::string path = dir.write("s.yaml", kBlockStore + "    pikers: 3\n");
  const auto e = error_of([&] { load_scenario(path); });
  ASSERT_TRUE(e);
  EXPECT_EQ(std::string(e->what()),
            path +
                ":6:5: stores[0].pikers: expected a key of stores[0] (did you mean 'pickers'?), "
                "found unknown key 'pikers'");
}

TEST(InvalidFile, CongestionRoadMisspeltIsOneLineWithEveryPart) {
  TempDir dir;
  const std::string path =
      dir.write("s.yaml", kCongestion +
                              "    - {from: \"07:30\", to: \"09:30\", factor: 0.7, "
                              "roads: [primary, secundary]}\n");
  const auto e = error_of([&] { load_scenario(path); });
  ASSERT_TRUE(e);
  EXPECT_EQ(std::string(e->what()),
            path +
                ":6:66: network.congestion[0].roads[1]: expected a road class: one of motorway, "
                "trunk, primary, secondary, tertiary, unclassified, residential, service, "
                "living_street, grid (did you mean 'secondary'?), found 'secundary'");
}

TEST(InvalidFile, CongestionFactorIsOneLineWithEveryPart) {
  TempDir dir;
  const std::string path =
      dir.write("s.yaml", kCongestion + "    - {from: \"07:30\", to: \"09:30\", factor: 0}\n");
  const auto e = error_of([&] { load_scenario(path); });
  ASSERT_TRUE(e);
  EXPECT_EQ(std::string(e->what()),
            path +
                ":6:44: network.congestion[0].factor: expected a speed factor above 0 and at most "
                "1 (0.7: 30% slower), found '0'");
}

TEST(InvalidFile, PolicyMisspeltIsOneLineWithEveryPart) {
  TempDir dir;
  const std::string path = dir.write("s.yaml", kBase + "dispatch:\n  policy: asignment\n");
  const auto e = error_of([&] { load_scenario(path); });
  ASSERT_TRUE(e);
  EXPECT_EQ(std::string(e->what()),
            path +
                ":5:11: dispatch.policy: expected one of assignment, batch_insertion, "
                "nearest_idle (did you mean 'assignment'?), found 'asignment'");
}

TEST(InvalidFile, RepositionWithoutEpochIsOneLineWithEveryPart) {
  TempDir dir;
  const std::string path =
      dir.write("s.yaml", kBase + "dispatch:\n  reposition: true\n  epoch: 0s\n");
  const auto e = error_of([&] { load_scenario(path); });
  ASSERT_TRUE(e);
  EXPECT_EQ(std::string(e->what()),
            path +
                ":6:10: dispatch.epoch: expected an epoch above 0s with reposition: true (it "
                "decides once per epoch), found '0s'");
}

}  // namespace
}  // namespace scenarios
