// Scenarios that load: defaults, overrides, marks, traces and the resolved YAML round trip.
#include <gtest/gtest.h>

#include <filesystem>
#include <numeric>

#include "scenario_test_util.h"
#include "scenarios/scenario.h"
#include "scenarios/trace_csv.h"

namespace scenarios {
namespace {

using model::Distribution;
using model::Vehicle;
using sim::kHour;
using sim::kMinute;
using sim::kSecond;
using testing::fixture;
using testing::TempDir;

const std::string kRepo = HALFHOUR_SOURCE_DIR;

constexpr const char* kMinimal = R"(name: minimal
network:
  grid: {rows: 5, cols: 5}
stores:
  - id: a
    location: {lat: 0.001, lon: 0.001}
)";

// A map that is not to be cached, with a congestion window over midnight on every road class.
constexpr const char* kOsmUncached = R"(name: uncached
network:
  osm: city.osm.pbf
  cache: false
  congestion:
    - {from: "23:00", to: "00:00", factor: 1}
stores:
  - {id: a, location: {lat: 1, lon: 1}}
)";

// Every key set, none to its default.
constexpr const char* kEverything = R"(name: everything
seed: 99
start: "06:30:15"
duration: 1d2h
drain: 0s
promise: 45m
network:
  grid: {rows: 12, cols: 8, spacing_m: 120.5, speed_kmh: 22, origin: {lat: 45.5, lon: -73.6}}
  cache: false
  congestion:
    - {from: "07:30", to: "09:30", factor: 0.7, roads: [primary, secondary, grid]}
    - {from: "22:15", to: "01:00:30", factor: 0.85}
stores:
  - id: east
    location: {lat: 45.505, lon: -73.595}
    radius: 1.2km
    pickers: 5
    pick_time: {dist: fixed, mean: 0s}
    pack_time: {dist: lognormal, mean: 1m30s, cv: 0.25}
  - id: west.2
    location: {lat: 45.501, lon: -73.599}
    radius: 750m
    pickers: 1
    pick_time: {dist: exponential, mean: 500ms}
fleet:
  riders:
    - {store: west.2, count: 3, vehicle: car, speed_kmh: 27.5, capacity: 4, shift: {from: "22:00", to: "02:30"}}
    - {store: east, count: 1, vehicle: bicycle}
    - {store: east, count: 2, vehicle: walking}
demand:
  orders_per_day: 1234.5
  profile: [0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0.5, 0.25, 1, 1, 1, 1, 1, 0]
  hotspots:
    - {lat: 45.503, lon: -73.597, radius: 250m, weight: 2.5}
    - {lat: 45.502, lon: -73.598}
  background_weight: 0
  basket: {items: {dist: poisson, mean: 2.5}}
dispatch:
  policy: batch_insertion
  epoch: 45s
  cross_store: true
  reposition: true
output:
  dir: results/everything
)";

void expect_same_distribution(const Distribution& a, const Distribution& b) {
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.mean, b.mean);
  EXPECT_EQ(a.cv, b.cv);
}

