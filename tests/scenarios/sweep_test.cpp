#include "scenarios/sweep.h"

#include <gtest/gtest.h>

#include <set>

#include "scenario_test_util.h"
#include "scenarios/mdrp_scenario.h"

namespace {

using scenarios::load_sweep;
using scenarios::testing::error_of;
using scenarios::testing::expect_error;
using scenarios::testing::TempDir;

std::string base() { return std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/grid-small.yaml"; }

TEST(Sweep, AGridIsEveryCombinationInRowMajorOrder) {
  TempDir dir;
  const auto path = dir.write("s.yaml", "name: riders\nbase: " + base() +
                                            "\nreplications: 3\nfactors:\n"
                                            "  - {key: \"fleet.riders[0].count\", values: [2, 4]}\n"
                                            "  - {key: promise, values: [20m, 30m, 40m]}\n");
  const auto s = load_sweep(path);
  EXPECT_EQ(s.replications, 3);
  const auto points = scenarios::sweep_points(s);
  ASSERT_EQ(points.size(), 6u);
  EXPECT_EQ(points[0].sets, (std::vector<std::string>{"fleet.riders[0].count=2", "promise=20m"}));
  EXPECT_EQ(points[1].sets, (std::vector<std::string>{"fleet.riders[0].count=2", "promise=30m"}));
  EXPECT_EQ(points[5].sets, (std::vector<std::string>{"fleet.riders[0].count=4", "promise=40m"}));
}

TEST(Sweep, ARangeWithAStepIncludesBothEnds) {
  TempDir dir;
  const auto path = dir.write(
      "s.yaml", "name: r\nbase: " + base() +
                    "\nfactors:\n  - {key: demand.orders_per_day, range: {from: 1000, to: 2000, "
                    "step: 250}}\n");
  const auto points = scenarios::sweep_points(load_sweep(path));
  ASSERT_EQ(points.size(), 5u);
  EXPECT_EQ(points.front().sets[0], "demand.orders_per_day=1000");
  EXPECT_EQ(points.back().sets[0], "demand.orders_per_day=2000");
}

TEST(Sweep, ALatinHypercubePutsOnePointInEachStratumOfEveryFactor) {
  TempDir dir;
  const auto path = dir.write(
      "s.yaml",
      "name: lhs\nbase: " + base() +
          "\nseed: 5\ndesign: latin_hypercube\npoints: 10\nfactors:\n"
          "  - {key: demand.orders_per_day, range: {from: 1000, to: 3000}}\n"
          "  - {key: \"fleet.riders[0].count\", range: {from: 1, to: 21}, integer: true}\n");
  const auto s = load_sweep(path);
  const auto points = scenarios::sweep_points(s);
  ASSERT_EQ(points.size(), 10u);
  std::set<int> strata;
  for (const auto& p : points) {
    const double v = std::stod(p.sets[0].substr(p.sets[0].find('=') + 1));
    ASSERT_GE(v, 1000);
    ASSERT_LT(v, 3000);
    strata.insert(static_cast<int>((v - 1000) / 200));  // 10 strata of 200 orders
  }
  EXPECT_EQ(strata.size(), 10u);
  // The same sweep seed gives the same points.
  const auto again = scenarios::sweep_points(s);
  for (std::size_t i = 0; i < points.size(); ++i) EXPECT_EQ(points[i].sets, again[i].sets);
}

TEST(Sweep, SeedsDependOnPointAndReplicationAndRepeat) {
  std::set<std::uint64_t> seeds;
  for (std::size_t p = 0; p < 50; ++p)
    for (int r = 0; r < 20; ++r) seeds.insert(scenarios::sweep_run_seed(7, p, r));
  EXPECT_EQ(seeds.size(), 1000u);
  EXPECT_EQ(scenarios::sweep_run_seed(7, 3, 2), scenarios::sweep_run_seed(7, 3, 2));
  EXPECT_NE(scenarios::sweep_run_seed(7, 3, 2), scenarios::sweep_run_seed(8, 3, 2));
  EXPECT_LE(scenarios::sweep_run_seed(7, 3, 2), static_cast<std::uint64_t>(INT64_MAX));
}

TEST(Sweep, CommonRandomNumbersGiveEveryPointTheSameSeedsUnlessTurnedOff) {
  scenarios::Sweep s;
  s.seed = 9;
  EXPECT_EQ(scenarios::sweep_run_seed(s, 0, 4), scenarios::sweep_run_seed(s, 7, 4));
  EXPECT_NE(scenarios::sweep_run_seed(s, 7, 4), scenarios::sweep_run_seed(s, 7, 5));
  s.common_random_numbers = false;
  EXPECT_NE(scenarios::sweep_run_seed(s, 0, 4), scenarios::sweep_run_seed(s, 7, 4));
  EXPECT_EQ(scenarios::sweep_run_seed(s, 7, 4), scenarios::sweep_run_seed(9, 7, 4));
}

TEST(Sweep, TheRunCommandRepeatsTheRun) {
  scenarios::Sweep s;
  s.base = "/x/grid small.yaml";
  const std::string cmd = scenarios::sweep_run_command(s, {{"promise=20m", "a.b=it's"}}, 42);
  EXPECT_EQ(cmd,
            "halfhour run '/x/grid small.yaml' --set promise=20m --set 'a.b=it'\\''s' "
            "--seed 42");
}

TEST(Sweep, AnUnknownKeyPointsAtItsFactor) {
  TempDir dir;
  const auto path = dir.write("s.yaml", "name: r\nbase: " + base() +
                                            "\nfactors:\n  - {key: promise, values: [20m]}\n"
                                            "  - {key: \"fleet.ridres[0].count\", values: [3]}\n");
  const auto e = error_of([&] { load_sweep(path); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->where().file, path);
  EXPECT_EQ(e->where().line, 5);
  EXPECT_EQ(e->key(), "factors[1]");
}

// Found by fuzz_sweep: a base that names a folder (here an empty tagged value, the sweep's own
// folder) made yaml-cpp leak its read buffer; it is an error that says it is a directory.
TEST(Sweep, ABaseThatIsAFolderIsAnErrorSayingSo) {
  TempDir dir;
  const auto path = dir.write(
      "s.yaml", "name: r\nbase: !base.yaml\nfactors:\n  - {key: promise, values: [20m]}\n");
  EXPECT_FALSE(scenarios::is_mdrp_scenario(std::filesystem::path(path).parent_path().string()));
  const auto e = error_of([&] { load_sweep(path); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->found(), "a directory");
}

TEST(Sweep, AValueOfTheWrongTypePointsAtItsFactor) {
  TempDir dir;
  const auto path = dir.write(
      "s.yaml", "name: r\nbase: " + base() + "\nfactors:\n  - {key: promise, values: [20m, 7]}\n");
  const auto e = error_of([&] { load_sweep(path); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->key(), "factors[0]");
  EXPECT_EQ(e->found(), "'7'");
  EXPECT_NE(e->expected().find("promise"), std::string::npos);
}

TEST(Sweep, ZeroReplicationsAndEmptyFactorsAreRejected) {
  TempDir dir;
  const std::string head = "name: r\nbase: " + base() + "\n";
  expect_error(error_of([&] {
                 load_sweep(dir.write("a.yaml", head + "replications: 0\nfactors:\n"
                                                       "  - {key: promise, values: [20m]}\n"));
               }),
               {dir.path("a.yaml"), 3, 15, "replications", "'0'", "from 1"});
  const auto e = error_of([&] { load_sweep(dir.write("b.yaml", head + "factors: []\n")); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->key(), "factors");
}

}  // namespace
