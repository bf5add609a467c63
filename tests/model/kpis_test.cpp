#include "sim/model/kpis.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace model {
namespace {

TEST(Summarize, UsesNearestRankPercentiles) {
  std::vector<double> values;
  for (int i = 100; i >= 1; --i) values.push_back(i);  // unsorted on purpose
  const Summary s = summarize(values);
  EXPECT_EQ(s.count, 100u);
  EXPECT_DOUBLE_EQ(s.mean, 50.5);
  EXPECT_EQ(s.p50, 50);
  EXPECT_EQ(s.p90, 90);
  EXPECT_EQ(s.p99, 99);
}

TEST(Summarize, RoundsTheRankUpOnSmallSamples) {
  // Ranks ceil(q * 3): p50 -> 2nd, p90 -> 3rd, p99 -> 3rd.
  const Summary s = summarize({30, 10, 20});
  EXPECT_EQ(s.p50, 20);
  EXPECT_EQ(s.p90, 30);
  EXPECT_EQ(s.p99, 30);
  EXPECT_DOUBLE_EQ(s.mean, 20);

  // Ranks ceil(q * 10): p50 -> 5th, p90 -> 9th, p99 -> 10th.
  const Summary ten = summarize({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  EXPECT_EQ(ten.p50, 5);
  EXPECT_EQ(ten.p90, 9);
  EXPECT_EQ(ten.p99, 10);
}

TEST(Summarize, OneValueIsEveryPercentile) {
  const Summary s = summarize({7.5});
  EXPECT_EQ(s.count, 1u);
  EXPECT_EQ(s.mean, 7.5);
  EXPECT_EQ(s.p50, 7.5);
  EXPECT_EQ(s.p90, 7.5);
  EXPECT_EQ(s.p99, 7.5);
}

TEST(Summarize, EmptySampleIsAllZero) {
  const Summary s = summarize({});
  EXPECT_EQ(s.count, 0u);
  EXPECT_EQ(s.mean, 0);
  EXPECT_EQ(s.p50, 0);
  EXPECT_EQ(s.p90, 0);
  EXPECT_EQ(s.p99, 0);
}

// Six orders through riders, drones, a cold chain and store stock, with every figure chosen so the
// expectations below can be worked out by hand.
RunResult operations_run() {
  using sim::kMinute;
  RunResult r;
  r.promise = 30 * kMinute;
  r.temp_classes = {"chilled", "frozen"};
  r.class_ranges = {{0, 4}, {-25, -18}};
  r.hubs.push_back({"hub-1", {48.85, 2.35}, 0});
  DroneRecord d0;
  d0.distance_m = 4000;
  d0.swaps = 1;
  d0.aborted = 1;
  DroneRecord d1;
  d1.id = 1;
  d1.distance_m = 2000;
  d1.swaps = 2;
  d1.recharges = 1;
  r.drones = {d0, d1};
  RiderRecord rider;
  rider.distance_m = 5000;
  rider.on_shift = sim::kHour;
  r.riders = {rider};
  StoreRecord store;
  store.id = "s0";
  store.stock = {{"dairy", 2, 1, 5, 0}, {"frozen", 1, 0, 3, 1}};
  r.stores = {store, StoreRecord{}};

  const auto delivered = [&](std::uint32_t id, Mode mode, int minutes) {
    OrderRecord o;
    o.id = id;
    o.mode = mode;
    o.status = OrderStatus::delivered;
    o.placed = 0;
    o.delivered = minutes * kMinute;
    return o;
  };
  const auto line = [](std::uint32_t temp_class, int minutes_outside, bool spoiled) {
    ColdLine l;
    l.temp_class = temp_class;
    l.outside = minutes_outside * kMinute;
    l.spoiled = spoiled;
    return l;
  };
  auto o0 = delivered(0, Mode::rider, 20);
  o0.cold = {line(0, 3, false)};
  auto o1 = delivered(1, Mode::drone, 10);
  o1.energy_wh = 30;
  o1.cold = {line(0, 0, false), line(1, 6, true)};
  o1.spoiled = true;
  auto o2 = delivered(2, Mode::drone, 40);
  o2.energy_wh = 50;
  o2.items_missing = 2;
  o2.items_substituted = 1;
  OrderRecord o3;  // refused at the door
  o3.id = 3;
  o3.status = OrderStatus::rejected;
  o3.reason = RejectReason::spoiled;
  o3.cold = {line(0, 12, true)};
  o3.spoiled = true;
  OrderRecord o4;
  o4.id = 4;
  o4.status = OrderStatus::rejected;
  o4.reason = RejectReason::out_of_stock;
  OrderRecord o5;  // still on its way: its excursion counts, its class share does not
  o5.id = 5;
  o5.cold = {line(0, 1, false)};
  r.orders = {o0, o1, o2, o3, o4, o5};

  r.sensors = {{"store/s0/chilled", 0}, {"store/s0/frozen", 1}};
  using Flag = SensorReading::Flag;
  r.readings = {{60000, 0, 5.5, Flag::alert},
                {60000, 1, -12, Flag::alert},
                {120000, 0, 3.0, Flag::cleared},
                {180000, 0, 2.5, Flag::reading}};
  r.alerts = 2;
  r.orders_forwarded = 3;
  r.rider_cost = 30;
  r.drone_cost = 12;
  return r;
}

TEST(ComputeKpis, ListsEveryRejectReasonWithZeros) {
  const Kpis k = compute_kpis(RunResult{});
  EXPECT_EQ(k.rejected_by_reason, (std::map<std::string, std::uint32_t>{{"cancelled", 0},
                                                                        {"no_rider", 0},
                                                                        {"out_of_radius", 0},
                                                                        {"out_of_stock", 0},
                                                                        {"spoiled", 0},
                                                                        {"store_busy", 0},
                                                                        {"store_closed", 0},
                                                                        {"unreachable", 0}}));
  const Kpis ops = compute_kpis(operations_run());
  EXPECT_EQ(ops.rejected_by_reason.at("spoiled"), 1u);
  EXPECT_EQ(ops.rejected_by_reason.at("out_of_stock"), 1u);
  EXPECT_EQ(ops.orders_rejected, 2u);
}

TEST(ComputeKpis, DronesAgainstRiders) {
  const Kpis k = compute_kpis(operations_run());
  EXPECT_TRUE(k.has_drones);
  EXPECT_EQ(k.orders_delivered, 3u);
  EXPECT_EQ(k.rider_deliveries, 1u);
  EXPECT_EQ(k.drone_deliveries, 2u);
  EXPECT_DOUBLE_EQ(k.drone_share, 2.0 / 3);
  EXPECT_DOUBLE_EQ(k.rider_share, 1.0 / 3);
  EXPECT_DOUBLE_EQ(k.drone_on_time_share, 0.5);  // 10 min on time, 40 min late
  EXPECT_DOUBLE_EQ(k.rider_on_time_share, 1.0);
  EXPECT_DOUBLE_EQ(k.drone_click_to_door_min.mean, 25);
  EXPECT_DOUBLE_EQ(k.rider_click_to_door_min.mean, 20);
  EXPECT_DOUBLE_EQ(k.energy_per_drone_delivery_wh, 40);  // (30 + 50) / 2
  EXPECT_EQ(k.battery_swaps, 3u);
  EXPECT_EQ(k.recharges, 1u);
  EXPECT_EQ(k.flights_aborted_weather, 1u);
  EXPECT_DOUBLE_EQ(k.drone_km_per_delivery, 3);  // 6 km / 2
  EXPECT_DOUBLE_EQ(k.rider_km_per_delivery, 5);  // 5 km / 1
}

TEST(ComputeKpis, ColdChainByClass) {
  const Kpis k = compute_kpis(operations_run());
  EXPECT_TRUE(k.has_cold_chain);
  ASSERT_EQ(k.cold_by_class.size(), 2u);
  const auto& chilled = k.cold_by_class.at("chilled");
  EXPECT_EQ(chilled.orders, 3u);  // orders 0, 1 (delivered) and 3 (refused); not the open 5
  EXPECT_EQ(chilled.spoiled, 1u);
  EXPECT_DOUBLE_EQ(chilled.spoiled_share, 1.0 / 3);
  EXPECT_DOUBLE_EQ(chilled.excursion_min, 16);  // 3 + 0 + 12 + 1
  EXPECT_EQ(chilled.alerts, 1u);
  const auto& frozen = k.cold_by_class.at("frozen");
  EXPECT_EQ(frozen.orders, 1u);
  EXPECT_DOUBLE_EQ(frozen.spoiled_share, 1.0);
  EXPECT_DOUBLE_EQ(frozen.excursion_min, 6);
  EXPECT_EQ(frozen.alerts, 1u);
  EXPECT_EQ(k.spoiled_orders, 2u);
  EXPECT_EQ(k.orders_refused_spoiled, 1u);
  EXPECT_DOUBLE_EQ(k.excursion_min, 22);
  EXPECT_DOUBLE_EQ(k.excursion_per_cold_order_min, 5.5);  // 22 min over orders 0, 1, 3 and 5
  EXPECT_EQ(k.alerts, 2u);
}

TEST(ComputeKpis, StockAndCost) {
  const Kpis k = compute_kpis(operations_run());
  EXPECT_TRUE(k.has_stock);
  EXPECT_EQ(k.stockouts, 3u);
  EXPECT_EQ(k.orders_lost_stock, 1u);
  EXPECT_EQ(k.items_missing, 2u);
  EXPECT_EQ(k.items_substituted, 1u);
  EXPECT_EQ(k.orders_forwarded, 3u);
  EXPECT_TRUE(k.has_cost);
  EXPECT_DOUBLE_EQ(k.cost_per_order, 14);        // (30 + 12) / 3
  EXPECT_DOUBLE_EQ(k.cost_per_rider_order, 30);  // 30 / 1
  EXPECT_DOUBLE_EQ(k.cost_per_drone_order, 6);   // 12 / 2
}

TEST(ComputeKpis, ARunWithRidersOnlyHasNoneOfTheNewOperations) {
  RunResult r;
  r.promise = 30 * sim::kMinute;
  OrderRecord o;
  o.status = OrderStatus::delivered;
  o.placed = 0;
  o.delivered = 10 * sim::kMinute;
  r.orders = {o};
  r.stores = {StoreRecord{}};
  const Kpis k = compute_kpis(r);
  EXPECT_FALSE(k.has_drones);
  EXPECT_FALSE(k.has_cold_chain);
  EXPECT_FALSE(k.has_stock);
  EXPECT_FALSE(k.has_cost);
  EXPECT_EQ(k.drone_deliveries, 0u);
  EXPECT_EQ(k.drone_share, 0);
  EXPECT_EQ(k.rider_share, 1);
  EXPECT_TRUE(k.cold_by_class.empty());
  EXPECT_EQ(k.excursion_per_cold_order_min, 0);
  EXPECT_EQ(k.cost_per_order, 0);
}

}  // namespace
}  // namespace model
