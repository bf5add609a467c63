// Maps for GIS tools, end to end: `halfhour run --geo` and `halfhour isochrones` on Monaco, read
// back by GDAL's ogrinfo (Debian gdal-bin) as QGIS reads them, and checked against the run's own
// CSV and against physics.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "e2e_util.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string scenario(const std::string& name) {
  return std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/" + name;
}

e2e::Run shell(const std::string& cmd) { return e2e::run_shell(cmd); }

// One number of ogrinfo's SQLite-dialect answer: the line "  <name> (<type>) = <value>".
double ogr_value(const std::string& out, const std::string& name) {
  const auto at = out.find("  " + name + " (");
  if (at == std::string::npos) return NAN;
  return std::stod(out.substr(out.find("= ", at) + 2));
}

class Geo : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(shell("command -v ogrinfo").code, 0)
        << "ogrinfo is missing: tools/install_deps.sh installs gdal-bin";
    dir_ = fs::temp_directory_path() /
           ("halfhour-geo-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

double metres(double lat1, double lon1, double lat2, double lon2) {
  const double k = M_PI / 180, r = 6371008.8;
  const double x = (lon2 - lon1) * k * std::cos((lat1 + lat2) / 2 * k), y = (lat2 - lat1) * k;
  return r * std::hypot(x, y);
}

TEST_F(Geo, ARunsMapHasEveryOrderStoreAndTripAndOpensInGdal) {
  const auto r =
      e2e::run_halfhour("run -q " + scenario("monaco.yaml") +
                        " --set duration=3h --geo --twin-period 20s --out " + dir_.string());
  ASSERT_EQ(r.code, 0) << r.out;
  const fs::path run = dir_ / "monaco";
  const json map = json::parse(e2e::slurp(run / "map.geojson"));
  ASSERT_EQ(map["type"], "FeatureCollection");

  // orders.csv, the run's own record: id -> status.
  std::map<long, std::string> status;
  {
    std::istringstream in(e2e::slurp(run / "orders.csv"));
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      std::stringstream ls(line);
      std::string id, store, rider, st;
      std::getline(ls, id, ','), std::getline(ls, store, ','), std::getline(ls, rider, ',');
      std::getline(ls, st, ',');
      status[std::stol(id)] = st;
    }
  }
  ASSERT_GT(status.size(), 500u);
  std::map<std::string, int> kinds;
  std::size_t positions = 0;
  for (const auto& f : map["features"]) {
    const std::string kind = f["properties"]["kind"];
    ++kinds[kind];
    const auto& g = f["geometry"];
    if (kind == "order") {
      const long id = f["properties"]["id"];
      ASSERT_TRUE(status.count(id)) << id;
      EXPECT_EQ(f["properties"]["status"], status[id]) << id;
      ASSERT_EQ(g["type"], "Point");
      const double lon = g["coordinates"][0], lat = g["coordinates"][1];
      EXPECT_NEAR(lat, 43.74, 0.1);  // longitude first (RFC 7946), in Monaco
      EXPECT_NEAR(lon, 7.42, 0.1);
    }
    if (kind == "trip") {
      ASSERT_EQ(g["type"], "LineString");
      const auto& c = g["coordinates"];
      ASSERT_GE(c.size(), 2u);
      // Time runs forward along a trip, and no rider outruns a scooter at 25 km/h by much (the
      // frames catch a position at most a window apart from their time).
      for (std::size_t i = 1; i < c.size(); ++i) {
        const double dt = c[i][3].get<double>() - c[i - 1][3].get<double>();
        ASSERT_GT(dt, 0);
        const double d = metres(c[i - 1][1], c[i - 1][0], c[i][1], c[i][0]);
        EXPECT_LT(d, 25 / 3.6 * (dt + 40) + 50) << "a jump of " << d << " m in " << dt << " s";
        ++positions;
      }
    }
  }
  EXPECT_EQ(kinds["order"], static_cast<int>(status.size()));
  EXPECT_EQ(kinds["store"], 4);
  EXPECT_EQ(kinds["service_area"], 4);
  EXPECT_GT(kinds["trip"], 100);
  EXPECT_GT(positions, 1000u);

  // GDAL reads every feature, and every service area is a valid polygon of pi r^2.
  const auto info = shell("ogrinfo -ro -so -al " + (run / "map.geojson").string());
  ASSERT_EQ(info.code, 0) << info.out;
  EXPECT_NE(info.out.find("Feature Count: " + std::to_string(map["features"].size())),
            std::string::npos)
      << info.out;
  const auto areas = shell("ogrinfo -ro " + (run / "map.geojson").string() +
                           " -dialect SQLite -sql \"SELECT count(*) n, sum(ST_IsValid(geometry)) "
                           "valid, avg(ST_Area(geometry, 1)) m2 FROM map WHERE kind = "
                           "'service_area'\"");
  ASSERT_EQ(areas.code, 0) << areas.out;
  EXPECT_EQ(ogr_value(areas.out, "n"), 4);
  EXPECT_EQ(ogr_value(areas.out, "valid"), 4);
  EXPECT_NEAR(ogr_value(areas.out, "m2"), M_PI * 2500 * 2500, 0.01 * M_PI * 2500 * 2500);
}

TEST_F(Geo, IsochronesAreValidNestedAndRefuseBadLimits) {
  const fs::path file = dir_ / "iso.geojson";
  const auto r = e2e::run_halfhour("isochrones " + scenario("monaco.yaml") +
                                   " --at 18:00 --minutes 5,10 -o " + file.string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("monte-carlo scooter 25 km/h, leaving 18:00: 5 min reach"),
            std::string::npos)
      << r.out;
  // Monaco: 4 stores, one vehicle each, two limits.
  const auto all = shell("ogrinfo -ro " + file.string() +
                         " -dialect SQLite -sql \"SELECT count(*) n, sum(ST_IsValid(geometry)) "
                         "valid FROM iso\"");
  ASSERT_EQ(all.code, 0) << all.out;
  EXPECT_EQ(ogr_value(all.out, "n"), 8);
  EXPECT_EQ(ogr_value(all.out, "valid"), 8);
  // What 5 minutes reach lies inside what 10 minutes reach, up to the simplification (each
  // boundary moves by at most 10 m: 0.6% of the 5-minute area lies outside), and is smaller.
  const auto nested = shell(
      "ogrinfo -ro " + file.string() +
      " -dialect SQLite -sql \"SELECT max(ST_Area(ST_Difference(a.geometry, b.geometry)) / "
      "ST_Area(a.geometry)) outside, max(ST_Area(a.geometry) / ST_Area(b.geometry)) ratio FROM iso "
      "a JOIN iso b ON a.store = b.store AND a.vehicle = b.vehicle WHERE a.minutes = 5 AND "
      "b.minutes = 10\"");
  ASSERT_EQ(nested.code, 0) << nested.out;
  EXPECT_LT(ogr_value(nested.out, "outside"), 0.02) << nested.out;
  EXPECT_LT(ogr_value(nested.out, "ratio"), 0.9) << nested.out;

  for (const char* bad : {"--at 25:00", "--minutes 0", "--minutes -5", "--buffer 0"}) {
    const fs::path none = dir_ / "none.geojson";
    const auto b = e2e::run_halfhour("isochrones " + scenario("monaco.yaml") + " " + bad + " -o " +
                                     none.string());
    EXPECT_EQ(b.code, 2) << bad << ": " << b.out;
    EXPECT_NE(b.out.find("error"), std::string::npos) << b.out;
    EXPECT_FALSE(fs::exists(none)) << bad;
  }
}

}  // namespace
