#include "sim/output/sweep_db.h"
#include "sim/output/sweep_report.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;

std::string temp_db(const std::string& name) {
  const std::string path = ::testing::TempDir() + "/" + name;
  fs::remove(path);
  fs::remove(path + "-wal");
  fs::remove(path + "-shm");
  return path;
}

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::vector<std::vector<std::pair<std::string, std::string>>> kPoints = {
    {{"fleet.riders[0].count", "2"}}, {{"fleet.riders[0].count", "4"}}};

TEST(SweepDb, TheIntervalOfAKnownSampleIsTheHandComputedOne) {
  const auto path = temp_db("ci.sqlite");
  output::SweepDb db(path, "def", kPoints, false);
  // 1, 2, 3, 4, 5: mean 3, sd sqrt(2.5), t(0.975, 4) = 2.776445, half-width t sd / sqrt(5).
  for (int r = 0; r < 5; ++r) db.record({0, r, 100u + r, 0.1, "cmd", {{"x", 1.0 + r}}});
  db.record({1, 0, 7, 0.1, "cmd", {{"x", 10}}});
  const auto rows = db.summary();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].point, 0);
  EXPECT_EQ(rows[0].n, 5);
  EXPECT_DOUBLE_EQ(rows[0].mean, 3);
  EXPECT_NEAR(rows[0].sd, std::sqrt(2.5), 1e-12);
  EXPECT_NEAR(rows[0].half_width, 2.776445 * std::sqrt(2.5) / std::sqrt(5.0), 1e-5);
  EXPECT_EQ(rows[1].n, 1);
  EXPECT_EQ(rows[1].sd, 0);
}

TEST(SweepDb, ResumingKeepsWhatWasDoneAndRecordingTwiceKeepsOneRow) {
  const auto path = temp_db("resume.sqlite");
  {
    output::SweepDb db(path, "def", kPoints, false);
    db.record({0, 0, 1, 0.1, "cmd", {{"x", 1}}});
    db.record({1, 1, 2, 0.1, "cmd", {{"x", 2}}});
  }
  output::SweepDb db(path, "def", kPoints, true);
  EXPECT_EQ(db.done(), (std::set<std::pair<int, int>>{{0, 0}, {1, 1}}));
  db.record({0, 0, 1, 0.2, "cmd", {{"x", 1}}});
  EXPECT_EQ(db.done().size(), 2u);
  EXPECT_EQ(db.summary()[0].n, 1);
  EXPECT_EQ(db.csv(), "point,rep,seed,fleet.riders[0].count,x\n0,0,1,2,1\n1,1,2,4,2\n");
}

TEST(SweepDb, AnotherDefinitionOrAForeignFileIsRefusedAndLeftAlone) {
  const auto path = temp_db("other.sqlite");
  { output::SweepDb db(path, "def", kPoints, false); }
  const std::string before = bytes_of(path);
  EXPECT_THROW(output::SweepDb(path, "another", kPoints, true), output::SweepDbError);
  EXPECT_THROW(output::SweepDb(path, "def", kPoints, false), output::SweepDbError);  // no --resume
  EXPECT_EQ(bytes_of(path), before);
  const auto foreign = temp_db("foreign.sqlite");
  std::ofstream(foreign) << "not a database at all, just text that is long enough to look at";
  const std::string text = bytes_of(foreign);
  try {
    output::SweepDb db(foreign, "def", kPoints, true);
    ADD_FAILURE() << "opened a text file";
  } catch (const output::SweepDbError& e) {
    EXPECT_NE(std::string(e.what()).find(foreign), std::string::npos);
  }
  EXPECT_EQ(bytes_of(foreign), text);
  // Resuming a sweep that never got to make its database starts it.
  output::SweepDb fresh(temp_db("missing.sqlite"), "def", kPoints, true);
  EXPECT_TRUE(fresh.done().empty());
}

}  // namespace

namespace {

TEST(SweepReport, ChartsEachKpiAgainstEachFactorWithTheIntervalOfItsRuns) {
  const auto path = temp_db("report.sqlite");
  output::SweepDb db(path, "def", kPoints, false);
  for (int r = 0; r < 5; ++r) db.record({0, r, 1, 0.1, "cmd", {{"x", 1.0 + r}, {"y", 2}}});
  for (int r = 0; r < 2; ++r) db.record({1, r, 1, 0.1, "cmd", {{"x", 10}, {"y", 2}}});
  const std::string html = output::sweep_report_html(db);
  EXPECT_NE(html.find("<h2>fleet.riders[0].count</h2>"), std::string::npos);
  EXPECT_NE(html.find("x against fleet.riders[0].count"), std::string::npos);
  EXPECT_NE(html.find("y against fleet.riders[0].count"), std::string::npos);
  // Mean 3, half-width 2.776445 * sqrt(2.5) / sqrt(5) = 1.963 over the five runs at 2 riders.
  EXPECT_NE(html.find("fleet.riders[0].count = 2: 3 ± 1.96 (n 5)"), std::string::npos);
  EXPECT_NE(html.find("fleet.riders[0].count = 4: 10 ± 0 (n 2)"), std::string::npos);
}

}  // namespace
