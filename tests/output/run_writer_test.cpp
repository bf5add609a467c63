#include "sim/output/run_writer.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/output/run_fixture.h"

namespace output {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::set<std::string> entries(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

// A fresh empty folder per test, removed afterwards.
class ScratchDir : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    root_ = fs::temp_directory_path() /
            ("halfhour-output-" + std::string(test->name()) + "-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  fs::path root_;
};

const std::set<std::string> kRunFiles = {"kpis.json", "orders.csv", "report.html", "scenario.yaml",
                                         "timeseries.csv"};

TEST(OrdersCsv, WritesEveryTimestampInSecondsAndLeavesMissingOnesEmpty) {
  const auto rows = lines(orders_csv(testing::small_run()));
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0],
            "id,store,rider,status,reason,items,lat,lon,placed_s,assigned_s,pick_started_s,"
            "packed_s,picked_up_s,delivered_s,rejected_s,click_to_door_min,distance_m");
  EXPECT_EQ(rows[1],
            "0,s1,0,delivered,,3,48.850000,2.350000,60.000,61.500,62.000,182.000,242.000,"
            "1260.000,,20.000,250.0");
  EXPECT_EQ(rows[2],
            "1,\"A&B, \"\"Mitte\"\" <1>\",1,delivered,,1,48.851235,2.345678,120.500,130.000,"
            "140.000,400.000,500.000,2850.500,,45.500,1234.5");
  EXPECT_EQ(rows[3], "2,,,rejected,no_rider,2,48.860000,2.360000,200.000,,,,,,200.001,,0.0");
  EXPECT_EQ(rows[4], "3,s1,,open,,1,48.850000,2.350000,7199.999,,,,,,,,0.0");
}

TEST(TimeseriesCsv, WritesOneRowPerSampleWithTheClock) {
  const auto rows = lines(timeseries_csv(testing::small_run()));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0],
            "time_s,clock,placed,delivered,on_time,rejected,in_flight,unassigned,pick_queue,"
            "riders_idle,riders_busy,riders_off");
  EXPECT_EQ(rows[1], "0.000,10:00,0,0,0,0,0,0,0,0,0,0");
  EXPECT_EQ(rows[2], "300.000,10:05,3,1,1,1,1,0,2,1,1,0");
}

TEST(TimeseriesCsv, ClockWrapsPastMidnight) {
  auto run = testing::small_run();
  run.start_tod = 23 * sim::kHour;
  run.samples.resize(3);
  run.samples[1].time = 59 * sim::kMinute + 59 * sim::kSecond;
  run.samples[2].time = 90 * sim::kMinute;
  const auto rows = lines(timeseries_csv(run));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].substr(0, 12), "0.000,23:00,");
  EXPECT_EQ(rows[2].substr(0, 15), "3599.000,23:59,");
  EXPECT_EQ(rows[3].substr(0, 15), "5400.000,00:30,");
}

TEST(KpisJson, ParsesBackToTheComputedKpis) {
  const auto run = testing::small_run();
  const auto k = model::compute_kpis(run);
  const auto j = nlohmann::json::parse(kpis_json({"small", 42, ""}, k));

  EXPECT_EQ(j["name"], "small");
  EXPECT_EQ(j["seed"], 42u);
  EXPECT_EQ(j["orders"]["placed"], k.orders_placed);
  EXPECT_EQ(j["orders"]["delivered"], k.orders_delivered);
  EXPECT_EQ(j["orders"]["rejected"], k.orders_rejected);
  EXPECT_EQ(j["orders"]["open"], k.orders_open);
  ASSERT_EQ(j["orders"]["rejected_by_reason"].size(), k.rejected_by_reason.size());
  for (const auto& [reason, count] : k.rejected_by_reason)
    EXPECT_EQ(j["orders"]["rejected_by_reason"][reason], count) << reason;
  EXPECT_EQ(j["on_time_share"].get<double>(), k.on_time_share);
  for (const auto& [key, summary] : {std::pair{"click_to_door_min", k.click_to_door_min},
                                     std::pair{"pick_wait_min", k.pick_wait_min}}) {
    EXPECT_EQ(j[key]["mean"].get<double>(), summary.mean) << key;
    EXPECT_EQ(j[key]["p50"].get<double>(), summary.p50) << key;
    EXPECT_EQ(j[key]["p90"].get<double>(), summary.p90) << key;
    EXPECT_EQ(j[key]["p99"].get<double>(), summary.p99) << key;
    EXPECT_EQ(j[key]["count"], summary.count) << key;
  }
  EXPECT_EQ(j["rider_utilisation"].get<double>(), k.rider_utilisation);
  EXPECT_EQ(j["orders_per_rider_hour"].get<double>(), k.orders_per_rider_hour);
  EXPECT_EQ(j["km_per_order"].get<double>(), k.km_per_order);
  EXPECT_EQ(j["events"], k.events);
  EXPECT_EQ(j["performance"]["wall_seconds"].get<double>(), k.wall_seconds);
  EXPECT_EQ(j["performance"]["events_per_second"].get<double>(), k.events_per_second);

  // Hand-computed from the fixture.
  EXPECT_EQ(j["orders"]["rejected_by_reason"]["no_rider"], 1);
  EXPECT_EQ(j["on_time_share"].get<double>(), 0.5);
  EXPECT_EQ(j["click_to_door_min"]["p90"].get<double>(), 45.5);
  EXPECT_EQ(j["rider_utilisation"].get<double>(), 0.375);
}

