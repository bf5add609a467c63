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
            "picked_s,packed_s,picked_up_s,at_door_s,delivered_s,rejected_s,click_to_door_min,"
            "distance_m");
  EXPECT_EQ(rows[1],
            "0,s1,0,delivered,,3,48.850000,2.350000,60.000,61.500,62.000,122.000,182.000,242.000,"
            "1140.000,1260.000,,20.000,250.0");
  EXPECT_EQ(rows[2],
            "1,\"A&B, \"\"Mitte\"\" <1>\",1,delivered,,1,48.851235,2.345678,120.500,130.000,"
            "140.000,,400.000,500.000,,2850.500,,45.500,1234.5");
  EXPECT_EQ(rows[3], "2,,,rejected,no_rider,2,48.860000,2.360000,200.000,,,,,,,,200.001,,0.0");
  EXPECT_EQ(rows[4], "3,s1,,open,,1,48.850000,2.350000,7199.999,,,,,,,,,,0.0");
}

TEST(TimeseriesCsv, WritesOneRowPerSampleWithTheClock) {
  const auto rows = lines(timeseries_csv(testing::small_run()));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0],
            "store,time_s,clock,placed,delivered,on_time,rejected,in_flight,unassigned,pick_queue,"
            "riders_idle,riders_busy,riders_off");
  EXPECT_EQ(rows[1], "city,0.000,10:00,0,0,0,0,0,0,0,0,0,0");
  EXPECT_EQ(rows[2], "city,300.000,10:05,3,1,1,1,1,0,2,1,1,0");
}

TEST(TimeseriesCsv, EachStoresRowsFollowTheCitysWithItsIdQuoted) {
  auto run = testing::small_run();
  model::Sample s1 = run.samples[1];
  s1.placed = 2;
  run.stores[0].samples = {run.samples[0], s1};
  model::Sample s2 = run.samples[1];
  s2.placed = 1;
  run.stores[1].samples = {run.samples[0], s2};
  const auto rows = lines(timeseries_csv(run));
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(rows[3], "s1,0.000,10:00,0,0,0,0,0,0,0,0,0,0");
  EXPECT_EQ(rows[4], "s1,300.000,10:05,2,1,1,1,1,0,2,1,1,0");
  EXPECT_EQ(rows[6], "\"A&B, \"\"Mitte\"\" <1>\",300.000,10:05,1,1,1,1,1,0,2,1,1,0");
}

TEST(TimeseriesCsv, ClockWrapsPastMidnight) {
  auto run = testing::small_run();
  run.start_tod = 23 * sim::kHour;
  run.samples.resize(3);
  run.samples[1].time = 59 * sim::kMinute + 59 * sim::kSecond;
  run.samples[2].time = 90 * sim::kMinute;
  const auto rows = lines(timeseries_csv(run));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].substr(0, 17), "city,0.000,23:00,");
  EXPECT_EQ(rows[2].substr(0, 20), "city,3599.000,23:59,");
  EXPECT_EQ(rows[3].substr(0, 20), "city,5400.000,00:30,");
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
  // 1 of 4 accepted on time: the no_rider rejection and the open order count as late.
  EXPECT_EQ(j["on_time_share"].get<double>(), 0.25);
  EXPECT_EQ(j["on_time_share_of_delivered"].get<double>(), 0.5);
  EXPECT_EQ(j["orders"]["accepted"], 4);
  // Per store: s1 has the on-time and the open order, the other the late one.
  ASSERT_EQ(j["stores"].size(), 2u);
  EXPECT_EQ(j["stores"][0]["id"], "s1");
  EXPECT_EQ(j["stores"][0]["on_time_share"].get<double>(), 0.5);
  EXPECT_EQ(j["stores"][1]["on_time_share"].get<double>(), 0.0);
  EXPECT_EQ(j["stores"][1]["on_time_share_of_delivered"].get<double>(), 0.0);
  EXPECT_EQ(j["click_to_door_min"]["p90"].get<double>(), 45.5);
  EXPECT_EQ(j["rider_utilisation"].get<double>(), 0.375);
}

TEST(KpisJson, AShareWithNothingToDivideIsNull) {
  auto run = testing::small_run();
  for (auto& o : run.orders) {
    o.status = model::OrderStatus::rejected;
    o.reason = model::RejectReason::out_of_radius;
    o.store = -1;
  }
  run.riders.clear();
  const auto j = nlohmann::json::parse(kpis_json({"none", 1, ""}, model::compute_kpis(run)));
  EXPECT_TRUE(j["on_time_share"].is_null());
  EXPECT_TRUE(j["on_time_share_of_delivered"].is_null());
  EXPECT_TRUE(j["rider_utilisation"].is_null());
  EXPECT_TRUE(j["stores"][0]["on_time_share"].is_null());
}

