// Real inputs are never silently wrong (issue 16), as a user meets it on the command line: an
// empty trace, a fleet of nobody, a --set through an alias, sizes beyond the machine.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "e2e_util.h"

namespace fs = std::filesystem;

namespace {

using Result = e2e::Run;

Result halfhour(const std::string& args) { return e2e::run_halfhour(args); }

std::string data(const std::string& name) {
  return std::string(HALFHOUR_SOURCE_DIR) + "/tests/scenarios/data/" + name;
}

class RealInputs : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("halfhour-e2e-real-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string out() const { return (dir_ / "out").string(); }
  fs::path dir_;
};

TEST_F(RealInputs, EmptyTrace15ClockTimesExitTwoAndWriteNothing) {
  const auto r = halfhour("run " + data("15-empty-trace/zero-orders.yaml") + " --out " + out());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("orders-clock-times.csv:2:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("inside the simulated window"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("all 2 rows read"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(out()));
  EXPECT_EQ(halfhour("validate " + data("15-empty-trace/zero-orders.yaml")).code, 2);
}

TEST_F(RealInputs, EmptyTrace15ZeroRidersRejectsNoRiderAndPrintsNoShare) {
  const auto r = halfhour("run " + data("15-empty-trace/zero-riders.yaml") + " --out " + out());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("orders placed        2\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(no_rider: 2)"), std::string::npos) << r.out;
  // Both accepted and rejected for want of a rider: 0% on time; nothing delivered: no share of
  // the delivered to give, not 0.0%.
  EXPECT_NE(r.out.find("on time (<= 30 min)  0.0% of accepted, n/a of delivered\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("click-to-door        n/a"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("warning"), std::string::npos) << r.out;
}

TEST_F(RealInputs, EmptyTrace15SomeRowsOutsideTheWindowWarnOnStderr) {
  // A 30-minute run of orders-two.csv (00:05 and 00:30): the second row is not placed.
  const auto r = halfhour("run -q " + data("15-empty-trace/zero-riders.yaml") +
                          " --set duration=30m --out " + out());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("halfhour: warning: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 of 2 trace rows"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("line 3"), std::string::npos) << r.out;
}

TEST_F(RealInputs, EmptyTrace15ASweepWarnsOnceForThePointsThatDropRows) {
  // Two points: at 20m the 00:30 row of orders-two.csv is not placed, at 40m it is.
  const fs::path sweep = dir_ / "sweep.yaml";
  std::ofstream(sweep) << "name: window\nbase: " << data("15-empty-trace/zero-riders.yaml")
                       << "\nfactors:\n  - {key: duration, values: [20m, 40m]}\n";
  const auto r = halfhour("sweep -q " + sweep.string() + " --db " + (dir_ / "db.sqlite").string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("1 of 2 trace rows"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("the duration (20m)"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("the duration (40m)"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("warning"), r.out.rfind("warning")) << r.out;  // once
}

TEST_F(RealInputs, YamlAliases13SetWritesOnlyItsPathIntoTheResolvedScenario) {
  const auto r = halfhour("run -q " + data("13-yaml-aliases/aliases.yaml") +
                          " --set stores[1].pick_time.mean=10m --set fleet.riders[1].count=1"
                          " --out " +
                          out());
  ASSERT_EQ(r.code, 0) << r.out;
  const std::string resolved = e2e::slurp(fs::path(out()) / "aliases" / "scenario.yaml");
  ASSERT_FALSE(resolved.empty());
  // The east store at 10m, the west one still at 1m30s; groups of 3 and 1.
  EXPECT_NE(resolved.find("mean: 10m"), std::string::npos) << resolved;
  EXPECT_NE(resolved.find("mean: 1m30s"), std::string::npos) << resolved;
  EXPECT_NE(resolved.find("count: 3,"), std::string::npos) << resolved;
  EXPECT_NE(resolved.find("count: 1,"), std::string::npos) << resolved;
}

TEST_F(RealInputs, SizesBeyondTheMachineExitTwoWithTheEstimate) {
  const std::string grid = std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/grid-small.yaml";
  const auto r =
      halfhour("validate " + grid + " --set demand.orders_per_day=1e9 --set duration=366d");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("3.66e+11 orders"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("GiB"), std::string::npos) << r.out;

  // A DIMACS header claiming more nodes than 32-bit ids hold, and one claiming 4 * 10^9 nodes.
  const fs::path huge = dir_ / "huge.gr";
  std::ofstream(huge) << "p sp 100000000000 1\na 1 2 5\n";
  const auto d = halfhour("bench routing " + huge.string());
  EXPECT_EQ(d.code, 2) << d.out;
  EXPECT_NE(d.out.find("32-bit ids"), std::string::npos) << d.out;
  std::ofstream(huge) << "p sp 4000000000 1\na 1 2 5\n";
  const auto m = halfhour("bench routing " + huge.string());
  EXPECT_EQ(m.code, 2) << m.out;
  EXPECT_NE(m.out.find("memory"), std::string::npos) << m.out;
  EXPECT_NE(m.out.find("GiB"), std::string::npos) << m.out;
}

}  // namespace