TEST(KpisJson, KeepsTheRunDependentFiguresLastAndApart) {
  const auto k = model::compute_kpis(testing::small_run());
  const auto j = nlohmann::ordered_json::parse(kpis_json({"small", 1, ""}, k));
  std::vector<std::string> keys;
  for (const auto& item : j.items()) keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"name", "seed", "orders", "on_time_share",
                                            "click_to_door_min", "pick_wait_min",
                                            "rider_utilisation", "orders_per_rider_hour",
                                            "km_per_order", "events", "performance"}));
  EXPECT_EQ(j["performance"].size(), 2u);
}

TEST_F(ScratchDir, WriteRunCreatesExactlyTheRunFiles) {
  const auto run = testing::small_run();
  const auto network = testing::grid_network();
  const fs::path dir = root_ / "nested" / "run";
  write_run(dir.string(), {"small", 7, "name: small\n"}, run, model::compute_kpis(run), network);

  EXPECT_EQ(entries(dir), kRunFiles);
  EXPECT_EQ(entries(root_ / "nested"), std::set<std::string>{"run"});
  std::ifstream yaml(dir / "scenario.yaml");
  std::stringstream content;
  content << yaml.rdbuf();
  EXPECT_EQ(content.str(), "name: small\n");
}

TEST_F(ScratchDir, WriteRunReplacesAnExistingFolder) {
  const auto run = testing::small_run();
  const auto network = testing::grid_network();
  const fs::path dir = root_ / "run";
  fs::create_directories(dir / "old" / "deeper");
  std::ofstream(dir / "stale.txt") << "from an earlier run";

  write_run(dir.string() + "/", {"small", 7, ""}, run, model::compute_kpis(run), network);

  EXPECT_EQ(entries(dir), kRunFiles);
  EXPECT_EQ(entries(root_), std::set<std::string>{"run"});
}

TEST_F(ScratchDir, WriteRunIntoAnUnwritablePlaceThrowsAndLeavesNothing) {
  const auto run = testing::small_run();
  const auto network = testing::grid_network();
  std::ofstream(root_ / "blocker") << "a file, not a folder";
  const fs::path dir = root_ / "blocker" / "run";

  try {
    write_run(dir.string(), {"small", 7, ""}, run, model::compute_kpis(run), network);
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(dir.string()), std::string::npos) << e.what();
  }
  EXPECT_EQ(entries(root_), std::set<std::string>{"blocker"});
}

TEST_F(ScratchDir, WriteRunKeepsThePreviousRunWhenTheParentIsReadOnly) {
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores folder permissions";
  const auto run = testing::small_run();
  const auto network = testing::grid_network();
  const fs::path parent = root_ / "locked";
  fs::create_directories(parent / "run");
  std::ofstream(parent / "run" / "keep.txt") << "the previous run";
  fs::permissions(parent, fs::perms::owner_read | fs::perms::owner_exec);

  EXPECT_THROW(write_run((parent / "run").string(), {"small", 7, ""}, run, model::compute_kpis(run),
                         network),
               std::runtime_error);
  fs::permissions(parent, fs::perms::owner_all);
  EXPECT_EQ(entries(parent), std::set<std::string>{"run"});
  EXPECT_EQ(entries(parent / "run"), std::set<std::string>{"keep.txt"});
}

}  // namespace
}  // namespace output