// Everything a run depends on; not the file, marks or resolved text.
void expect_same_scenario(const Scenario& a, const Scenario& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.output_dir, b.output_dir);
  EXPECT_EQ(a.trace_path, b.trace_path);
  ASSERT_EQ(a.network.index(), b.network.index());
  if (const auto* ga = std::get_if<routing::GridSpec>(&a.network)) {
    const auto& gb = std::get<routing::GridSpec>(b.network);
    EXPECT_EQ(ga->rows, gb.rows);
    EXPECT_EQ(ga->cols, gb.cols);
    EXPECT_EQ(ga->spacing_m, gb.spacing_m);
    EXPECT_EQ(ga->speed_kmh, gb.speed_kmh);
    EXPECT_EQ(ga->origin.lat, gb.origin.lat);
    EXPECT_EQ(ga->origin.lon, gb.origin.lon);
  } else {
    EXPECT_EQ(std::get<OsmSource>(a.network).path, std::get<OsmSource>(b.network).path);
  }
  const auto& wa = a.world;
  const auto& wb = b.world;
  EXPECT_EQ(wa.seed, wb.seed);
  EXPECT_EQ(wa.start_tod, wb.start_tod);
  EXPECT_EQ(wa.duration, wb.duration);
  EXPECT_EQ(wa.drain, wb.drain);
  EXPECT_EQ(wa.promise, wb.promise);
  ASSERT_EQ(wa.stores.size(), wb.stores.size());
  for (std::size_t i = 0; i < wa.stores.size(); ++i) {
    SCOPED_TRACE("store " + std::to_string(i));
    EXPECT_EQ(wa.stores[i].id, wb.stores[i].id);
    EXPECT_EQ(wa.stores[i].location.lat, wb.stores[i].location.lat);
    EXPECT_EQ(wa.stores[i].location.lon, wb.stores[i].location.lon);
    EXPECT_EQ(wa.stores[i].radius_m, wb.stores[i].radius_m);
    EXPECT_EQ(wa.stores[i].pickers, wb.stores[i].pickers);
    expect_same_distribution(wa.stores[i].pick_time, wb.stores[i].pick_time);
    expect_same_distribution(wa.stores[i].pack_time, wb.stores[i].pack_time);
  }
  ASSERT_EQ(wa.riders.size(), wb.riders.size());
  for (std::size_t i = 0; i < wa.riders.size(); ++i) {
    SCOPED_TRACE("rider group " + std::to_string(i));
    EXPECT_EQ(wa.riders[i].store, wb.riders[i].store);
    EXPECT_EQ(wa.riders[i].count, wb.riders[i].count);
    EXPECT_EQ(wa.riders[i].vehicle, wb.riders[i].vehicle);
    EXPECT_EQ(wa.riders[i].speed_kmh, wb.riders[i].speed_kmh);
    EXPECT_EQ(wa.riders[i].capacity, wb.riders[i].capacity);
    EXPECT_EQ(wa.riders[i].shift_from_tod, wb.riders[i].shift_from_tod);
    EXPECT_EQ(wa.riders[i].shift_to_tod, wb.riders[i].shift_to_tod);
  }
  const auto& da = wa.demand;
  const auto& db = wb.demand;
  EXPECT_EQ(da.orders_per_day, db.orders_per_day);
  EXPECT_EQ(da.profile, db.profile);
  ASSERT_EQ(da.hotspots.size(), db.hotspots.size());
  for (std::size_t i = 0; i < da.hotspots.size(); ++i) {
    EXPECT_EQ(da.hotspots[i].center.lat, db.hotspots[i].center.lat);
    EXPECT_EQ(da.hotspots[i].center.lon, db.hotspots[i].center.lon);
    EXPECT_EQ(da.hotspots[i].radius_m, db.hotspots[i].radius_m);
    EXPECT_EQ(da.hotspots[i].weight, db.hotspots[i].weight);
  }
  EXPECT_EQ(da.background_weight, db.background_weight);
  EXPECT_EQ(da.basket_mean_items, db.basket_mean_items);
  EXPECT_EQ(da.use_trace, db.use_trace);
  ASSERT_EQ(da.trace.size(), db.trace.size());
  for (std::size_t i = 0; i < da.trace.size(); ++i) {
    EXPECT_EQ(da.trace[i].time, db.trace[i].time);
    EXPECT_EQ(da.trace[i].location.lat, db.trace[i].location.lat);
    EXPECT_EQ(da.trace[i].location.lon, db.trace[i].location.lon);
    EXPECT_EQ(da.trace[i].items, db.trace[i].items);
  }
  EXPECT_EQ(wa.dispatch.policy, wb.dispatch.policy);
  EXPECT_EQ(wa.dispatch.epoch, wb.dispatch.epoch);
  EXPECT_EQ(wa.dispatch.cross_store, wb.dispatch.cross_store);
  EXPECT_EQ(wa.dispatch.reposition, wb.dispatch.reposition);
  ASSERT_EQ(wa.congestion.size(), wb.congestion.size());
  for (std::size_t i = 0; i < wa.congestion.size(); ++i) {
    SCOPED_TRACE("congestion window " + std::to_string(i));
    EXPECT_EQ(wa.congestion[i].from_tod_ms, wb.congestion[i].from_tod_ms);
    EXPECT_EQ(wa.congestion[i].to_tod_ms, wb.congestion[i].to_tod_ms);
    EXPECT_EQ(wa.congestion[i].factor, wb.congestion[i].factor);
    EXPECT_EQ(wa.congestion[i].roads, wb.congestion[i].roads);
  }
  EXPECT_EQ(wa.routing_cache, wb.routing_cache);
}

