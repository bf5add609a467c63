// Bad trace CSV files: the error names the CSV file, the line, the column and the column's name.
#include <gtest/gtest.h>

#include "scenario_test_util.h"
#include "scenarios/scenario.h"
#include "scenarios/trace_csv.h"

namespace scenarios {
namespace {

using testing::error_of;
using testing::expect_error;
using testing::TempDir;

struct CsvCase {
  const char* name;
  const char* csv;
  int line, column;
  const char* key;
  const char* found;
  const char* expected_part;
};

class BadTrace : public ::testing::TestWithParam<CsvCase> {};

TEST_P(BadTrace, IsAnInputErrorAtTheCell) {
  const CsvCase& c = GetParam();
  TempDir dir;
  const std::string path = dir.write("orders.csv", c.csv);
  expect_error(error_of([&] { read_trace_rows(path); }),
               {path, c.line, c.column, c.key, c.found, c.expected_part});
}

INSTANTIATE_TEST_SUITE_P(
    Trace, BadTrace,
    ::testing::Values(CsvCase{"LatitudeAWord",
                              "time,lat,lon,items\n00:00:10,0.001,0.001,2\n00:01:00,abc,0.001,1\n",
                              3, 10, "lat", "'abc'", "a latitude"},
                      CsvCase{"LongitudeOutOfRange", "time,lat,lon\n00:00:10,0.001,181\n", 2, 16,
                              "lon", "'181'", "from -180 to 180"},
                      CsvCase{"TimeWithUnits", "time,lat,lon\n1h,0.001,0.001\n", 2, 1, "time",
                              "'1h'", "HH:MM:SS"},
                      CsvCase{"TimeNegative", "time,lat,lon\n -5 ,0.001,0.001\n", 2, 2, "time",
                              "'-5'", "seconds"},
                      CsvCase{"HeaderWithoutLon", "time,lat,items\n00:00:10,0.001,2\n", 1, 1, "lon",
                              "'time,lat,items'", "columns time, lat, lon"},
                      CsvCase{"HeaderWithAColumnTwice", "time,lat,lon,lat\n", 1, 14, "lat",
                              "'lat' twice", "each column name once"},
                      CsvCase{"RowTooShort", "time,lat,lon\n00:00:10,0.001\n", 2, 15, "lon",
                              "2 fields", "3 fields, as in the header"},
                      CsvCase{"ItemsZero", "time,lat,lon,items\n00:00:10,0.001,0.001,0\n", 2, 22,
                              "items", "'0'", "from 1 to 1000"},
                      CsvCase{"ItemsFractional", "time,lat,lon,items\n00:00:10,0.001,0.001,2.5\n",
                              2, 22, "items", "'2.5'", "a whole number"},
                      CsvCase{"NoRows", "time,lat,lon,items\n\n", 2, 1, "", "no rows",
                              "at least one order"},
                      CsvCase{"EmptyFile", "", 0, 0, "", "an empty file", "a header line"}),
    [](const ::testing::TestParamInfo<CsvCase>& info) { return std::string(info.param.name); });

TEST(Trace, BadRowSeenThroughTheScenario) {
  TempDir dir;
  dir.write("orders.csv", "time,lat,lon\n00:00:10,0.001,0.001\n\n00:00:20,0.001,east\n");
  const std::string path = dir.write("s.yaml", R"(name: t
network: {grid: {rows: 5, cols: 5}}
stores: [{id: a, location: {lat: 0.001, lon: 0.001}}]
demand: {trace: orders.csv}
)");
  expect_error(error_of([&] { load_scenario(path); }),
               {dir.path("orders.csv"), 4, 16, "lon", "'east'", "a longitude"});
}

TEST(Trace, ToleratesWindowsLineEndsBomAndSpaces) {
  TempDir dir;
  const auto rows = read_trace_rows(
      dir.write("orders.csv", "\xEF\xBB\xBFtime, lat ,lon\r\n 00:00:10 , 0.5 ,1.5\r\n"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].order.time, 10'000);
  EXPECT_EQ(rows[0].order.location.lat, 0.5);
  EXPECT_EQ(rows[0].order.location.lon, 1.5);
}

}  // namespace
}  // namespace scenarios
