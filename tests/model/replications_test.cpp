#include "sim/model/replications.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace {

TEST(StudentT, MatchesTheTableAndTendsToTheNormal) {
  // Tables give three decimals.
  EXPECT_NEAR(model::student_t_975(1), 12.706, 5e-4);
  EXPECT_NEAR(model::student_t_975(9), 2.262, 5e-4);
  EXPECT_NEAR(model::student_t_975(40), 2.021, 5e-4);
  EXPECT_NEAR(model::student_t_975(60), 2.000, 5e-4);
  EXPECT_NEAR(model::student_t_975(120), 1.980, 5e-4);
  EXPECT_NEAR(model::student_t_975(100000), 1.960, 0.001);
}

TEST(ReplicationIntervals, HandComputedMeanSdAndHalfWidth) {
  // On-time shares 0.80, 0.90, 0.85, 0.95: mean 0.875, sd 0.0645497, t(3) = 3.182,
  // half-width 3.182 * 0.0645497 / 2 = 0.1027.
  std::vector<model::Kpis> runs(4);
  const double shares[] = {0.80, 0.90, 0.85, 0.95};
  for (int i = 0; i < 4; ++i) runs[i].on_time_share = shares[i], runs[i].orders_placed = 100;
  const auto ci = model::replication_intervals(runs);
  const auto it =
      std::find_if(ci.begin(), ci.end(), [](auto& c) { return c.name == "on_time_share"; });
  ASSERT_NE(it, ci.end());
  EXPECT_NEAR(it->mean, 0.875, 1e-12);
  EXPECT_NEAR(it->sd, 0.0645497, 1e-6);
  EXPECT_NEAR(it->half_width, 0.10270, 1e-4);
  EXPECT_EQ(it->n, 4u);
  EXPECT_EQ(ci.front().name, "orders_placed");
  EXPECT_EQ(ci.front().sd, 0);
}

std::vector<std::string> names(const std::vector<model::KpiInterval>& intervals) {
  std::vector<std::string> out;
  for (const auto& c : intervals) out.push_back(c.name);
  return out;
}

bool lists(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

TEST(ReplicationIntervals, RiderOnlyRunsListOnlyTheRiderKpis) {
  const auto ci = names(model::replication_intervals(std::vector<model::Kpis>(3)));
  EXPECT_EQ(ci.size(), 13u);
  EXPECT_EQ(ci.back(), "km_per_order");
  for (const char* name : {"drone_share", "spoiled_orders", "stockouts", "cost_per_order"})
    EXPECT_FALSE(lists(ci, name)) << name;
}

TEST(ReplicationIntervals, CostsOfAModeTheRunsDidNotHaveAreLeftOut) {
  std::vector<model::Kpis> runs(2);
  for (auto& k : runs) k.has_cost = true;
  auto ci = names(model::replication_intervals(runs));
  EXPECT_TRUE(lists(ci, "cost_per_rider_order"));
  EXPECT_FALSE(lists(ci, "cost_per_drone_order"));
  for (auto& k : runs) k.has_drones = true;
  ci = names(model::replication_intervals(runs));
  EXPECT_TRUE(lists(ci, "cost_per_drone_order"));
}

TEST(ReplicationIntervals, AShareThatWasNotAvailableIsLeftOutOfTheSample) {
  const auto ci = model::interval_of("x", {0.5, model::kNoShare, 0.7});
  EXPECT_EQ(ci.n, 2u);
  EXPECT_DOUBLE_EQ(ci.mean, 0.6);
  EXPECT_TRUE(std::isnan(model::interval_of("y", {model::kNoShare}).mean));
}

TEST(ReplicationIntervals, EachStoreHasItsOwnIntervals) {
  std::vector<model::Kpis> runs(2);
  runs[0].stores = {{"north", {}, {}}};
  runs[1].stores = {{"north", {}, {}}};
  runs[0].stores[0].service.on_time_share = 0.8;
  runs[1].stores[0].service.on_time_share = 0.6;
  const auto stores = model::store_intervals(runs);
  ASSERT_EQ(stores.size(), 1u);
  EXPECT_EQ(stores[0].store, "north");
  const auto it = std::find_if(stores[0].intervals.begin(), stores[0].intervals.end(),
                               [](const auto& c) { return c.name == "on_time_share"; });
  ASSERT_NE(it, stores[0].intervals.end());
  EXPECT_DOUBLE_EQ(it->mean, 0.7);
  EXPECT_EQ(it->n, 2u);
}

TEST(ReplicationIntervals, ListTheKpisOfTheOperationsTheRunsHad) {
  std::vector<model::Kpis> runs(2);
  for (auto& k : runs) k.has_drones = k.has_cold_chain = k.has_stock = k.has_cost = true;
  runs[0].drone_share = 0.2;
  runs[1].drone_share = 0.4;
  runs[0].excursion_min = 10;
  runs[1].excursion_min = 30;
  runs[1].stockouts = 4;
  const auto ci = model::replication_intervals(runs);
  for (const char* name : {"drone_share",
                           "drone_on_time_share",
                           "energy_per_drone_delivery_wh",
                           "drone_km_per_delivery",
                           "battery_swaps",
                           "recharges",
                           "flights_aborted_weather",
                           "spoiled_orders",
                           "orders_refused_spoiled",
                           "excursion_min",
                           "excursion_per_cold_order_min",
                           "alerts",
                           "stockouts",
                           "orders_lost_stock",
                           "items_missing",
                           "items_substituted",
                           "orders_forwarded",
                           "cost_per_order",
                           "cost_per_rider_order",
                           "cost_per_drone_order"})
    EXPECT_TRUE(lists(names(ci), name)) << name;
  const auto find = [&](const std::string& name) {
    return *std::find_if(ci.begin(), ci.end(), [&](auto& c) { return c.name == name; });
  };
  // Two values a and b: mean (a + b) / 2, sd |a - b| / sqrt(2).
  EXPECT_NEAR(find("drone_share").mean, 0.3, 1e-12);
  EXPECT_NEAR(find("drone_share").sd, 0.2 / std::sqrt(2.0), 1e-12);
  EXPECT_NEAR(find("excursion_min").mean, 20, 1e-12);
  EXPECT_NEAR(find("stockouts").mean, 2, 1e-12);
}

TEST(ReplicationIntervals, AKpiMissingFromARunCountsAsZeroThere) {
  std::vector<model::Kpis> runs(2);
  runs[1].has_stock = true;
  runs[1].stockouts = 6;
  const auto ci = model::replication_intervals(runs);
  const auto it = std::find_if(ci.begin(), ci.end(), [](auto& c) { return c.name == "stockouts"; });
  ASSERT_NE(it, ci.end());
  EXPECT_NEAR(it->mean, 3, 1e-12);
  EXPECT_EQ(it->n, 2u);
}

}  // namespace
