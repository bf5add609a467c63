// --set and sweep factors naming a store or rider group by its id instead of its index.
#include <gtest/gtest.h>

#include "scenario_test_util.h"
#include "scenarios/scenario.h"
#include "scenarios/sweep.h"

namespace scenarios {
namespace {

using testing::error_of;
using testing::expect_error;
using testing::TempDir;

constexpr const char* kScenario = R"(name: t
network: {grid: {rows: 5, cols: 5}}
stores:
  - {id: north, location: {lat: 0.001, lon: 0.001}, pickers: 2}
  - {id: monte-carlo, location: {lat: 0.002, lon: 0.002}, pickers: 3}
fleet:
  riders:
    - {store: north, count: 3}
    - {store: monte-carlo, count: 4}
    - {store: north, count: 1, vehicle: car}
)";

TEST(OverrideById, AStoreByItsId) {
  TempDir dir;
  const Scenario s =
      load_scenario(dir.write("s.yaml", kScenario), {"stores[monte-carlo].pickers=18"});
  EXPECT_EQ(s.world.stores[0].pickers, 2);
  EXPECT_EQ(s.world.stores[1].pickers, 18);
}

TEST(OverrideById, ARiderGroupByItsStore) {
  TempDir dir;
  const Scenario s =
      load_scenario(dir.write("s.yaml", kScenario), {"fleet.riders[monte-carlo].count=9"});
  EXPECT_EQ(s.world.riders[0].count, 3);
  EXPECT_EQ(s.world.riders[1].count, 9);
  EXPECT_EQ(s.world.riders[2].count, 1);
}

TEST(OverrideById, AnUnknownIdSaysDidYouMean) {
  TempDir dir;
  const std::string path = dir.write("s.yaml", kScenario);
  expect_error(error_of([&] { load_scenario(path, {"stores[monte-carlp].pickers=18"}); }),
               {"--set stores[monte-carlp].pickers=18", 0, 0, "stores[monte-carlp]",
                "'monte-carlp'", "one of north, monte-carlo (did you mean 'monte-carlo'?)"});
}

TEST(OverrideById, AStoreWithTwoRiderGroupsNeedsAnIndex) {
  TempDir dir;
  const std::string path = dir.write("s.yaml", kScenario);
  expect_error(error_of([&] { load_scenario(path, {"fleet.riders[north].count=5"}); }),
               {"--set fleet.riders[north].count=5", 0, 0, "fleet.riders[north]",
                "2 entries with store 'north': [0], [2]", "or an index"});
}

// Rider groups may carry an id of their own: then a store with two groups needs no index.
TEST(OverrideById, ARiderGroupByItsOwnId) {
  TempDir dir;
  const Scenario s = load_scenario(dir.write("s.yaml", R"(name: t
network: {grid: {rows: 5, cols: 5}}
stores:
  - {id: north, location: {lat: 0.001, lon: 0.001}, pickers: 2}
fleet:
  riders:
    - {id: north-day, store: north, count: 3}
    - {id: north-evening, store: north, count: 4}
)"),
                                   {"fleet.riders[north-evening].count=9"});
  EXPECT_EQ(s.world.riders[0].id, "north-day");
  EXPECT_EQ(s.world.riders[0].count, 3);
  EXPECT_EQ(s.world.riders[1].count, 9);
}

TEST(OverrideById, TwoRiderGroupsWithOneIdAreAnError) {
  TempDir dir;
  const std::string path = dir.write("s.yaml", R"(name: t
network: {grid: {rows: 5, cols: 5}}
stores:
  - {id: north, location: {lat: 0.001, lon: 0.001}, pickers: 2}
fleet:
  riders:
    - {id: evening, store: north, count: 3}
    - {id: evening, store: north, count: 4}
)");
  const auto e = error_of([&] { load_scenario(path, {}); });
  ASSERT_TRUE(e.has_value());
  const std::string what = e->what();
  EXPECT_EQ(e->where().line, 8) << what;
  EXPECT_NE(what.find("fleet.riders[1].id"), std::string::npos) << what;
  EXPECT_NE(what.find("a name no other rider group has"), std::string::npos) << what;
}

TEST(OverrideById, ALaterErrorPointsAtTheSet) {
  TempDir dir;
  const std::string path = dir.write("s.yaml", kScenario);
  const auto e = error_of([&] { load_scenario(path, {"stores[north].pickers=0"}); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->where().file, "--set stores[north].pickers=0");
  EXPECT_EQ(e->key(), "stores[0].pickers");
}

TEST(OverrideById, ASweepFactorByStoreId) {
  TempDir dir;
  dir.write("base.yaml", kScenario);
  const Sweep sweep = load_sweep(dir.write(
      "sweep.yaml",
      "name: r\nbase: base.yaml\nfactors:\n  - {key: \"fleet.riders[monte-carlo].count\", "
      "values: [6, 12]}\n"));
  const auto points = sweep_points(sweep);
  ASSERT_EQ(points.size(), 2u);
  const Scenario s = load_scenario(dir.path("base.yaml"), points[1].sets);
  EXPECT_EQ(s.world.riders[1].count, 12);
  EXPECT_EQ(s.world.riders[0].count, 3);
}

TEST(OverrideById, ASweepFactorWithAnUnknownIdPointsAtTheFactor) {
  TempDir dir;
  dir.write("base.yaml", kScenario);
  const std::string path = dir.write(
      "sweep.yaml",
      "name: r\nbase: base.yaml\nfactors:\n  - {key: \"stores[south].pickers\", values: [6]}\n");
  const auto e = error_of([&] { load_sweep(path); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->key(), "factors[0]");
  EXPECT_EQ(e->found(), "'south'");
}

}  // namespace
}  // namespace scenarios
