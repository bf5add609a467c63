#include "sim/model/kpis.h"

#include <cmath>
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
  // The riders' accepted orders: o0 on time, o3 and o4 rejected, o5 open (no drone took them).
  EXPECT_EQ(k.rider_accepted, 4u);
  EXPECT_DOUBLE_EQ(k.rider_on_time_share, 0.25);
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

namespace model {
namespace {

OrderRecord order_at(std::uint32_t id, std::int32_t store, sim::Time placed) {
  OrderRecord o;
  o.id = id;
  o.store = store;
  o.placed = placed;
  return o;
}

OrderRecord delivered_after(OrderRecord o, sim::Time click_to_door) {
  o.status = OrderStatus::delivered;
  o.delivered = o.placed + click_to_door;
  return o;
}

OrderRecord rejected_for(OrderRecord o, RejectReason reason) {
  o.status = OrderStatus::rejected;
  o.reason = reason;
  o.rejected = o.placed;
  return o;
}

// A hand-counted evening from 17:00 with a 30-minute promise, two stores:
//   store 0: 17:10 on time (10 min), 17:20 late (40 min), 18:05 rejected no_rider
//   store 1: 17:30 on time (20 min), 18:10 open at the end, 18:20 rejected out_of_stock
//   no store: 17:40 out_of_radius (not accepted), 18:30 unreachable (accepted: the store's radius
//   covered it)
// Accepted 7 of 8, on time 2: 2/7; of delivered 2/3. Store 0: 1 of 3 accepted, 1 of 2
// delivered; store 1: 1 of 3 accepted, 1 of 1 delivered. Hour 17: 4 placed, 3 accepted (the out
// of radius one is not), 2 on time. Hour 18: 4 placed and accepted, none on time.
RunResult evening() {
  using sim::kMinute, sim::kHour;
  RunResult r;
  r.start_tod = 17 * kHour;
  r.duration = 2 * kHour;
  r.end_time = 2 * kHour;
  r.promise = 30 * kMinute;
  r.orders = {delivered_after(order_at(0, 0, 10 * kMinute), 10 * kMinute),
              delivered_after(order_at(1, 0, 20 * kMinute), 40 * kMinute),
              rejected_for(order_at(2, 0, 65 * kMinute), RejectReason::no_rider),
              delivered_after(order_at(3, 1, 30 * kMinute), 20 * kMinute),
              order_at(4, 1, 70 * kMinute),
              rejected_for(order_at(5, 1, 80 * kMinute), RejectReason::out_of_stock),
              rejected_for(order_at(6, -1, 40 * kMinute), RejectReason::out_of_radius),
              rejected_for(order_at(7, -1, 90 * kMinute), RejectReason::unreachable)};
  StoreRecord s0, s1;
  s0.id = "north";
  s1.id = "south";
  // Store 0's riders: 2 h on shift, 1 h busy; store 1's: 1 h on shift, 45 min busy.
  s0.hours = {{0, 0, 0, 1.0 * kHour, 0.25 * kHour}, {0, 0, 0, 1.0 * kHour, 0.75 * kHour}};
  s1.hours = {{0, 0, 0, 0.0, 0.0}, {0, 0, 0, 1.0 * kHour, 0.75 * kHour}};
  r.stores = {s0, s1};
  RiderRecord a, b;
  a.store = 0;
  a.on_shift = 2 * kHour;
  a.busy = 1 * kHour;
  b.id = 1;
  b.store = 1;
  b.on_shift = 1 * kHour;
  b.busy = 45 * kMinute;
  r.riders = {a, b};
  r.hours = {{0, 0, 0, 1.0 * kHour, 0.25 * kHour}, {0, 0, 0, 2.0 * kHour, 1.5 * kHour}};
  return r;
}

TEST(HonestKpis, OnTimeShareIsOfAcceptedOrdersWithRejectionsAndOpenOnesLate) {
  const Kpis k = compute_kpis(evening());
  EXPECT_EQ(k.orders_placed, 8u);
  EXPECT_EQ(k.orders_accepted, 7u);
  EXPECT_EQ(k.orders_delivered, 3u);
  EXPECT_EQ(k.orders_open, 1u);
  EXPECT_DOUBLE_EQ(k.on_time_share, 2.0 / 7);
  EXPECT_DOUBLE_EQ(k.on_time_share_of_delivered, 2.0 / 3);
  EXPECT_DOUBLE_EQ(k.rider_on_time_share, 2.0 / 7);  // no drones: every accepted order is riders'
  EXPECT_EQ(k.rider_accepted, 7u);
  EXPECT_DOUBLE_EQ(k.rider_utilisation, 1.75 / 3);
}

// The same evening with a customer who cancelled (south, 18:40) and an order the north store
// turned away as busy (17:50): both accepted and late, so 2 on time of 9 accepted; the delivered
// are the same 3 (2 on time).
TEST(HonestKpis, CancelledAndBusyRejectionsCountAsAcceptedAndLate) {
  using sim::kMinute;
  RunResult r = evening();
  r.orders.push_back(rejected_for(order_at(8, 1, 100 * kMinute), RejectReason::cancelled));
  r.orders.push_back(rejected_for(order_at(9, 0, 50 * kMinute), RejectReason::store_busy));
  const Kpis k = compute_kpis(r);
  EXPECT_EQ(k.orders_placed, 10u);
  EXPECT_EQ(k.orders_accepted, 9u);
  EXPECT_DOUBLE_EQ(k.on_time_share, 2.0 / 9);
  EXPECT_DOUBLE_EQ(k.on_time_share_of_delivered, 2.0 / 3);
  EXPECT_EQ(k.rejected_by_reason.at("cancelled"), 1u);
  EXPECT_EQ(k.rejected_by_reason.at("store_busy"), 1u);
  EXPECT_EQ(k.rejected_by_reason.at("store_closed"), 0u);
  EXPECT_DOUBLE_EQ(k.stores[1].service.on_time_share, 1.0 / 4);
  EXPECT_DOUBLE_EQ(k.stores[0].service.on_time_share, 1.0 / 4);
}

TEST(HonestKpis, EachStoreHasTheCityFiguresOfItsOwnOrdersAndRiders) {
  const Kpis k = compute_kpis(evening());
  ASSERT_EQ(k.stores.size(), 2u);
  const ServiceKpis& north = k.stores[0].service;
  const ServiceKpis& south = k.stores[1].service;
  EXPECT_EQ(k.stores[0].id, "north");
  EXPECT_EQ(north.placed, 3u);
  EXPECT_EQ(north.accepted, 3u);
  EXPECT_DOUBLE_EQ(north.on_time_share, 1.0 / 3);
  EXPECT_DOUBLE_EQ(north.on_time_share_of_delivered, 1.0 / 2);
  EXPECT_EQ(north.rejected_by_reason.at("no_rider"), 1u);
  EXPECT_DOUBLE_EQ(north.click_to_door_min.p90, 40);
  EXPECT_DOUBLE_EQ(north.rider_utilisation, 0.5);
  EXPECT_EQ(south.accepted, 3u);
  EXPECT_EQ(south.open, 1u);
  EXPECT_DOUBLE_EQ(south.on_time_share, 1.0 / 3);
  EXPECT_DOUBLE_EQ(south.on_time_share_of_delivered, 1.0);
  EXPECT_EQ(south.rejected_by_reason.at("out_of_stock"), 1u);
  EXPECT_DOUBLE_EQ(south.rider_utilisation, 0.75);
}

TEST(HonestKpis, HoursOfTheDayCountTheOrdersPlacedInThem) {
  const Kpis k = compute_kpis(evening());
  ASSERT_EQ(k.hours.size(), 2u);
  EXPECT_EQ(k.hours[0].hour, 17);
  EXPECT_EQ(k.hours[0].service.placed, 4u);
  EXPECT_EQ(k.hours[0].service.accepted, 3u);
  EXPECT_DOUBLE_EQ(k.hours[0].service.on_time_share, 2.0 / 3);
  EXPECT_EQ(k.hours[1].hour, 18);
  EXPECT_EQ(k.hours[1].service.accepted, 4u);
  EXPECT_DOUBLE_EQ(k.hours[1].service.on_time_share, 0);
  EXPECT_DOUBLE_EQ(k.hours[1].service.rider_utilisation, 0.75);
  // North at 18:00: one order (rejected), its riders 1 h on shift and 45 min busy.
  const auto& north = k.stores[0].hours;
  ASSERT_EQ(north.size(), 2u);
  EXPECT_EQ(north[1].hour, 18);
  EXPECT_EQ(north[1].service.accepted, 1u);
  EXPECT_DOUBLE_EQ(north[1].service.on_time_share, 0);
  EXPECT_DOUBLE_EQ(north[1].service.rider_utilisation, 0.75);
  // South at 17:00: its riders were off, one order on time.
  const auto& south = k.stores[1].hours;
  ASSERT_EQ(south.size(), 2u);
  EXPECT_DOUBLE_EQ(south[0].service.on_time_share, 1.0);
  EXPECT_TRUE(std::isnan(south[0].service.rider_utilisation));
}

TEST(HonestKpis, ASharesWithNothingToDivideIsNotAvailableNotZero) {
  RunResult r = evening();
  r.riders.clear();
  r.orders = {rejected_for(order_at(0, -1, 0), RejectReason::out_of_radius)};
  const Kpis k = compute_kpis(r);
  EXPECT_EQ(k.orders_accepted, 0u);
  EXPECT_TRUE(std::isnan(k.on_time_share));
  EXPECT_TRUE(std::isnan(k.on_time_share_of_delivered));
  EXPECT_TRUE(std::isnan(k.rider_on_time_share));
  EXPECT_TRUE(std::isnan(k.rider_utilisation));
  EXPECT_TRUE(std::isnan(k.stores[0].service.on_time_share));
}

TEST(HonestKpis, UnreachableOrdersAreAcceptedAndOutOfRadiusOnesAreNot) {
  EXPECT_FALSE(accepted(rejected_for(order_at(0, -1, 0), RejectReason::out_of_radius)));
  EXPECT_TRUE(accepted(rejected_for(order_at(0, -1, 0), RejectReason::unreachable)));
  EXPECT_TRUE(accepted(rejected_for(order_at(0, 0, 0), RejectReason::no_rider)));
  EXPECT_TRUE(accepted(order_at(0, 0, 0)));
}

}  // namespace
}  // namespace model