// Writes the resolved YAML to a file of its own and loads that.
Scenario reload_resolved(const Scenario& s, const TempDir& dir) {
  return load_scenario(dir.write("resolved.yaml", s.resolved_yaml));
}

TEST(LoadScenario, GridSmallLoads) {
  const Scenario s = load_scenario(kRepo + "/scenarios/grid-small.yaml");
  EXPECT_EQ(s.name, "grid-small");
  EXPECT_EQ(s.world.start_tod, 11 * kHour);
  EXPECT_EQ(s.world.duration, 3 * kHour);
  const auto& grid = std::get<routing::GridSpec>(s.network);
  EXPECT_EQ(grid.rows, 20);
  EXPECT_EQ(grid.cols, 20);
  EXPECT_EQ(grid.spacing_m, 150);
  EXPECT_EQ(grid.origin.lat, 48.85);
  EXPECT_EQ(grid.origin.lon, 2.35);
  EXPECT_EQ(s.world.stores.size(), 2u);
  int riders = 0;
  for (const auto& g : s.world.riders) riders += g.count;
  EXPECT_EQ(riders, 14);
  // A few hundred orders over the scenario's hours.
  const double orders = s.world.demand.orders_per_day * 3 / 24;
  EXPECT_GE(orders, 100);
  EXPECT_LE(orders, 1000);
}

TEST(LoadScenario, MonacoLoads) {
  const Scenario s = load_scenario(kRepo + "/scenarios/monaco.yaml");
  EXPECT_EQ(s.name, "monaco");
  EXPECT_EQ(std::get<OsmSource>(s.network).path, kRepo + "/scenarios/maps/monaco.osm.pbf");
}

TEST(LoadScenario, FillsEveryDefault) {
  TempDir dir;
  const Scenario s = load_scenario(dir.write("s.yaml", kMinimal));
  const auto& w = s.world;
  EXPECT_EQ(w.seed, 1u);
  EXPECT_EQ(w.start_tod, 7 * kHour);
  EXPECT_EQ(w.duration, 16 * kHour);
  EXPECT_EQ(w.drain, 3 * kHour);
  EXPECT_EQ(w.promise, 30 * kMinute);
  const auto& grid = std::get<routing::GridSpec>(s.network);
  EXPECT_EQ(grid.spacing_m, 100);
  EXPECT_EQ(grid.speed_kmh, 25);
  EXPECT_EQ(grid.origin.lat, 0);
  EXPECT_EQ(grid.origin.lon, 0);
  ASSERT_EQ(w.stores.size(), 1u);
  const auto& store = w.stores[0];
  EXPECT_EQ(store.radius_m, 3000);
  EXPECT_EQ(store.pickers, 2);
  EXPECT_EQ(store.pick_time.kind, Distribution::Kind::lognormal);
  EXPECT_EQ(store.pick_time.mean, 60 * kSecond);
  EXPECT_EQ(store.pick_time.cv, 0.4);
  EXPECT_EQ(store.pack_time.kind, Distribution::Kind::lognormal);
  EXPECT_EQ(store.pack_time.mean, 60 * kSecond);
  EXPECT_TRUE(w.riders.empty());
  EXPECT_EQ(w.demand.orders_per_day, 1000);
  for (double weight : w.demand.profile) EXPECT_EQ(weight, 1);
  EXPECT_TRUE(w.demand.hotspots.empty());
  EXPECT_EQ(w.demand.background_weight, 1);
  EXPECT_EQ(w.demand.basket_mean_items, 4);
  EXPECT_FALSE(w.demand.use_trace);
  EXPECT_EQ(w.dispatch.policy, "nearest_idle");
  EXPECT_EQ(w.dispatch.epoch, 30 * kSecond);
  EXPECT_FALSE(w.dispatch.cross_store);
  EXPECT_FALSE(w.dispatch.reposition);
  EXPECT_TRUE(w.congestion.empty());
  EXPECT_NE(w.routing_cache.find("grid-"), std::string::npos);  // cached by default
  EXPECT_EQ(s.output_dir, "out");
}

