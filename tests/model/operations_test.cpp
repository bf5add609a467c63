// Drones, the cold chain, sensors and stock inside whole runs of the world.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "routing/airspace.h"
#include "sim/model/world.h"
#include "world_fixtures.h"

namespace {

using model::Mode;
using model::OrderStatus;
using model::testing::grid;
using model::testing::grid_point;
using sim::kHour;
using sim::kMinute;

constexpr double kSpacing = 100;
constexpr int kSide = 30;

// Two stores on a 30 x 30 grid from 11:00 for 4 hours; a drone hub at the west store; wind
// above the limit from 13:00 to 14:00.
model::WorldConfig drone_city(std::uint64_t seed) {
  model::WorldConfig w;
  w.seed = seed;
  w.start_tod = 11 * kHour;
  w.duration = 4 * kHour;
  w.drain = 2 * kHour;
  model::StoreConfig a;
  a.id = "west";
  a.location = grid_point(15, 7, kSpacing);
  a.radius_m = 1500;
  a.pickers = 4;
  model::StoreConfig b = a;
  b.id = "east";
  b.location = grid_point(15, 22, kSpacing);
  w.stores = {a, b};
  w.riders = {{0, 4, model::Vehicle::ebike, 15, 1, -1, -1, ""},
              {1, 5, model::Vehicle::ebike, 15, 1, -1, -1, ""}};
  w.demand.orders_per_day = 24 * 60;
  w.demand.basket_mean_items = 3;
  w.demand.area = model::DemandArea::network;  // customers over the whole grid, as before
  model::HubConfig hub;
  hub.id = "hub-west";
  hub.store = 0;
  hub.location = a.location;
  hub.drones = 3;
  hub.spare_batteries = 1;
  hub.to_door = true;
  hub.spec.max_payload_kg = 2.5;
  // A small battery: about 1.3 km out and back with the reserve kept.
  hub.spec.battery_wh = 60;
  w.drones.hubs = {hub};
  w.drones.weather.wind_mps.fill(3);
  w.drones.weather.wind_mps[13] = 15;
  w.drones.mode = model::ModePolicy::earliest;
  return w;
}

model::RunResult run(const model::WorldConfig& w, int threads = 1) {
  model::World world(w, grid(kSide, kSide, kSpacing), threads);
  return world.run();
}

// The energy model written out: cruise m g v / (eta L/D) + avionics, hover (m g)^1.5 /
// (eta sqrt(2 rho A)) + avionics; one cruise leg with its take-off and landing.
double leg_wh(const model::DroneSpec& d, double payload, double distance_m, double hover_s) {
  const double m = d.frame_kg + d.battery_kg + payload;
  const double cruise = m * 9.81 * d.cruise_mps / (d.efficiency * d.lift_to_drag) + d.avionics_w;
  const double hover =
      std::pow(m * 9.81, 1.5) / (d.efficiency * std::sqrt(2 * d.air_density * d.rotor_area_m2)) +
      d.avionics_w;
  return (distance_m / d.cruise_mps * cruise + hover_s * hover) / 3600;
}

// A delivery from the store: out with the payload and back empty.
double expected_wh(const model::DroneSpec& d, double payload, double distance_m, double hover_s) {
  return leg_wh(d, payload, distance_m, hover_s) + leg_wh(d, 0, distance_m, hover_s);
}

TEST(Drones, ShareTheDemandWithRidersWithinTheirRangeAndPayload) {
  const auto w = drone_city(5);
  const auto r = run(w);
  const auto& hub = w.drones.hubs[0];
  const double usable = hub.spec.battery_wh * (1 - hub.spec.reserve_share);
  int by_drone = 0, by_rider_in_reach = 0;
  for (const auto& o : r.orders) {
    if (o.status != OrderStatus::delivered) continue;
    const double d = routing::haversine_m(w.stores[0].location, o.location);
    const double hover_s = static_cast<double>(hub.takeoff + hub.landing) / 1000;
    if (o.mode == Mode::drone) {
      ++by_drone;
      EXPECT_EQ(o.store, 0);
      EXPECT_LE(o.weight_kg, hub.spec.max_payload_kg);
      // Its energy is the model's formula for the straight flight out and back ...
      EXPECT_NEAR(o.energy_wh, expected_wh(hub.spec, o.weight_kg, d, hover_s), 1e-6) << o.id;
      // ... and never more than the battery less its reserve.
      EXPECT_LE(o.energy_wh, usable) << o.id;
    } else if (o.store == 0 && o.weight_kg <= hub.spec.max_payload_kg &&
               expected_wh(hub.spec, o.weight_kg, d, hover_s) <= usable) {
      ++by_rider_in_reach;
    }
  }
  EXPECT_GT(by_drone, 10);
  EXPECT_GT(by_rider_in_reach, 0);  // riders still take some the drones could
  // Customers beyond the range exist and none of them flew.
  int beyond = 0;
  for (const auto& o : r.orders)
    if (o.store == 0 &&
        expected_wh(hub.spec, 0, routing::haversine_m(w.stores[0].location, o.location),
                    static_cast<double>(hub.takeoff + hub.landing) / 1000) > usable) {
      ++beyond;
      EXPECT_NE(o.mode, Mode::drone) << o.id;
    }
  EXPECT_GT(beyond, 0);
  double flown_wh = 0;
  for (const auto& d : r.drones) flown_wh += d.energy_wh;
  EXPECT_GT(flown_wh, 0);
}

TEST(Drones, NeverTakeOffInGroundedHoursAndTurnBackWhenTheWindRises) {
  const auto w = drone_city(6);
  const auto r = run(w);
  const sim::Time grounded_from = 2 * kHour, grounded_to = 3 * kHour;  // 13:00 to 14:00
  int before = 0, after = 0;
  for (const auto& o : r.orders) {
    if (o.mode != Mode::drone || o.status != OrderStatus::delivered) continue;
    EXPECT_FALSE(o.picked_up >= grounded_from && o.picked_up < grounded_to) << o.id;
    // The parcel was lowered before the wind rose, or after it fell.
    EXPECT_FALSE(o.delivered > grounded_from && o.picked_up < grounded_from &&
                 o.delivered - o.picked_up > 10 * kMinute);
    (o.picked_up < grounded_from ? before : after) += 1;
  }
  EXPECT_GT(before, 0);
  EXPECT_GT(after, 0);
  std::uint32_t aborted = 0, by_orders = 0;
  for (const auto& d : r.drones) aborted += d.aborted;
  for (const auto& o : r.orders) by_orders += o.flights_aborted;
  EXPECT_EQ(aborted, by_orders);
  // The samples show the hub grounded exactly in that hour.
  for (const auto& s : r.samples)
    EXPECT_EQ(s.drones_grounded, s.time >= grounded_from && s.time < grounded_to ? 1u : 0u)
        << s.time;
}

TEST(Drones, FromAHubOfTheirOwnTheyFetchTheGoodsAtTheStoreFirst) {
  auto w = drone_city(13);
  auto& hub = w.drones.hubs[0];
  hub.location = grid_point(15, 4, kSpacing);  // 300 m west of the store
  hub.spec.battery_wh = 120;
  const auto r = run(w);
  const double hover_s = static_cast<double>(hub.takeoff + hub.landing) / 1000;
  const double to_store = routing::haversine_m(hub.location, w.stores[0].location);
  const auto fetch = hub.takeoff + hub.landing +
                     static_cast<sim::Time>(std::llround(to_store / hub.spec.cruise_mps * 1000));
  int flown = 0;
  for (const auto& o : r.orders) {
    if (o.mode != Mode::drone || o.status != OrderStatus::delivered) continue;
    ++flown;
    const double out = routing::haversine_m(w.stores[0].location, o.location);
    const double back = routing::haversine_m(o.location, hub.location);
    EXPECT_NEAR(o.energy_wh,
                leg_wh(hub.spec, 0, to_store, hover_s) +
                    leg_wh(hub.spec, o.weight_kg, out, hover_s) +
                    leg_wh(hub.spec, 0, back, hover_s),
                1e-6)
        << o.id;
    EXPECT_GE(o.picked_up, o.assigned + fetch) << o.id;
  }
  EXPECT_GT(flown, 10);
}

TEST(Drones, KeepOutOfNoFlyZones) {
  auto w = drone_city(14);
  // A zone over the customers north-west of the west store.
  w.drones.no_fly = {{{grid_point(17, 3, kSpacing), grid_point(17, 7, kSpacing),
                       grid_point(22, 7, kSpacing), grid_point(22, 3, kSpacing)}}};
  const routing::Airspace airspace(w.drones.no_fly);
  const auto r = run(w);
  int flown = 0, around = 0;
  const auto& hub = w.drones.hubs[0];
  const double hover_s = static_cast<double>(hub.takeoff + hub.landing) / 1000;
  for (const auto& o : r.orders) {
    if (o.mode != Mode::drone) continue;
    ++flown;
    EXPECT_FALSE(airspace.inside_zone(o.location)) << o.id;
    if (!airspace.clear(w.stores[0].location, o.location)) {
      ++around;  // a detour costs more than the straight line would
      EXPECT_GT(o.energy_wh,
                expected_wh(hub.spec, o.weight_kg,
                            routing::haversine_m(w.stores[0].location, o.location), hover_s) +
                    1e-3)
          << o.id;
    }
  }
  EXPECT_GT(flown, 10);
  EXPECT_GT(around, 0);
}

TEST(Drones, AHubOutOfServiceSendsNoDroneOut) {
  auto w = drone_city(7);
  model::Incident down;
  down.kind = model::Incident::Kind::hub_down;
  down.hub = 0;
  down.from = 0;
  down.to = w.duration + w.drain;
  w.incidents = {down};
  const auto r = run(w);
  for (const auto& o : r.orders) EXPECT_NE(o.mode, Mode::drone) << o.id;
}

TEST(Incidents, AClosedStoreTakesNoOrdersWhileClosed) {
  auto w = drone_city(12);
  w.drones = {};
  w.stores[1].radius_m = 3000;  // east covers the whole city as well
  model::Incident closed;
  closed.kind = model::Incident::Kind::store_closed;
  closed.store = 0;
  closed.from = kHour;
  closed.to = 2 * kHour;
  w.incidents = {closed};
  const auto r = run(w);
  int during = 0, west_before = 0;
  for (const auto& o : r.orders) {
    if (o.placed >= closed.from && o.placed < closed.to) {
      EXPECT_NE(o.store, 0) << o.id;
      during += o.store == 1;
    } else if (o.placed < closed.from) {
      west_before += o.store == 0;
    }
  }
  EXPECT_GT(during, 20);
  EXPECT_GT(west_before, 20);
}

// The cold chain on the same city: a basket of ambient, chilled and frozen goods, a freezer
// and a fridge at each store, riders' boxes with ice packs, a warm afternoon.
model::WorldConfig cold_city(std::uint64_t seed) {
  auto w = drone_city(seed);
  w.drones = {};
  auto& cc = w.cold_chain;
  cc.enabled = true;
  cc.classes = {{"ambient", -model::kNoLimitC, model::kNoLimitC, 30 * kMinute, 20, 20},
                {"chilled", 0, 8, 30 * kMinute, 4, 2},
                {"frozen", -model::kNoLimitC, -18, 15 * kMinute, -22, -25}};
  cc.outdoor_c.fill(24);
  cc.box = {20 * kMinute, true, 1 * kHour};
  cc.sensors.enabled = true;
  cc.sensors.noise_c = 0.1;
  model::SkuGroup dry{"dry", 0, 6, 0.5, 1, {}};
  model::SkuGroup dairy{"dairy", 1, 3, 0.5, 1, {}};
  model::SkuGroup ice{"ice", 2, 2, 0.5, 1, {}};
  w.catalog.groups = {dry, dairy, ice};
  for (auto& s : w.stores)
    s.units = {{1, 400, 2 * kHour, 30 * kMinute}, {2, 200, 2 * kHour, 30 * kMinute}};
  return w;
}

TEST(ColdChain, AFreezerFailureSpoilsFrozenOrdersOfThatStoreThatWereInItThen) {
  const auto base_config = cold_city(8);
  auto failing = base_config;
  model::Incident down;
  down.kind = model::Incident::Kind::unit_down;
  down.store = 0;
  down.temp_class = 2;
  down.from = 1 * kHour;  // 12:00 to 13:30
  down.to = 2 * kHour + 30 * kMinute;
  failing.incidents = {down};
  const auto base = run(base_config);
  const auto fail = run(failing);
  ASSERT_EQ(base.orders.size(), fail.orders.size());
  // The freezer, warming towards the 18 °C room with a 2 h time constant from -22 °C, leaves
  // the frozen range (-18 °C) after 2h * ln(40/36); after the repair it cools back with a 30 min
  // time constant, to within 0.15 °C of its setpoint after 5 of them.
  const sim::Time leaves = down.from + static_cast<sim::Time>(2 * 3600e3 * std::log(40.0 / 36));
  const sim::Time recovered = down.to + 5 * 30 * kMinute;
  int newly_spoiled = 0;
  for (std::size_t i = 0; i < base.orders.size(); ++i) {
    const auto& b = base.orders[i];
    const auto& f = fail.orders[i];
    ASSERT_EQ(b.delivered, f.delivered) << i;  // the failure changes goods, not the flow
    bool frozen = false;
    for (const auto& c : f.cold) frozen = frozen || c.temp_class == 2;
    if (f.store != 0 || !frozen) {
      EXPECT_EQ(b.spoiled, f.spoiled) << i;  // other stores and other goods: as before
      continue;
    }
    if (f.spoiled && !b.spoiled) {
      ++newly_spoiled;
      // In the freezer during the failure: picked from it before it had recovered, or staged in
      // it while it was warm.
      const bool picked_warm = f.pick_started >= leaves && f.pick_started < recovered;
      const bool staged_then = f.packed < recovered && f.picked_up > leaves;
      EXPECT_TRUE(picked_warm || staged_then) << i;
    }
    if (f.picked_up != sim::kNever && f.picked_up <= leaves) {
      EXPECT_EQ(b.spoiled, f.spoiled) << i;
    }
  }
  EXPECT_GT(newly_spoiled, 5);
}

TEST(ColdChain, TheFailedFreezersSensorAlertsAndClearsAndTheOthersStayQuiet) {
  auto w = cold_city(9);
  model::Incident down;
  down.kind = model::Incident::Kind::unit_down;
  down.store = 0;
  down.temp_class = 2;
  down.from = 1 * kHour;
  down.to = 2 * kHour;
  w.incidents = {down};
  const auto r = run(w);
  std::map<std::string, std::vector<model::SensorReading>> alerts;
  for (const auto& x : r.readings)
    if (x.flag != model::SensorReading::Flag::reading) alerts[r.sensors[x.sensor].id].push_back(x);
  const auto& freezer = alerts["store/west/frozen"];
  ASSERT_EQ(freezer.size(), 2u);
  EXPECT_EQ(freezer[0].flag, model::SensorReading::Flag::alert);
  // It leaves the range 2h * ln(40/36) = 12.6 min after the failure; the second reading out of
  // range raises the alert.
  EXPECT_GE(freezer[0].time, down.from + 12 * kMinute);
  EXPECT_LE(freezer[0].time, down.from + 15 * kMinute);
  EXPECT_EQ(freezer[1].flag, model::SensorReading::Flag::cleared);
  EXPECT_GT(freezer[1].time, down.to);
  EXPECT_EQ(alerts.count("store/east/frozen"), 0u);
  EXPECT_EQ(alerts.count("store/west/chilled"), 0u);
}

TEST(ColdChain, SameRunAtAnyThreadCountWithDronesAndSensors) {
  auto w = cold_city(10);
  w.drones = drone_city(10).drones;
  w.catalog.enabled = true;
  for (auto& g : w.catalog.groups) g.stock = {60, 20, 60, 1 * kHour, 100, {}};
  w.catalog.on_stockout = model::StockoutAction::next_store;
  model::Incident down;
  down.kind = model::Incident::Kind::unit_down;
  down.store = 1;
  down.temp_class = 1;
  down.from = 30 * kMinute;
  down.to = 90 * kMinute;
  w.incidents = {down};
  const auto one = run(w, 1);
  for (int threads : {2, 4}) {
    const auto many = run(w, threads);
    ASSERT_EQ(many.orders.size(), one.orders.size());
    for (std::size_t i = 0; i < one.orders.size(); ++i) {
      const auto &a = one.orders[i], &b = many.orders[i];
      EXPECT_EQ(a.delivered, b.delivered) << i;
      EXPECT_EQ(a.mode, b.mode) << i;
      EXPECT_EQ(a.drone, b.drone) << i;
      EXPECT_EQ(a.store, b.store) << i;
      EXPECT_EQ(a.spoiled, b.spoiled) << i;
      ASSERT_EQ(a.cold.size(), b.cold.size()) << i;
      for (std::size_t k = 0; k < a.cold.size(); ++k)
        EXPECT_EQ(a.cold[k].outside, b.cold[k].outside) << i;
    }
    ASSERT_EQ(many.readings.size(), one.readings.size());
    for (std::size_t k = 0; k < one.readings.size(); ++k) {
      EXPECT_EQ(many.readings[k].time, one.readings[k].time);
      EXPECT_EQ(many.readings[k].sensor, one.readings[k].sensor);
      EXPECT_EQ(many.readings[k].value_c, one.readings[k].value_c);
    }
    EXPECT_EQ(many.orders_forwarded, one.orders_forwarded);
    EXPECT_EQ(many.events, one.events);
  }
  EXPECT_GT(one.orders_forwarded, 0u);
  EXPECT_GT(one.readings.size(), 100u);
}

// One store, 200 items of one group in stock and no replenishment: what leaves the store is
// what the shelf lost.
model::WorldConfig shelf_city(model::StockoutAction action) {
  auto w = drone_city(11);
  w.drones = {};
  w.stores.resize(1);
  w.riders.resize(1);
  w.riders[0].count = 8;
  w.catalog.enabled = true;
  w.catalog.on_stockout = action;
  model::SkuGroup a{"a", 0, 3, 0.5, 1, {200, -1, 0, kHour, 200, {}}};
  model::SkuGroup b{"b", 0, 1, 0.5, 1, {40, -1, 0, kHour, 40, {}}};
  w.catalog.groups = {a, b};
  return w;
}

TEST(Stock, WhatOrdersGetIsWhatTheShelvesLose) {
  for (auto action : {model::StockoutAction::split, model::StockoutAction::substitute,
                      model::StockoutAction::reject}) {
    const auto r = run(shelf_city(action));
    std::uint32_t items_out = 0, missing = 0, substituted = 0, lost = 0;
    for (const auto& o : r.orders) {
      if (o.reason == model::RejectReason::out_of_stock) {
        ++lost;
        continue;
      }
      if (o.store < 0 || o.status == OrderStatus::rejected) continue;
      items_out += o.items - o.items_missing;
      missing += o.items_missing;
      substituted += o.items_substituted;
    }
    const auto& stock = r.stores[0].stock;
    ASSERT_EQ(stock.size(), 2u);
    EXPECT_EQ(items_out,
              static_cast<std::uint32_t>(240 - stock[0].on_hand_end - stock[1].on_hand_end))
        << model::to_string(action);
    EXPECT_GT(stock[0].stockouts + stock[1].stockouts, 0u);
    if (action == model::StockoutAction::reject) {
      EXPECT_GT(lost, 0u);
      EXPECT_EQ(missing, 0u);
    } else {
      EXPECT_GT(missing, 0u);
    }
    EXPECT_EQ(substituted > 0, action == model::StockoutAction::substitute);
  }
}

}  // namespace