TEST(KpisJson, KeepsTheRunDependentFiguresLastAndApart) {
  const auto k = model::compute_kpis(testing::small_run());
  const auto j = nlohmann::ordered_json::parse(kpis_json({"small", 1, ""}, k));
  std::vector<std::string> keys;
  for (const auto& item : j.items()) keys.push_back(item.key());
  EXPECT_EQ(keys,
            (std::vector<std::string>{"name", "seed", "warnings", "orders", "on_time_share",
                                      "on_time_share_of_delivered", "click_to_door_min",
                                      "pick_wait_min", "rider_utilisation", "orders_per_rider_hour",
                                      "km_per_order", "hours", "stores", "events", "performance"}));
  EXPECT_EQ(j["performance"].size(), 2u);
}

TEST(OrdersCsv, AddsTheOperationsColumnsWhenTheRunHasThem) {
  const auto rows = lines(orders_csv(testing::operations_run()));
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(rows[0],
            "id,store,rider,status,reason,items,lat,lon,placed_s,assigned_s,pick_started_s,"
            "picked_s,packed_s,picked_up_s,at_door_s,delivered_s,rejected_s,click_to_door_min,"
            "distance_m,mode,drone,"
            "weight_kg,items_missing,items_substituted,forwarded,flights_aborted,energy_wh,cost,"
            "spoiled,excursion_min");
  EXPECT_EQ(rows[1],
            "100,s1,,delivered,,1,48.850000,2.350000,0.000,,,,240.000,300.000,,1200.000,,20.000,"
            "800.0,drone,0,1.250,0,0,0,1,20.50,5.000,0,2.000");
  EXPECT_EQ(rows[2],
            "101,s1,,delivered,,1,48.850000,2.350000,600.000,,,,840.000,900.000,,1800.000,,20.000,"
            "800.0,drone,1,2.500,0,0,0,0,30.50,5.000,1,9.000");
  EXPECT_EQ(rows[5],
            "104,s1,0,delivered,,1,48.850000,2.350000,2400.000,,,,2640.000,2700.000,,3600.000,,"
            "20.000,800.0,rider,,6.250,0,2,1,0,0.00,15.000,0,7.000");
}

TEST(TimeseriesCsv, AddsTheDronesWhenTheRunHasHubs) {
  const auto rows = lines(timeseries_csv(testing::operations_run()));
  ASSERT_EQ(rows.size(), 26u);
  EXPECT_EQ(rows[0],
            "store,time_s,clock,placed,delivered,on_time,rejected,in_flight,unassigned,pick_queue,"
            "riders_idle,riders_busy,riders_off,drones_airborne,drones_grounded");
  EXPECT_EQ(rows[1], "city,0.000,10:00,0,0,0,0,0,0,0,0,0,0,0,0");
  EXPECT_EQ(rows[11], "city,3000.000,10:50,0,0,0,0,0,0,0,0,0,0,1,1");
}

TEST(SensorsCsv, OneRowPerReadingWithTheClockToTheSecond) {
  const auto rows = lines(sensors_csv(testing::operations_run()));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], "time_s,clock,sensor,class,value_c,flag");
  EXPECT_EQ(rows[1], "65.000,10:01:05,store/s1/chilled,chilled,3.46,reading");
  EXPECT_EQ(rows[2], "125.500,10:02:05,drone/0/frozen,frozen,-17.50,alert");
  EXPECT_EQ(rows[3], "3723.000,11:02:03,drone/0/frozen,frozen,-19.00,cleared");
}

TEST(DronesCsv, OneRowPerDroneWithItsHub) {
  const auto rows = lines(drones_csv(testing::operations_run()));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0],
            "id,hub,flights,deliveries,aborted,distance_m,energy_wh,airborne_s,swaps,recharges");
  EXPECT_EQ(rows[1], "0,hub-north,2,1,1,5432.1,123.46,1800.500,1,0");
  EXPECT_EQ(rows[2], "1,hub-north,1,1,0,1000.0,40.00,600.000,0,1");
}

TEST(StockCsv, OneRowPerStoreAndGroup) {
  const auto rows = lines(stock_csv(testing::operations_run()));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], "store,group,stockouts,replenishments,on_hand_end,on_hand_min");
  EXPECT_EQ(rows[1], "s1,dairy,2,1,4,0");
  EXPECT_EQ(rows[2], "s1,\"frozen, ice\",0,1,7,3");
  EXPECT_EQ(rows[3], "s2,dairy,1,0,2,1");
}

