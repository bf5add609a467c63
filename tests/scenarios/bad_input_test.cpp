// Every mistake a planner can make in a scenario gives one InputError that says where (file,
// line, column), which key, what was expected and what was found.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenarios/scenario.h"

namespace fs = std::filesystem;

namespace {

// A valid scenario; each case replaces one line or appends some.
const char* kBase =
    "name: t\n"                                                                  // 1
    "seed: 3\n"                                                                  // 2
    "duration: 2h\n"                                                             // 3
    "network:\n"                                                                 // 4
    "  grid: {rows: 10, cols: 10, spacing_m: 100, origin: {lat: 45, lon: 7}}\n"  // 5
    "stores:\n"                                                                  // 6
    "  - id: a\n"                                                                // 7
    "    location: {lat: 45.004, lon: 7.004}\n"                                  // 8
    "    pickers: 2\n"                                                           // 9
    "fleet:\n"                                                                   // 10
    "  riders:\n"                                                                // 11
    "    - {store: a, count: 3}\n"                                               // 12
    "demand:\n"                                                                  // 13
    "  orders_per_day: 500\n";                                                   // 14

struct Case {
  const char* name;
  int line_to_replace;  // 0 appends
  const char* text;
  int line, column;  // expected position, 0 = not checked
  const char* key;
  const char* found;  // a part of what() must contain
};

std::string with(const Case& c) {
  std::string out;
  std::istringstream in(kBase);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    out += (n == c.line_to_replace ? c.text : line) + "\n";
  if (c.line_to_replace == 0) out += c.text;
  return out;
}

class BadScenario : public ::testing::TestWithParam<Case> {};

TEST_P(BadScenario, GivesALocatedError) {
  const Case& c = GetParam();
  const fs::path dir = fs::temp_directory_path() / "halfhour-bad-input";
  fs::create_directories(dir);
  const fs::path file = dir / (std::string(c.name) + ".yaml");
  std::ofstream(file) << with(c);
  try {
    auto s = scenarios::load_scenario(file.string());
    scenarios::load_network(s);
    FAIL() << "no error for " << c.name;
  } catch (const scenarios::InputError& e) {
    EXPECT_EQ(e.where().file, file.string()) << e.what();
    if (c.line) {
      EXPECT_EQ(e.where().line, c.line) << e.what();
    }
    if (c.column) {
      EXPECT_EQ(e.where().column, c.column) << e.what();
    }
    EXPECT_EQ(e.key(), c.key) << e.what();
    EXPECT_NE(std::string(e.what()).find(c.found), std::string::npos) << e.what();
    EXPECT_FALSE(e.expected().empty());
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadScenario,
    ::testing::Values(
        Case{"missing_name", 1, "seed0: 1", 1, 1, "seed0", "unknown key 'seed0'"},
        Case{"no_name", 1, "", 0, 0, "name", "missing"},
        Case{"bad_name", 1, "name: a/b", 1, 7, "name", "'a/b'"},
        Case{"unknown_key_typo", 9, "    pikers: 2", 9, 5, "stores[0].pikers", "did you mean"},
        Case{"unknown_top_key", 0, "colour: red\n", 15, 1, "colour", "unknown key 'colour'"},
        Case{"seed_text", 2, "seed: many", 2, 7, "seed", "'many'"},
        Case{"seed_negative", 2, "seed: -4", 2, 7, "seed", "'-4'"},
        Case{"bad_duration", 3, "duration: 2 hours", 3, 11, "duration", "'2 hours'"},
        Case{"zero_duration", 3, "duration: 0s", 3, 11, "duration", "'0s'"},
        Case{"bare_number_duration", 3, "duration: 90", 3, 11, "duration", "'90'"},
        Case{"bad_start", 0, "start: \"25:00\"\n", 15, 8, "start", "'25:00'"},
        Case{"bad_promise", 0, "promise: soon\n", 15, 10, "promise", "'soon'"},
        Case{"no_network_kind", 5, "  roads: 3", 5, 3, "network.roads", "unknown key"},
        Case{"grid_rows_zero", 5, "  grid: {rows: 0, cols: 10}", 5, 16, "network.grid.rows", "'0'"},
        Case{"grid_rows_float", 5, "  grid: {rows: 2.5, cols: 10}", 5, 16, "network.grid.rows",
             "'2.5'"},
        Case{"grid_speed_negative", 5, "  grid: {rows: 5, cols: 5, speed_kmh: -3}", 5, 39,
             "network.grid.speed_kmh", "'-3'"},
        Case{"congestion_factor_zero", 5,
             "  grid: {rows: 10, cols: 10}\n  congestion:\n"
             "    - {from: \"07:30\", to: \"09:30\", factor: 0}",
             7, 44, "network.congestion[0].factor", "found '0'"},
        Case{"congestion_factor_above_one", 5,
             "  grid: {rows: 10, cols: 10}\n  congestion:\n"
             "    - {from: \"07:30\", to: \"09:30\", factor: 1.5, roads: [primary]}",
             7, 44, "network.congestion[0].factor", "found '1.5'"},
        Case{"congestion_unknown_road", 5,
             "  grid: {rows: 10, cols: 10}\n  congestion:\n"
             "    - {from: \"07:30\", to: \"09:30\", factor: 0.7, roads: [primray]}",
             7, 57, "network.congestion[0].roads[0]", "(did you mean 'primary'?), found 'primray'"},
        Case{"congestion_bad_time", 5,
             "  grid: {rows: 10, cols: 10}\n  congestion:\n"
             "    - {from: \"07:30\", to: \"25:00\", factor: 0.7}",
             7, 27, "network.congestion[0].to", "found '25:00'"},
        Case{"congestion_unknown_key", 5,
             "  grid: {rows: 10, cols: 10}\n  congestion:\n"
             "    - {from: \"07:30\", to: \"09:30\", factr: 0.7}",
             7, 36, "network.congestion[0].factr", "(did you mean 'factor'?)"},
        Case{"network_cache_word", 5, "  grid: {rows: 10, cols: 10}\n  cache: sometimes", 6, 10,
             "network.cache", "'sometimes'"},
        Case{"missing_osm_file", 5, "  osm: nowhere.osm.pbf", 5, 8, "network.osm", "no such file"},
        Case{"stores_not_list", 7, "  first:", 7, 3, "stores", "a map"},
        Case{"duplicate_store", 9,
             "    pickers: 2\n  - id: a\n    location: {lat: 45.004, lon: 7.004}", 10, 9,
             "stores[1].id", "'a'"},
        Case{"store_bad_id", 7, "  - id: \"a b\"", 7, 9, "stores[0].id", "'a b'"},
        Case{"store_no_location", 8, "    radius: 1km", 7, 5, "stores[0].location", "missing"},
        Case{"lat_out_of_range", 8, "    location: {lat: 145, lon: 7}", 8, 21,
             "stores[0].location.lat", "'145'"},
        Case{"lat_text", 8, "    location: {lat: north, lon: 7}", 8, 21, "stores[0].location.lat",
             "'north'"},
        Case{"store_off_the_map", 8, "    location: {lat: 46, lon: 7}", 8, 15, "stores[0].location",
             "km away"},
        Case{"pickers_zero", 9, "    pickers: 0", 9, 14, "stores[0].pickers", "'0'"},
        Case{"bad_radius", 9, "    radius: 3 miles", 9, 13, "stores[0].radius", "'3 miles'"},
        Case{"bad_dist", 9, "    pick_time: {dist: gamma, mean: 2m}", 9, 23,
             "stores[0].pick_time.dist", "'gamma'"},
        Case{"cv_on_exponential", 9, "    pick_time: {dist: exponential, mean: 2m, cv: 1}", 9, 50,
             "stores[0].pick_time.cv", "'1'"},
        Case{"rider_unknown_store", 12, "    - {store: b, count: 3}", 12, 15,
             "fleet.riders[0].store", "'b'"},
        Case{"rider_count_negative", 12, "    - {store: a, count: -2}", 12, 25,
             "fleet.riders[0].count", "'-2'"},
        Case{"rider_count_missing", 12, "    - {store: a}", 12, 7, "fleet.riders[0].count",
             "missing"},
        Case{"rider_bad_vehicle", 12, "    - {store: a, count: 2, vehicle: horse}", 12, 37,
             "fleet.riders[0].vehicle", "'horse'"},
        Case{"rider_walkng", 12, "    - {store: a, count: 2, vehicle: walkng}", 12, 37,
             "fleet.riders[0].vehicle", "(did you mean 'walking'?), found 'walkng'"},
        Case{"rider_bad_shift", 12,
             "    - {store: a, count: 2, shift: {from: \"8am\", to: \"17:00\"}}", 12, 42,
             "fleet.riders[0].shift.from", "'8am'"},
        Case{"rider_capacity_zero", 12, "    - {store: a, count: 2, capacity: 0}", 12, 38,
             "fleet.riders[0].capacity", "'0'"},
        Case{"riders_not_list", 12, "    store: a", 12, 5, "fleet.riders", "a map"},
        Case{"orders_negative", 14, "  orders_per_day: -5", 14, 19, "demand.orders_per_day",
             "'-5'"},
        Case{"profile_short", 14, "  profile: [1, 2, 3]", 14, 12, "demand.profile", "a list of 3"},
        Case{"profile_all_zero", 14, "  profile: [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]",
             14, 12, "demand.profile", "a list of 24"},
        Case{"profile_negative", 14,
             "  profile: [0,0,0,0,0,0,0,0,0,0,0,0,-1,0,0,0,0,0,0,0,0,0,0,1]", 14, 37,
             "demand.profile[12]", "'-1'"},
        Case{"hotspot_no_lat", 0, "  hotspots:\n    - {lon: 7, weight: 2}\n", 16, 7,
             "demand.hotspots[0].lat", "missing"},
        Case{"trace_and_generated", 0, "  trace: orders.csv\n", 14, 19, "demand.orders_per_day",
             "both"},
        Case{"dispatch_unknown_policy", 0, "dispatch: {policy: fastest}\n", 15, 20,
             "dispatch.policy", "'fastest'"},
        Case{"dispatch_policy_typo", 0, "dispatch: {policy: nearest}\n", 15, 20, "dispatch.policy",
             "(did you mean 'nearest_idle'?), found 'nearest'"},
        Case{"reposition_word", 0, "dispatch: {reposition: 1}\n", 15, 24, "dispatch.reposition",
             "found '1'"},
        Case{"reposition_without_epoch", 0, "dispatch: {reposition: true, epoch: 0s}\n", 15, 37,
             "dispatch.epoch", "with reposition: true"},
        Case{"cross_store_word", 0, "dispatch: {cross_store: maybe}\n", 15, 25,
             "dispatch.cross_store", "'maybe'"},
        Case{"cross_store_without_epoch", 0, "dispatch: {cross_store: true, epoch: 0s}\n", 15, 38,
             "dispatch.epoch", "'0s'"},
        Case{"dispatch_bad_epoch", 0, "dispatch: {epoch: often}\n", 15, 19, "dispatch.epoch",
             "'often'"},
        Case{"yaml_syntax", 8, "    location: {lat: 45.004, lon: 7.004", 9, 0, "", "YAML"},
        Case{"top_level_list", 1, "- name: t", 1, 1, "(top level)", "a list"}),
    [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(BadScenarioFile, MissingFileNamesIt) {
  try {
    scenarios::load_scenario("/no/such/scenario.yaml");
    FAIL();
  } catch (const scenarios::InputError& e) {
    EXPECT_EQ(e.where().file, "/no/such/scenario.yaml");
    EXPECT_NE(std::string(e.what()).find("no such file"), std::string::npos);
  }
}

TEST(BadScenarioFile, EmptyFileIsAnError) {
  const fs::path file = fs::temp_directory_path() / "halfhour-empty.yaml";
  std::ofstream(file) << "";
  EXPECT_THROW(scenarios::load_scenario(file.string()), scenarios::InputError);
}

TEST(BadScenarioFile, CorruptMapIsAnErrorAtTheNetworkKey) {
  const fs::path dir = fs::temp_directory_path() / "halfhour-corrupt-map";
  fs::create_directories(dir);
  std::ofstream(dir / "city.osm.pbf") << "this is not a protobuf file at all";
  std::ofstream(dir / "s.yaml") << "name: t\nnetwork:\n  osm: city.osm.pbf\nstores:\n  - id: a\n"
                                   "    location: {lat: 45, lon: 7}\n";
  const auto s = scenarios::load_scenario((dir / "s.yaml").string());
  try {
    scenarios::load_network(s);
    FAIL();
  } catch (const scenarios::InputError& e) {
    EXPECT_EQ(e.where().line, 3);
    EXPECT_EQ(e.where().column, 8);
    EXPECT_EQ(e.key(), "network.osm");
  }
}

TEST(BadScenarioFile, TraceWithABadRowNamesTheCsvLineAndField) {
  const fs::path dir = fs::temp_directory_path() / "halfhour-bad-trace";
  fs::create_directories(dir);
  std::ofstream(dir / "orders.csv") << "time,lat,lon,items\n00:10:00,45.001,7.001,2\n"
                                       "00:12:00,45.002,east,1\n";
  std::ofstream(dir / "s.yaml") << std::string(kBase).substr(0, std::string(kBase).find("demand:"))
                                << "demand:\n  trace: orders.csv\n";
  try {
    scenarios::load_scenario((dir / "s.yaml").string());
    FAIL();
  } catch (const scenarios::InputError& e) {
    EXPECT_EQ(e.where().file, (dir / "orders.csv").string());
    EXPECT_EQ(e.where().line, 3);
    EXPECT_EQ(e.where().column, 17);
    EXPECT_EQ(e.key(), "lon");
    EXPECT_EQ(e.found(), "'east'");
  }
}

TEST(BadOverride, IndexOutOfRangeNamesTheSetFlag) {
  const std::string file = std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/grid-small.yaml";
  try {
    scenarios::load_scenario(file, {"fleet.riders[9].count=40"});
    FAIL();
  } catch (const scenarios::InputError& e) {
    EXPECT_EQ(e.where().file, "--set fleet.riders[9].count=40");
    EXPECT_EQ(e.key(), "fleet.riders[9]");
  }
}

TEST(BadOverride, BadValueIsReportedAgainstTheSetFlag) {
  const std::string file = std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/grid-small.yaml";
  try {
    scenarios::load_scenario(file, {"fleet.riders[0].count=-3"});
    FAIL();
  } catch (const scenarios::InputError& e) {
    EXPECT_EQ(e.where().file, "--set fleet.riders[0].count=-3");
    EXPECT_EQ(e.key(), "fleet.riders[0].count");
    EXPECT_EQ(e.found(), "'-3'");
  }
}

}  // namespace