TEST(LoadScenario, RiderSpeedDefaultsByVehicle) {
  TempDir dir;
  const Scenario s = load_scenario(dir.write("s.yaml", std::string(kMinimal) + R"(fleet:
  riders:
    - {store: a, count: 1}
    - {store: a, count: 2, vehicle: scooter}
    - {store: a, count: 3, vehicle: car}
    - {store: a, count: 4, vehicle: bicycle, speed_kmh: 12}
    - {store: a, count: 5, vehicle: walking}
)"));
  ASSERT_EQ(s.world.riders.size(), 5u);
  EXPECT_EQ(s.world.riders[0].vehicle, Vehicle::ebike);
  EXPECT_EQ(s.world.riders[0].speed_kmh, 18);
  EXPECT_EQ(s.world.riders[0].capacity, 1);
  EXPECT_EQ(s.world.riders[0].shift_from_tod, -1);
  EXPECT_EQ(s.world.riders[1].speed_kmh, 25);
  EXPECT_EQ(s.world.riders[2].vehicle, Vehicle::car);
  EXPECT_EQ(s.world.riders[2].speed_kmh, 50);
  EXPECT_EQ(s.world.riders[3].vehicle, Vehicle::bicycle);
  EXPECT_EQ(s.world.riders[3].speed_kmh, 12);
  EXPECT_EQ(s.world.riders[3].count, 4);
  EXPECT_EQ(s.world.riders[4].vehicle, Vehicle::walking);
  EXPECT_EQ(s.world.riders[4].speed_kmh, 5);
}

TEST(LoadScenario, DistributionKeysDefaultFromTheKeysDefault) {
  TempDir dir;
  const Scenario s = load_scenario(dir.write("s.yaml", R"(name: d
network: {grid: {rows: 5, cols: 5}}
stores:
  - id: a
    location: {lat: 0.001, lon: 0.001}
    pick_time: {mean: 3m}
    pick_start: {dist: lognormal}
  - id: b
    location: {lat: 0.001, lon: 0.001}
    pick_time: {dist: fixed}
)"));
  const auto& a = s.world.stores[0];
  EXPECT_EQ(a.pick_time.kind, Distribution::Kind::lognormal);
  EXPECT_EQ(a.pick_time.mean, 3 * kMinute);
  EXPECT_EQ(a.pick_time.cv, 0.4);
  EXPECT_EQ(a.pick_start.kind, Distribution::Kind::lognormal);
  EXPECT_EQ(a.pick_start.mean, 30 * kSecond);
  EXPECT_EQ(a.pick_start.cv, 0.5);
  const auto& b = s.world.stores[1];
  EXPECT_EQ(b.pick_time.kind, Distribution::Kind::fixed);
  EXPECT_EQ(b.pick_time.mean, 60 * kSecond);
  EXPECT_EQ(b.pick_time.cv, 0);
}

TEST(LoadScenario, ReadsEveryKey) {
  TempDir dir;
  const Scenario s = load_scenario(dir.write("s.yaml", kEverything));
  const auto& w = s.world;
  EXPECT_EQ(w.seed, 99u);
  EXPECT_EQ(w.start_tod, 6 * kHour + 30 * kMinute + 15 * kSecond);
  EXPECT_EQ(w.duration, 26 * kHour);
  EXPECT_EQ(w.drain, 0);
  EXPECT_EQ(w.promise, 45 * kMinute);
  EXPECT_EQ(std::get<routing::GridSpec>(s.network).spacing_m, 120.5);
  EXPECT_EQ(w.stores[0].radius_m, 1200);
  EXPECT_EQ(w.stores[0].pick_time.kind, Distribution::Kind::fixed);
  EXPECT_EQ(w.stores[0].pick_time.mean, 0);
  EXPECT_EQ(w.stores[0].pack_time.mean, 90 * kSecond);
  EXPECT_EQ(w.stores[0].pack_time.cv, 0.25);
  EXPECT_EQ(w.stores[1].id, "west.2");
  EXPECT_EQ(w.stores[1].pick_time.mean, 500);
  EXPECT_EQ(w.riders[0].store, 1u);
  EXPECT_EQ(w.riders[0].vehicle, Vehicle::car);
  EXPECT_EQ(w.riders[0].speed_kmh, 27.5);
  EXPECT_EQ(w.riders[0].capacity, 4);
  EXPECT_EQ(w.riders[0].shift_from_tod, 22 * kHour);
  EXPECT_EQ(w.riders[0].shift_to_tod, 2 * kHour + 30 * kMinute);
  EXPECT_EQ(w.riders[1].store, 0u);
  EXPECT_EQ(w.riders[2].vehicle, Vehicle::walking);
  EXPECT_EQ(w.riders[2].speed_kmh, 5);
  ASSERT_EQ(w.congestion.size(), 2u);
  EXPECT_EQ(w.congestion[0].from_tod_ms, 27'000'000);  // 7.5 h
  EXPECT_EQ(w.congestion[0].to_tod_ms, 34'200'000);    // 9.5 h
  EXPECT_EQ(w.congestion[0].factor, 0.7);
  using routing::RoadClass;
  EXPECT_EQ(w.congestion[0].roads,
            (std::vector{RoadClass::primary, RoadClass::secondary, RoadClass::grid}));
  EXPECT_EQ(w.congestion[1].from_tod_ms, 80'100'000);  // 22.25 h
  EXPECT_EQ(w.congestion[1].to_tod_ms, 3'630'000);     // 1 h 30 s, past midnight
  EXPECT_EQ(w.congestion[1].factor, 0.85);
  EXPECT_TRUE(w.congestion[1].roads.empty());
  EXPECT_EQ(w.routing_cache, "");
  EXPECT_EQ(w.demand.orders_per_day, 1234.5);
  EXPECT_EQ(w.demand.profile[16], 0.5);
  EXPECT_EQ(std::accumulate(w.demand.profile.begin(), w.demand.profile.end(), 0.0), 60.75);
  ASSERT_EQ(w.demand.hotspots.size(), 2u);
  EXPECT_EQ(w.demand.hotspots[0].radius_m, 250);
  EXPECT_EQ(w.demand.hotspots[0].weight, 2.5);
  EXPECT_EQ(w.demand.hotspots[1].radius_m, 500);
  EXPECT_EQ(w.demand.hotspots[1].weight, 1);
  EXPECT_EQ(w.demand.background_weight, 0);
  EXPECT_EQ(w.demand.basket_mean_items, 2.5);
  EXPECT_EQ(w.dispatch.policy, "batch_insertion");
  EXPECT_EQ(w.dispatch.epoch, 45 * kSecond);
  EXPECT_TRUE(w.dispatch.cross_store);
  EXPECT_TRUE(w.dispatch.reposition);
  EXPECT_EQ(s.output_dir, "results/everything");
}

TEST(LoadScenario, AppliesOverridesBeforeValidation) {
  TempDir dir;
  const std::string path = dir.write("s.yaml", kEverything);
  const Scenario s =
      load_scenario(path, {"fleet.riders[0].count=40", "seed=7", "demand.profile[3]=2",
                           "stores[1].location={lat: 45.5011, lon: -73.5991}", "duration = 90m",
                           "demand.hotspots=[{lat: 45.5, lon: -73.6}]", "output.dir=elsewhere"});
  EXPECT_EQ(s.world.riders[0].count, 40);
  EXPECT_EQ(s.world.seed, 7u);
  EXPECT_EQ(s.world.demand.profile[3], 2);
  EXPECT_EQ(s.world.stores[1].location.lat, 45.5011);
  EXPECT_EQ(s.world.stores[1].location.lon, -73.5991);
  EXPECT_EQ(s.world.duration, 90 * kMinute);
  ASSERT_EQ(s.world.demand.hotspots.size(), 1u);
  EXPECT_EQ(s.world.demand.hotspots[0].weight, 1);
  EXPECT_EQ(s.output_dir, "elsewhere");
  EXPECT_EQ(s.mark("fleet.riders[0].count").file, "--set fleet.riders[0].count=40");
  EXPECT_EQ(s.mark("stores[1].location").file,
            "--set stores[1].location={lat: 45.5011, lon: -73.5991}");
  EXPECT_EQ(s.mark("stores[0].location").file, path);
}

TEST(LoadScenario, OverridesCreateMissingKeys) {
  TempDir dir;
  const Scenario s = load_scenario(
      dir.write("s.yaml", kMinimal),
      {"dispatch.epoch=0s", "fleet.riders=[{store: a, count: 2}]", "demand.basket.items.mean=6",
       "dispatch.policy=assignment",
       "network.congestion=[{from: \"17:00\", to: \"19:00\", factor: 0.5, roads: [grid]}]"});
  EXPECT_EQ(s.world.dispatch.epoch, 0);
  EXPECT_EQ(s.world.dispatch.policy, "assignment");
  ASSERT_EQ(s.world.congestion.size(), 1u);
  EXPECT_EQ(s.world.congestion[0].from_tod_ms, 61'200'000);  // 17 h
  EXPECT_EQ(s.world.congestion[0].to_tod_ms, 68'400'000);    // 19 h
  EXPECT_EQ(s.world.congestion[0].factor, 0.5);
  EXPECT_EQ(s.mark("network.congestion[0]").file,
            "--set network.congestion=[{from: \"17:00\", to: \"19:00\", factor: 0.5, roads: "
            "[grid]}]");
  ASSERT_EQ(s.world.riders.size(), 1u);
  EXPECT_EQ(s.world.riders[0].count, 2);
  EXPECT_EQ(s.world.demand.basket_mean_items, 6);
}

TEST(LoadScenario, LaterOverrideWins) {
  TempDir dir;
  const Scenario s = load_scenario(dir.write("s.yaml", kMinimal), {"seed=3", "seed=4"});
  EXPECT_EQ(s.world.seed, 4u);
}

TEST(LoadScenario, RecordsWhereKeysWereWritten) {
  TempDir dir;
  const std::string path = dir.write("s.yaml", kEverything);
  const Scenario s = load_scenario(path);
  const auto expect_mark = [&](const std::string& key, int line, int column) {
    const SourceMark m = s.mark(key);
    EXPECT_EQ(m.file, path) << key;
    EXPECT_EQ(m.line, line) << key;
    EXPECT_EQ(m.column, column) << key;
  };
  expect_mark("network.grid", 8, 9);
  expect_mark("network.congestion[1]", 12, 7);
  expect_mark("network.congestion[1].factor", 12, 47);
  expect_mark("stores[0]", 14, 5);
  expect_mark("stores[1]", 20, 5);
  expect_mark("stores[1].location", 21, 15);
  expect_mark("fleet.riders[1].vehicle", 28, 40);
  expect_mark("demand.profile", 32, 12);
  EXPECT_EQ(s.mark("no.such.key").line, 0);
  EXPECT_EQ(s.mark("no.such.key").file, path);
}

TEST(LoadScenario, ResolvesMapPathsAgainstTheScenarioFolder) {
  TempDir dir;
  std::filesystem::create_directory(dir.path("sub"));
  const Scenario s = load_scenario(dir.write("sub/s.yaml", R"(name: osm
network:
  osm: ../maps/city.osm.pbf
stores:
  - {id: a, location: {lat: 1, lon: 1}}
)"));
  EXPECT_EQ(std::get<OsmSource>(s.network).path, dir.path("maps/city.osm.pbf"));
  EXPECT_EQ(s.mark("network.osm").line, 3);
  EXPECT_EQ(s.mark("network.osm").column, 8);
  // Hierarchies are cached next to the map by default: the same path load_network opens.
  EXPECT_EQ(s.world.routing_cache, dir.path("maps/city.osm.pbf"));
}

TEST(LoadScenario, NetworkCacheFalseLeavesTheMapUncached) {
  TempDir dir;
  const Scenario s = load_scenario(dir.write("s.yaml", kOsmUncached));
  EXPECT_EQ(std::get<OsmSource>(s.network).path, dir.path("city.osm.pbf"));
  EXPECT_EQ(s.world.routing_cache, "");
}

TEST(LoadScenario, GridsAreCachedInTheUsersCacheFolder) {
  TempDir dir;
  const std::string text = R"(name: g
network: {grid: {rows: 5, cols: 7}}
stores: [{id: a, location: {lat: 0.001, lon: 0.001}}]
)";
  ::setenv("HALFHOUR_CACHE_DIR", "/somewhere/cache", 1);
  EXPECT_EQ(load_scenario(dir.write("s.yaml", text)).world.routing_cache,
            "/somewhere/cache/grid-5x7");
  ::unsetenv("HALFHOUR_CACHE_DIR");
  ::setenv("XDG_CACHE_HOME", "/xdg", 1);
  EXPECT_EQ(load_scenario(dir.write("s.yaml", text)).world.routing_cache, "/xdg/halfhour/grid-5x7");
  ::unsetenv("XDG_CACHE_HOME");
  const Scenario off = load_scenario(dir.write("s.yaml", R"(name: g
network: {grid: {rows: 5, cols: 5}, cache: false}
stores: [{id: a, location: {lat: 0.001, lon: 0.001}}]
)"));
  EXPECT_EQ(off.world.routing_cache, "");
}

TEST(LoadScenario, ResolvedYamlRoundTrips) {
  TempDir dir;
  for (const char* text : {kMinimal, kEverything, kOsmUncached}) {
    const Scenario first = load_scenario(dir.write("s.yaml", text));
    const Scenario second = reload_resolved(first, dir);
    expect_same_scenario(first, second);
    EXPECT_EQ(first.resolved_yaml, second.resolved_yaml);
  }
}

TEST(LoadScenario, ResolvedYamlRoundTripsACachedMapFromAnotherFolder) {
  TempDir dir;
  std::filesystem::create_directory(dir.path("sub"));
  const Scenario first = load_scenario(dir.write("sub/s.yaml", R"(name: osm
network:
  osm: ../maps/city.osm.pbf
stores:
  - {id: a, location: {lat: 1, lon: 1}}
)"));
  const Scenario second = reload_resolved(first, dir);
  EXPECT_EQ(second.world.routing_cache, dir.path("maps/city.osm.pbf"));
  expect_same_scenario(first, second);
  EXPECT_EQ(first.resolved_yaml, second.resolved_yaml);
}

TEST(LoadScenario, ResolvedYamlWritesTheNewKeys) {
  TempDir dir;
  const Scenario s = load_scenario(dir.write("s.yaml", kEverything));
  for (const char* part :
       {"  congestion:\n    - {from: \"07:30\", to: \"09:30\", factor: 0.7, roads: [primary, "
        "secondary, grid]}\n    - {from: \"22:15\", to: \"01:00:30\", factor: 0.85}\n",
        "vehicle: walking, speed_kmh: 5,", "policy: batch_insertion\n", "reposition: true\n"})
    EXPECT_NE(s.resolved_yaml.find(part), std::string::npos) << part << "\n" << s.resolved_yaml;
}

TEST(LoadScenario, ResolvedYamlRoundTripsShippedScenarios) {
  for (const char* name : {"grid-small.yaml", "monaco.yaml", "monaco-drones-coldchain.yaml"}) {
    SCOPED_TRACE(name);
    TempDir dir;
    const Scenario first = load_scenario(kRepo + "/scenarios/" + name);
    const Scenario second = reload_resolved(first, dir);
    expect_same_scenario(first, second);
    EXPECT_EQ(first.resolved_yaml, second.resolved_yaml);
  }
}

TEST(LoadScenario, ResolvedYamlRoundTripsATraceFromAnotherFolder) {
  TempDir dir;
  const Scenario first = load_scenario(fixture("trace-scenario.yaml"));
  const Scenario second = reload_resolved(first, dir);
  expect_same_scenario(first, second);
  EXPECT_EQ(first.resolved_yaml, second.resolved_yaml);
}

TEST(LoadScenario, ResolvedYamlKeepsOverrides) {
  TempDir dir;
  const Scenario first = load_scenario(kRepo + "/scenarios/grid-small.yaml",
                                       {"fleet.riders[1].count=9", "dispatch.epoch=5s"});
  const Scenario second = reload_resolved(first, dir);
  EXPECT_EQ(second.world.riders[1].count, 9);
  EXPECT_EQ(second.world.dispatch.epoch, 5 * kSecond);
  expect_same_scenario(first, second);
}

TEST(LoadScenario, ResolvedYamlStartsWithTheScenarioKeysInOrder) {
  TempDir dir;
  const Scenario s = load_scenario(dir.write("s.yaml", kMinimal));
  const std::string head =
      "name: \"minimal\"\nseed: 1\nstart: \"07:00\"\nduration: 16h\ndrain: 3h\npromise: 30m\n"
      "network:\n";
  EXPECT_EQ(s.resolved_yaml.substr(0, head.size()), head);
}

TEST(Trace, LoadsAndSortsStablyByTime) {
  const Scenario s = load_scenario(fixture("trace-scenario.yaml"));
  EXPECT_TRUE(s.world.demand.use_trace);
  EXPECT_EQ(s.trace_path, fixture("trace-unsorted.csv"));
  EXPECT_EQ(s.mark("demand.trace").line, 14);
  EXPECT_EQ(s.mark("demand.trace").column, 10);
  const auto& t = s.world.demand.trace;
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].time, 30 * kSecond);
  EXPECT_EQ(t[0].location.lat, 48.852);
  EXPECT_EQ(t[0].items, 1);
  EXPECT_EQ(t[1].time, 90'500);
  EXPECT_EQ(t[1].items, 2);
  EXPECT_EQ(t[2].time, 10 * kMinute);  // written first, at 00:10:00
  EXPECT_EQ(t[2].items, 3);
  EXPECT_EQ(t[3].time, 10 * kMinute);  // written later, as 600 s
  EXPECT_EQ(t[3].items, 5);
  EXPECT_EQ(t[3].location.lon, 2.353);
}

TEST(Trace, KeepsLinesAndReadsColumnsInAnyOrder) {
  const auto rows = read_trace_rows(fixture("trace-no-items.csv"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].line, 3);
  EXPECT_EQ(rows[0].order.time, 1 * kSecond);
  EXPECT_EQ(rows[0].order.location.lat, 48.852);
  EXPECT_EQ(rows[0].order.items, 1);
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_EQ(rows[1].order.location.lon, 2.351);
}

}  // namespace
}  // namespace scenarios
