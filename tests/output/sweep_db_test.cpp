#include "sim/output/sweep_db.h"
#include "sim/output/sweep_report.h"

#include <gtest/gtest.h>

#include <sqlite3.h>
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

// A riders x policy sweep: one line per policy against riders, policies as categories with a
// bar per rider level, a share's interval kept within [0, 1], KPIs no run has left out, and each
// store's charts in a section of its own.
TEST(SweepReport, TwoFactorsGiveOneLinePerLevelOfTheSecond) {
  const auto path = temp_db("interaction.sqlite");
  const std::vector<std::vector<std::pair<std::string, std::string>>> points = {
      {{"riders", "2"}, {"policy", "nearest_idle"}},
      {{"riders", "2"}, {"policy", "batch_insertion"}},
      {{"riders", "4"}, {"policy", "nearest_idle"}},
      {{"riders", "4"}, {"policy", "batch_insertion"}}};
  output::SweepDb db(path, "name=riders-x-policy\nfactor riders: 2 4\n", points, false);
  // on_time_share: 0.5 and 0.7 at point 0 (mean 0.6), 0.98 and 1.0 at point 3 (a t interval of
  // 12.7 * 0.0141 = 0.18 that would reach 1.17).
  const double share[4][2] = {{0.5, 0.7}, {0.4, 0.4}, {0.8, 0.8}, {0.98, 1.0}};
  for (int p = 0; p < 4; ++p)
    for (int r = 0; r < 2; ++r)
      db.record({p,
                 r,
                 1,
                 0.1,
                 "cmd",
                 {{"on_time_share", share[p][r]}, {"km_per_order", 1.5}},
                 {{"north", "on_time_share", share[p][r] / 2}}});
  const std::string html = output::sweep_report_html(db);
  EXPECT_NE(html.find("<title>Sweep riders-x-policy: riders × policy</title>"), std::string::npos);
  EXPECT_NE(html.find("<h2>riders by policy</h2>"), std::string::npos);
  EXPECT_NE(html.find("<h2>policy by riders</h2>"), std::string::npos);
  EXPECT_NE(html.find("riders = 2, policy = nearest_idle: 0.6 ± 1.27 (n 2)"), std::string::npos);
  EXPECT_NE(html.find("riders = 4, policy = batch_insertion: 0.99 ± 0.127 (n 2)"),
            std::string::npos);
  EXPECT_NE(html.find("policy = batch_insertion, riders = 4: 0.99"), std::string::npos);
  EXPECT_EQ(html.find("cost_per_drone_order"), std::string::npos);
  EXPECT_NE(html.find("<summary>Store north</summary>"), std::string::npos);
  EXPECT_NE(html.find("riders = 4, policy = batch_insertion: 0.495"), std::string::npos);

  // Each section's charts: lines against riders, bars (no lines) against the policy.
  const auto section = [&](const std::string& h2) {
    const auto from = html.find("<h2>" + h2 + "</h2>");
    return html.substr(from, html.find("</section>", from) - from);
  };
  const std::string by_riders = section("riders by policy"),
                    by_policy = section("policy by riders");
  EXPECT_NE(by_riders.find("class=\"mean\" stroke=\"#0072B2\""), std::string::npos);
  EXPECT_NE(by_riders.find("class=\"mean\" stroke=\"#E69F00\""), std::string::npos);
  EXPECT_EQ(by_policy.find("class=\"mean\""), std::string::npos);
  EXPECT_NE(by_policy.find("class=\"bar\""), std::string::npos);

  // No drawn y lies above the plot's top (y = 34): the share's band stops at 100%.
  std::size_t ys = 0;
  for (std::size_t at = 0; (at = by_riders.find(" d=\"", at)) != std::string::npos; ++at) {
    std::istringstream d(by_riders.substr(at + 4, by_riders.find('"', at + 4) - at - 4));
    char op = 0;
    double x = 0, y = 0;
    while (d >> op >> x >> y) {
      EXPECT_GE(y, 34 - 0.05) << op << x << " " << y;
      ++ys;
    }
  }
  EXPECT_GT(ys, 8u);
}

}  // namespace