TEST(KpisJson, WritesTheOperationsFiguresWhenTheRunHasThem) {
  const auto j = nlohmann::ordered_json::parse(
      kpis_json({"ops", 1, ""}, model::compute_kpis(testing::operations_run())));
  std::vector<std::string> keys;
  for (const auto& item : j.items()) keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"name",
                                            "seed",
                                            "warnings",
                                            "orders",
                                            "on_time_share",
                                            "on_time_share_of_delivered",
                                            "click_to_door_min",
                                            "pick_wait_min",
                                            "rider_utilisation",
                                            "orders_per_rider_hour",
                                            "km_per_order",
                                            "drones",
                                            "riders",
                                            "cold_chain",
                                            "stock",
                                            "cost",
                                            "hours",
                                            "stores",
                                            "events",
                                            "performance"}));
  // Hand-computed from the fixture: drones delivered orders 100 and 101 with 20.5 and 30.5 Wh
  // and flew 5432.1 + 1000 m; riders the other four with 6 km.
  const auto& d = j["drones"];
  EXPECT_EQ(d["deliveries"], 2);
  EXPECT_DOUBLE_EQ(d["share"].get<double>(), 2.0 / 6);
  EXPECT_DOUBLE_EQ(d["on_time_share"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(d["energy_per_delivery_wh"].get<double>(), 25.5);
  EXPECT_NEAR(d["km_per_delivery"].get<double>(), 3.21605, 1e-12);
  EXPECT_EQ(d["battery_swaps"], 1);
  EXPECT_EQ(d["recharges"], 1);
  EXPECT_EQ(d["flights_aborted_weather"], 1);
  EXPECT_EQ(j["riders"]["deliveries"], 4);
  EXPECT_DOUBLE_EQ(j["riders"]["km_per_delivery"].get<double>(), 1.5);
  // Minutes out of range 2 + 9 + 5 + 0 + 7 chilled, 12 frozen; 101 and 105 spoiled.
  const auto& c = j["cold_chain"];
  EXPECT_EQ(c["spoiled_orders"], 2);
  EXPECT_EQ(c["orders_refused_spoiled"], 0);
  EXPECT_DOUBLE_EQ(c["excursion_min"].get<double>(), 35);
  EXPECT_DOUBLE_EQ(c["excursion_per_cold_order_min"].get<double>(), 35.0 / 6);
  EXPECT_EQ(c["alerts"], 1);
  EXPECT_EQ(c["by_class"]["chilled"]["orders"], 5);
  EXPECT_DOUBLE_EQ(c["by_class"]["chilled"]["spoiled_share"].get<double>(), 0.2);
  EXPECT_DOUBLE_EQ(c["by_class"]["chilled"]["excursion_min"].get<double>(), 23);
  EXPECT_EQ(c["by_class"]["chilled"]["alerts"], 0);
  EXPECT_DOUBLE_EQ(c["by_class"]["frozen"]["spoiled_share"].get<double>(), 1);
  EXPECT_EQ(c["by_class"]["frozen"]["alerts"], 1);
  const auto& st = j["stock"];
  EXPECT_EQ(st["stockouts"], 3);
  EXPECT_EQ(st["orders_lost_stock"], 0);
  EXPECT_EQ(st["items_missing"], 1);
  EXPECT_EQ(st["items_substituted"], 2);
  EXPECT_EQ(st["orders_forwarded"], 1);
  EXPECT_DOUBLE_EQ(j["cost"]["per_order"].get<double>(), 70.0 / 6);
  EXPECT_DOUBLE_EQ(j["cost"]["per_rider_order"].get<double>(), 15);
  EXPECT_DOUBLE_EQ(j["cost"]["per_drone_order"].get<double>(), 5);
  EXPECT_EQ(j["orders"]["rejected_by_reason"].size(), 8u);
  EXPECT_EQ(j["orders"]["rejected_by_reason"]["spoiled"], 0);
  EXPECT_EQ(j["orders"]["rejected_by_reason"]["out_of_stock"], 0);
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

TEST_F(ScratchDir, WriteRunAddsTheOperationsFiles) {
  const auto run = testing::operations_run();
  const fs::path dir = root_ / "run";
  write_run(dir.string(), {"ops", 7, ""}, run, model::compute_kpis(run), testing::grid_network());
  auto expected = kRunFiles;
  expected.insert({"sensors.csv", "drones.csv", "stock.csv"});
  EXPECT_EQ(entries(dir), expected);
  std::ifstream in(dir / "stock.csv");
  std::stringstream content;
  content << in.rdbuf();
  EXPECT_EQ(content.str(), stock_csv(run));
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

  // The same with the operations files: nothing half-written either.
  const auto ops = testing::operations_run();
  EXPECT_THROW(write_run(dir.string(), {"ops", 7, ""}, ops, model::compute_kpis(ops), network),
               std::runtime_error);
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
