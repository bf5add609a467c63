// Real inputs are never silently wrong (issue 16): a --set or sweep factor through a YAML alias
// changes its own path only; trace rows outside the simulated window are counted, and a trace
// with none inside it is refused; a demand too large for the machine is refused before a run.
#include <gtest/gtest.h>

#include <string>

#include "scenario_test_util.h"
#include "scenarios/scenario.h"
#include "scenarios/sweep.h"
#include "sim/model/kpis.h"
#include "sim/model/world.h"

namespace scenarios {
namespace {

using testing::error_of;
using testing::fixture;
using testing::TempDir;

int total_riders(const Scenario& s) {
  int n = 0;
  for (const auto& g : s.world.riders) n += g.count;
  return n;
}

// ---- 13-yaml-aliases: aliases.yaml has the east store's pick_time and the second rider group
// as aliases of the west store's and the first group's.

TEST(YamlAliases13, AliasesAreReadAsCopiesOfTheirAnchor) {
  const Scenario s = load_scenario(fixture("13-yaml-aliases/aliases.yaml"));
  ASSERT_EQ(s.world.stores.size(), 2u);
  EXPECT_EQ(s.world.stores[0].pick_time.mean, 90 * sim::kSecond);
  EXPECT_EQ(s.world.stores[1].pick_time.mean, 90 * sim::kSecond);
  ASSERT_EQ(s.world.riders.size(), 2u);
  EXPECT_EQ(s.world.riders[0].count, 3);
  EXPECT_EQ(s.world.riders[1].count, 3);
}

TEST(YamlAliases13, SetThroughAnAliasChangesOnlyItsOwnPath) {
  // The README: west store 1m30s, east store 10m; groups of 3 and 1 riders.
  const Scenario s = load_scenario(fixture("13-yaml-aliases/aliases.yaml"),
                                   {"stores[1].pick_time.mean=10m", "fleet.riders[1].count=1"});
  EXPECT_EQ(s.world.stores[0].pick_time.mean, 90 * sim::kSecond);
  EXPECT_EQ(s.world.stores[1].pick_time.mean, 10 * sim::kMinute);
  EXPECT_EQ(s.world.riders[0].count, 3);
  EXPECT_EQ(s.world.riders[1].count, 1);
  // The rest of the aliased group is still there in both.
  EXPECT_EQ(s.world.riders[1].capacity, 2);
  EXPECT_EQ(s.world.riders[0].vehicle, s.world.riders[1].vehicle);

  // The resolved scenario.yaml says the same when loaded again.
  TempDir dir;
  const Scenario again = load_scenario(dir.write("resolved.yaml", s.resolved_yaml));
  EXPECT_EQ(again.world.stores[0].pick_time.mean, 90 * sim::kSecond);
  EXPECT_EQ(again.world.stores[1].pick_time.mean, 10 * sim::kMinute);
  EXPECT_EQ(again.world.riders[0].count, 3);
  EXPECT_EQ(again.world.riders[1].count, 1);
}

TEST(YamlAliases13, SetOnTheAnchorLeavesTheAliasAlone) {
  const Scenario s = load_scenario(fixture("13-yaml-aliases/aliases.yaml"),
                                   {"stores[0].pick_time.mean=5m", "fleet.riders[0].count=7"});
  EXPECT_EQ(s.world.stores[0].pick_time.mean, 5 * sim::kMinute);
  EXPECT_EQ(s.world.stores[1].pick_time.mean, 90 * sim::kSecond);
  EXPECT_EQ(s.world.riders[0].count, 7);
  EXPECT_EQ(s.world.riders[1].count, 3);
}

constexpr const char* kNestedAliases = R"(name: nested
start: "11:00"
duration: 3h
network: {grid: {rows: 5, cols: 5, spacing_m: 150, origin: {lat: 48.85, lon: 2.35}}}
stores:
  - {id: a, location: {lat: 48.851, lon: 2.351}}
  - {id: b, location: {lat: 48.852, lon: 2.352}}
fleet:
  riders:
    - &group {store: a, count: &n 3, shift: &shift {from: "11:00", to: "13:00"}}
    - *group
    - {store: b, count: *n, shift: *shift}
)";

TEST(YamlAliases13, SetThroughANestedAliasChangesOnlyItsOwnPath) {
  // riders[1] is an alias of riders[0], whose shift is also riders[2]'s shift.
  TempDir dir;
  const std::string path = dir.write("nested.yaml", kNestedAliases);
  const Scenario s = load_scenario(path, {"fleet.riders[1].shift.to=12:00"});
  ASSERT_EQ(s.world.riders.size(), 3u);
  EXPECT_EQ(s.world.riders[0].shift_to_tod, 13 * sim::kHour);
  EXPECT_EQ(s.world.riders[1].shift_to_tod, 12 * sim::kHour);
  EXPECT_EQ(s.world.riders[2].shift_to_tod, 13 * sim::kHour);
  for (const auto& g : s.world.riders) EXPECT_EQ(g.shift_from_tod, 11 * sim::kHour);

  const Scenario t = load_scenario(path, {"fleet.riders[2].shift.from=12:00"});
  EXPECT_EQ(t.world.riders[0].shift_from_tod, 11 * sim::kHour);
  EXPECT_EQ(t.world.riders[1].shift_from_tod, 11 * sim::kHour);
  EXPECT_EQ(t.world.riders[2].shift_from_tod, 12 * sim::kHour);
}

TEST(YamlAliases13, SetOnAScalarAliasAndANewKeyInAnAliasedMap) {
  TempDir dir;
  const std::string path = dir.write("nested.yaml", kNestedAliases);
  // count is a scalar alias in all three groups; speed_kmh is absent and created in one.
  const Scenario s = load_scenario(path, {"fleet.riders[2].count=5", "fleet.riders[1].speed_kmh=30",
                                          "fleet.riders[1].capacity=4"});
  EXPECT_EQ(s.world.riders[0].count, 3);
  EXPECT_EQ(s.world.riders[1].count, 3);
  EXPECT_EQ(s.world.riders[2].count, 5);
  EXPECT_EQ(s.world.riders[1].speed_kmh, 30);
  EXPECT_NE(s.world.riders[0].speed_kmh, 30);
  EXPECT_EQ(s.world.riders[1].capacity, 4);
  EXPECT_EQ(s.world.riders[0].capacity, 1);
  EXPECT_EQ(s.world.riders[1].shift_to_tod, 13 * sim::kHour);  // the copy kept its shift
}

TEST(YamlAliases13, AnErrorBesideTheSetStillPointsIntoTheFile) {
  // riders[0] is copied for the --set of its count; its store, written on line 10, is unknown
  // after a --set of stores[0].id. The error names the file's line, not the --set.
  TempDir dir;
  const std::string path = dir.write("nested.yaml", kNestedAliases);
  const auto e = error_of([&] {
    load_scenario(path, {"fleet.riders[0].count=2", "stores[0].id=c"});
  });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->key(), "fleet.riders[0].store") << e->what();
  EXPECT_EQ(e->where().file, path) << e->what();
  EXPECT_EQ(e->where().line, 10) << e->what();
  EXPECT_EQ(e->where().column, 22) << e->what();
}