namespace {

// Every row of a query's first column, as text.
std::vector<std::string> query(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  std::vector<std::string> out;
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string row;
    for (int c = 0; c < sqlite3_column_count(st); ++c) {
      const auto* text = sqlite3_column_text(st, c);
      if (c) row += '|';
      row += text ? reinterpret_cast<const char*>(text) : "NULL";
    }
    out.push_back(row);
  }
  sqlite3_finalize(st);
  sqlite3_close_v2(db);
  return out;
}

// One run's store-hour rows: store "s2" with `accepted` orders and `on_time` of them per hour
// 16..21, the city with twice as many.
output::SweepRunRecord run_with_hours(int point, int rep, std::uint32_t on_time_per_hour) {
  output::SweepRunRecord r{point, rep, 1, 0.1, "cmd", {{"on_time_share", 0.5}}};
  r.store_kpis = {{"s2", "on_time_share", 0.25}, {"s2", "rider_utilisation", std::nan("")}};
  for (int h = 16; h <= 21; ++h) {
    r.hours.push_back({"s2", h, 10, 10, 10, on_time_per_hour, 0, 0, 2, 1});
    r.hours.push_back({"city", h, 20, 20, 20, 2 * on_time_per_hour, 0, 0, 4, 2});
  }
  return r;
}

TEST(SweepDb, OneQueryAnswersAStoresOnTimeShareAtTheDinnerPeak) {
  const auto path = temp_db("stores.sqlite");
  {
    output::SweepDb db(path, "def", kPoints, false);
    // Point 0: 4 of 10 on time per hour in run 0, 6 in run 1; point 1: 9 of 10.
    db.record(run_with_hours(0, 0, 4));
    db.record(run_with_hours(0, 1, 6));
    db.record(run_with_hours(1, 0, 9));
  }
  // Store s2 from 17:00 to 21:00 (hours 17-20): (4 + 6) * 4 / (10 * 4 * 2) = 0.5 at 2 riders,
  // 9 * 4 / 40 = 0.9 at 4.
  const auto rows =
      query(path,
            "SELECT p.value, 1.0 * sum(h.on_time) / sum(h.accepted) FROM store_hours h "
            "JOIN points p ON p.point = h.point WHERE h.store = 's2' AND h.hour "
            "BETWEEN 17 AND 20 GROUP BY h.point ORDER BY h.point");
  EXPECT_EQ(rows, (std::vector<std::string>{"2|0.5", "4|0.9"}));
  // The city is its own row, beside the store's, in kpis and in the summary view; an n/a share
  // is NULL and left out of the mean.
  EXPECT_EQ(query(path,
                  "SELECT store, value FROM kpis WHERE point = 1 AND name = "
                  "'on_time_share' ORDER BY store"),
            (std::vector<std::string>{"city|0.5", "s2|0.25"}));
  EXPECT_EQ(query(path,
                  "SELECT n, mean FROM point_summary WHERE point = 0 AND store = 's2' AND "
                  "kpi = 'rider_utilisation'"),
            (std::vector<std::string>{"0|NULL"}));
  output::SweepDb db(path);
  const auto summary = db.summary();
  ASSERT_FALSE(summary.empty());
  EXPECT_EQ(summary.front().store, "city");
  EXPECT_EQ(db.run_kpis().at({0, 0}).size(), 1u);  // the city's KPIs only
}

TEST(SweepDb, ADatabaseOfAnOlderSchemaIsNotResumed) {
  const auto path = temp_db("old-schema.sqlite");
  { output::SweepDb db(path, "def", kPoints, false); }
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
    sqlite3_exec(db, "DELETE FROM sweep WHERE key = 'schema'", nullptr, nullptr, nullptr);
    sqlite3_close_v2(db);
  }
  try {
    output::SweepDb db(path, "def", kPoints, true);
    FAIL() << "resumed a database of schema version 1";
  } catch (const output::SweepDbError& e) {
    EXPECT_NE(std::string(e.what()).find("schema version 1"), std::string::npos) << e.what();
  }
}

}  // namespace
