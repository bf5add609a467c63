// Warnings for likely mistakes reach the user on every channel: stderr, kpis.json and the top of
// the report; validate prints the map's extent and each store's coverage.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "e2e_util.h"

namespace {

namespace fs = std::filesystem;
using e2e::run_halfhour;
using e2e::slurp;

// A 10 x 10 grid of 100 m; one store at its south-west corner with a 250 m radius (8 of the 100
// nodes) and demand over the whole network: about 92% of the orders out of radius. Its second
// rider group works 18:00-20:00, after the 07:00-08:00 window.
constexpr const char* kScenario = R"(name: lost
start: "07:00"
duration: 1h
network: {grid: {rows: 10, cols: 10, spacing_m: 100, origin: {lat: 48.85, lon: 2.35}}}
stores: [{id: corner, location: {lat: 48.85, lon: 2.35}, radius: 250m}]
fleet:
  riders:
    - {store: corner, count: 2}
    - {store: corner, count: 3, shift: {from: "18:00", to: "20:00"}}
demand: {orders_per_day: 2400, area: network}
)";

class Warnings : public ::testing::Test {
 protected:
  void SetUp() override {
    // A folder per test and process: ctest runs tests side by side.
    dir_ = fs::temp_directory_path() /
           ("halfhour-warnings-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
            std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream(dir_ / "lost.yaml") << kScenario;
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(Warnings, ReachStderrKpisAndTheReport) {
  const auto r =
      run_halfhour("run -q " + (dir_ / "lost.yaml").string() + " --out " + (dir_ / "out").string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("halfhour: warning: lost.yaml:9: fleet.riders[1].shift: the shift 18:00 "
                       "to 20:00 lies entirely outside"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("never reached a store"), std::string::npos) << r.out;
  const std::string kpis = slurp(dir_ / "out" / "lost" / "kpis.json");
  const auto warnings = kpis.find("\"warnings\": [");
  ASSERT_NE(warnings, std::string::npos) << kpis;
  EXPECT_LT(warnings, kpis.find("\"orders\""));
  const auto shift = kpis.find("lies entirely outside", warnings);
  const auto lost = kpis.find("never reached a store", warnings);
  EXPECT_NE(shift, std::string::npos) << kpis;
  EXPECT_NE(lost, std::string::npos) << kpis;
  EXPECT_LT(shift, lost);  // the scenario's first, then the run's
  const std::string report = slurp(dir_ / "out" / "lost" / "report.html");
  const auto section = report.find("<h2>Warnings</h2>");
  ASSERT_NE(section, std::string::npos);
  EXPECT_LT(section, report.find("<h2>Orders by hour</h2>"));
  EXPECT_NE(report.find("never reached a store", section), std::string::npos);
}

TEST_F(Warnings, ValidatePrintsTheMapAndTheDemandEstimate) {
  const auto r = run_halfhour("validate " + (dir_ / "lost.yaml").string());
  ASSERT_EQ(r.code, 0) << r.out;
  // 900 m north and east of the origin: 0.008094 degrees of latitude, 0.012300 of longitude.
  EXPECT_NE(r.out.find("road network extent: lat 48.85000 to 48.85809, lon 2.35000 to 2.36230"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("store 0 (corner): 0 m from its road, radius 250 m covers"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("halfhour: warning: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("outside every store's radius"), std::string::npos) << r.out;
}

}  // namespace