TEST(YamlAliases13, SweepFactorVariesOnlyTheSecondGroup) {
  // The README: only the second group varies (point 0 has 3 + 1 riders, point 1 has 3 + 3).
  const Sweep sweep = load_sweep(fixture("13-yaml-aliases/sweep.yaml"));
  const auto points = sweep_points(sweep);
  ASSERT_EQ(points.size(), 2u);
  const int second[] = {1, 3};
  for (std::size_t p = 0; p < points.size(); ++p) {
    const Scenario s = load_scenario(sweep.base, points[p].sets);
    EXPECT_EQ(s.world.riders[0].count, 3) << p;
    EXPECT_EQ(s.world.riders[1].count, second[p]) << p;
    EXPECT_EQ(total_riders(s), 3 + second[p]) << p;
  }
}

// ---- 15-empty-trace: rows at or after the duration are never placed.

TEST(EmptyTrace15, ATraceWithNoRowInsideTheWindowIsRefused) {
  // orders-clock-times.csv has 12:30 and 13:15 (clock times) against a duration of 1h.
  const auto e = error_of([] { load_scenario(fixture("15-empty-trace/zero-orders.yaml")); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->where().file, fixture("15-empty-trace/orders-clock-times.csv"));
  EXPECT_EQ(e->where().line, 2);  // the earliest row, 12:30
  EXPECT_EQ(e->key(), "time");
  EXPECT_NE(e->expected().find("inside the simulated window"), std::string::npos) << e->what();
  EXPECT_NE(e->expected().find("1h"), std::string::npos) << e->what();
  EXPECT_NE(e->found().find("all 2 rows read"), std::string::npos) << e->what();
}

TEST(EmptyTrace15, ZeroRidersRunsAndRejectsEveryOrderNoRider) {
  const Scenario s = load_scenario(fixture("15-empty-trace/zero-riders.yaml"));
  EXPECT_TRUE(s.warnings.empty());
  EXPECT_EQ(s.world.demand.trace.size(), 2u);
  EXPECT_EQ(total_riders(s), 0);
  model::World world(s.world, load_network(s), 1);
  const model::Kpis k = model::compute_kpis(world.run());
  EXPECT_EQ(k.orders_placed, 2u);
  EXPECT_EQ(k.orders_delivered, 0u);
  EXPECT_EQ(k.orders_rejected, 2u);
  EXPECT_EQ(k.rejected_by_reason.at("no_rider"), 2u);
}

std::string trace_scenario(const TempDir& dir, const std::string& csv) {
  dir.write("orders.csv", csv);
  return dir.write("s.yaml", R"(name: partial
start: "11:00"
duration: 1h
network: {grid: {rows: 10, cols: 10, spacing_m: 150, origin: {lat: 48.85, lon: 2.35}}}
stores: [{id: s, location: {lat: 48.856, lon: 2.356}, radius: 2km}]
fleet: {riders: [{store: s, count: 2}]}
demand: {trace: orders.csv}
)");
}

TEST(EmptyTrace15, RowsAfterTheWindowAreCountedInAWarning) {
  TempDir dir;
  // Unsorted on purpose; 01:00:00 is exactly the duration, so it is not placed either.
  const std::string path = trace_scenario(dir,
                                          "time,lat,lon\n"
                                          "02:00:00,48.857,2.357\n"
                                          "00:10:00,48.857,2.357\n"
                                          "01:00:00,48.858,2.358\n"
                                          "00:59:59,48.858,2.358\n");
  const Scenario s = load_scenario(path);
  ASSERT_EQ(s.world.demand.trace.size(), 2u);
  EXPECT_EQ(s.world.demand.trace[0].time, 10 * sim::kMinute);
  EXPECT_EQ(s.world.demand.trace[1].time, sim::kHour - sim::kSecond);
  ASSERT_EQ(s.warnings.size(), 1u);
  const std::string& w = s.warnings[0];
  EXPECT_NE(w.find("2 of 4 trace rows"), std::string::npos) << w;
  EXPECT_NE(w.find("line 4"), std::string::npos) << w;  // the first dropped: 01:00:00
  // Named without its folder: the warning goes into kpis.json, the same wherever it runs from.
  EXPECT_EQ(w.rfind("orders.csv: ", 0), 0u) << w;
}

TEST(EmptyTrace15, ATraceInsideTheWindowHasNoWarning) {
  TempDir dir;
  const Scenario s = load_scenario(trace_scenario(dir, "time,lat,lon\n00:00,48.857,2.357\n"));
  EXPECT_EQ(s.world.demand.trace.size(), 1u);
  EXPECT_TRUE(s.warnings.empty());
}

TEST(EmptyTrace15, ALongerDurationBringsTheRowsIn) {
  const Scenario s = load_scenario(fixture("15-empty-trace/zero-orders.yaml"), {"duration=14h"});
  EXPECT_EQ(s.world.demand.trace.size(), 2u);
  EXPECT_TRUE(s.warnings.empty());
}

// ---- Sizes beyond the machine: refused with the estimate before anything is allocated.

TEST(SizesBeyondTheMachine, ABillionOrdersADayForAYearIsRefused) {
  TempDir dir;
  const std::string path = dir.write("huge.yaml", R"(name: huge
duration: 366d
network: {grid: {rows: 5, cols: 5, spacing_m: 150}}
stores: [{id: a, location: {lat: 0.001, lon: 0.001}}]
demand:
  orders_per_day: 1e9
)");
  const auto e = error_of([&] { load_scenario(path); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->where().file, path);
  EXPECT_EQ(e->where().line, 6);
  EXPECT_EQ(e->key(), "demand.orders_per_day");
  // 10^9 a day for 366 days, flat profile: 3.66e11 orders, each about a KiB: hundreds of TiB.
  EXPECT_NE(e->found().find("3.66e+11 orders over the 8784h run"), std::string::npos) << e->what();
  EXPECT_NE(e->found().find("GiB"), std::string::npos) << e->what();
  EXPECT_NE(e->expected().find("memory"), std::string::npos) << e->what();
}

TEST(SizesBeyondTheMachine, TheRefusalNamesTheSetThatAskedForIt) {
  const auto e = error_of([] {
    load_scenario(fixture("trace-scenario.yaml"), {});  // a trace: no rate to refuse
  });
  EXPECT_FALSE(e.has_value()) << (e ? e->what() : "");
  const std::string grid = std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/grid-small.yaml";
  const auto big = error_of([&] {
    load_scenario(grid, {"demand.orders_per_day=1e9", "duration=366d"});
  });
  ASSERT_TRUE(big.has_value());
  EXPECT_EQ(big->where().file, "--set demand.orders_per_day=1e9");
  // grid-small's demand as shipped loads.
  EXPECT_NO_THROW(load_scenario(grid));
}

}  // namespace
}  // namespace scenarios
