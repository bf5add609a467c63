// The keys of the cold chain, the catalog and store stock, drones, costs and incidents: every
// key read into the model's config, the defaults that fill the rest, the resolved YAML round
// trip, and one located InputError per rule that a value can break.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "scenario_test_util.h"
#include "scenarios/scenario.h"

namespace scenarios {
namespace {

using sim::kHour;
using sim::kMinute;
using sim::kSecond;
using testing::error_of;
using testing::expect_error;
using testing::TempDir;

const std::string kRepo = HALFHOUR_SOURCE_DIR;

// Every new key set, none to its default; starts at 06:00 so that incident times shift.
constexpr const char* kLogistics = R"(name: logistics
start: "06:00"
network: {grid: {rows: 5, cols: 5}}
cold_chain:
  classes:
    - {name: ambient}
    - {name: chilled, min_c: 0, max_c: 8, tolerance: 30m, store_c: 4, pack_c: 2}
    - {name: frozen, max_c: -18, tolerance: 15m, store_c: -22, pack_c: -25}
    - {name: cool, min_c: 10, max_c: 15}
  outdoor_c: [10, 10, 10, 10, 10, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 29, 27, 25, 22, 19, 16, 14, 12]
  room_c: 19.5
  product_tau: 12m
  door_open: 45s
  box: {tau: 25m, ice_packs: true, ice_hold: 90m}
  spoiled: refuse
  sensors: {period: 30s, noise_c: 0.3, log_period: 10m, alert_after: 3}
catalog:
  on_stockout: next_store
  groups:
    - {name: dry, class: ambient, share: 6, kg_per_item: 0.6, litres_per_item: 1.2,
       stock: {initial: 400, reorder_point: 100, reorder_qty: 300, lead_time: 2h, capacity: 500}}
    - {name: dairy, class: chilled, share: 3, stock: {initial: 120, capacity: 200, deliveries: ["06:00", "14:00"]}}
    - {name: ice, class: frozen, share: 1}
stores:
  - id: north
    location: {lat: 0.002, lon: 0.001}
    units: [{class: chilled, capacity: 300, tau_off: 3h, tau_on: 20m}, {class: frozen, capacity: 200}]
    stock: {dairy: {initial: 50, reorder_point: 10}}
  - id: south
    location: {lat: 0.001, lon: 0.001}
drones:
  hubs:
    - {id: hub-n, store: north, location: {lat: 0.003, lon: 0.002}, drones: 4, spare_batteries: 5,
       swap_time: 3m, recharge_time: 90m, takeoff: 20s, landing: 40s, max_litres: 10, to_door: true,
       max_walk: 300m,
       frame: {frame_kg: 4, battery_kg: 2.5, max_payload_kg: 3, max_takeoff_kg: 12, cruise_kmh: 60,
               lift_to_drag: 3.5, efficiency: 0.75, avionics_w: 40, rotor_area_m2: 0.9,
               air_density: 1.2, battery_wh: 900, reserve: 0.25},
       pod: {tau: 30m, ice_packs: true, ice_hold: 2h}}
    - {id: hub-s, store: south}
  drop_points: [{id: locker-1, lat: 0.0015, lon: 0.003}]
  no_fly:
    - id: zone
      corners: [{lat: 0.001, lon: 0.002}, {lat: 0.001, lon: 0.0025}, {lat: 0.0015, lon: 0.0025},
                {lat: 0.001, lon: 0.002}]
    - corners: [{lat: 0.003, lon: 0.003}, {lat: 0.003, lon: 0.004}, {lat: 0.004, lon: 0.004},
                {lat: 0.004, lon: 0.003}, {lat: 0.003, lon: 0.003}]
  weather:
    wind_mps: [1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 9, 7, 5, 3, 2, 1]
    rain_mmh: [0, 0, 0, 0, 0, 0, 0.5, 0.5, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
  limits: {max_wind_mps: 10, max_rain_mmh: 1.5}
  mode: share
  share_target: 0.4
  walk_kmh: 4.5
costs: {rider_per_km: 0.07, rider_per_hour: 16, drone_per_km: 0.2, drone_per_hour: 6}
incidents:
  - {kind: unit_down, store: north, class: frozen, from: "18:00", to: "20:00"}
  - {kind: store_closed, store: south, from: "05:00", to: "06:30"}
  - {kind: storm, from: "23:00", to: "01:30", wind_mps: 25, rain_mmh: 15, road_factor: 0.7}
  - {kind: hub_down, hub: hub-s, from: "10:00", to: "11:00"}
  - {kind: storm, from: "00:00", to: "24:00"}
)";

constexpr const char* kMinimal = R"(name: minimal
network: {grid: {rows: 5, cols: 5}}
stores:
  - {id: north, location: {lat: 0.002, lon: 0.001}}
  - {id: south, location: {lat: 0.001, lon: 0.001}}
)";

void expect_same_policy(const model::StockPolicy& a, const model::StockPolicy& b) {
  EXPECT_EQ(a.initial, b.initial);
  EXPECT_EQ(a.reorder_point, b.reorder_point);
  EXPECT_EQ(a.reorder_qty, b.reorder_qty);
  EXPECT_EQ(a.lead_time, b.lead_time);
  EXPECT_EQ(a.capacity, b.capacity);
  EXPECT_EQ(a.delivery_tod, b.delivery_tod);
}

void expect_same_enclosure(const model::Enclosure& a, const model::Enclosure& b) {
  EXPECT_EQ(a.tau, b.tau);
  EXPECT_EQ(a.ice_packs, b.ice_packs);
  EXPECT_EQ(a.ice_hold, b.ice_hold);
}

// Every field this file's keys fill.
void expect_same_logistics(const model::WorldConfig& a, const model::WorldConfig& b) {
  const auto& ca = a.cold_chain;
  const auto& cb = b.cold_chain;
  EXPECT_EQ(ca.enabled, cb.enabled);
  ASSERT_EQ(ca.classes.size(), cb.classes.size());
  for (std::size_t i = 0; i < ca.classes.size(); ++i) {
    EXPECT_EQ(ca.classes[i].name, cb.classes[i].name);
    EXPECT_EQ(ca.classes[i].min_c, cb.classes[i].min_c);
    EXPECT_EQ(ca.classes[i].max_c, cb.classes[i].max_c);
    EXPECT_EQ(ca.classes[i].tolerance, cb.classes[i].tolerance);
    EXPECT_EQ(ca.classes[i].store_c, cb.classes[i].store_c);
    EXPECT_EQ(ca.classes[i].pack_c, cb.classes[i].pack_c);
  }
  EXPECT_EQ(ca.outdoor_c, cb.outdoor_c);
  EXPECT_EQ(ca.room_c, cb.room_c);
  EXPECT_EQ(ca.product_tau, cb.product_tau);
  EXPECT_EQ(ca.door_open, cb.door_open);
  expect_same_enclosure(ca.box, cb.box);
  EXPECT_EQ(ca.spoiled, cb.spoiled);
  EXPECT_EQ(ca.sensors.enabled, cb.sensors.enabled);
  EXPECT_EQ(ca.sensors.period, cb.sensors.period);
  EXPECT_EQ(ca.sensors.noise_c, cb.sensors.noise_c);
  EXPECT_EQ(ca.sensors.log_period, cb.sensors.log_period);
  EXPECT_EQ(ca.sensors.alert_after, cb.sensors.alert_after);

  EXPECT_EQ(a.catalog.enabled, b.catalog.enabled);
  EXPECT_EQ(a.catalog.on_stockout, b.catalog.on_stockout);
  ASSERT_EQ(a.catalog.groups.size(), b.catalog.groups.size());
  for (std::size_t i = 0; i < a.catalog.groups.size(); ++i) {
    const auto& ga = a.catalog.groups[i];
    const auto& gb = b.catalog.groups[i];
    EXPECT_EQ(ga.name, gb.name);
    EXPECT_EQ(ga.temp_class, gb.temp_class);
    EXPECT_EQ(ga.share, gb.share);
    EXPECT_EQ(ga.kg_per_item, gb.kg_per_item);
    EXPECT_EQ(ga.litres_per_item, gb.litres_per_item);
    expect_same_policy(ga.stock, gb.stock);
  }

  ASSERT_EQ(a.stores.size(), b.stores.size());
  for (std::size_t i = 0; i < a.stores.size(); ++i) {
    SCOPED_TRACE("store " + std::to_string(i));
    ASSERT_EQ(a.stores[i].units.size(), b.stores[i].units.size());
    for (std::size_t u = 0; u < a.stores[i].units.size(); ++u) {
      EXPECT_EQ(a.stores[i].units[u].temp_class, b.stores[i].units[u].temp_class);
      EXPECT_EQ(a.stores[i].units[u].capacity, b.stores[i].units[u].capacity);
      EXPECT_EQ(a.stores[i].units[u].tau_off, b.stores[i].units[u].tau_off);
      EXPECT_EQ(a.stores[i].units[u].tau_on, b.stores[i].units[u].tau_on);
    }
    ASSERT_EQ(a.stores[i].stock.size(), b.stores[i].stock.size());
    for (std::size_t g = 0; g < a.stores[i].stock.size(); ++g)
      expect_same_policy(a.stores[i].stock[g], b.stores[i].stock[g]);
  }

  const auto& da = a.drones;
  const auto& db = b.drones;
  ASSERT_EQ(da.hubs.size(), db.hubs.size());
  for (std::size_t i = 0; i < da.hubs.size(); ++i) {
    SCOPED_TRACE("hub " + std::to_string(i));
    const auto& ha = da.hubs[i];
    const auto& hb = db.hubs[i];
    EXPECT_EQ(ha.id, hb.id);
    EXPECT_EQ(ha.store, hb.store);
    EXPECT_EQ(ha.location.lat, hb.location.lat);
    EXPECT_EQ(ha.location.lon, hb.location.lon);
    EXPECT_EQ(ha.drones, hb.drones);
    EXPECT_EQ(ha.spare_batteries, hb.spare_batteries);
    EXPECT_EQ(ha.swap_time, hb.swap_time);
    EXPECT_EQ(ha.recharge_time, hb.recharge_time);
    EXPECT_EQ(ha.takeoff, hb.takeoff);
    EXPECT_EQ(ha.landing, hb.landing);
    EXPECT_EQ(ha.max_litres, hb.max_litres);
    EXPECT_EQ(ha.to_door, hb.to_door);
    EXPECT_EQ(ha.max_walk_m, hb.max_walk_m);
    EXPECT_EQ(ha.spec.frame_kg, hb.spec.frame_kg);
    EXPECT_EQ(ha.spec.battery_kg, hb.spec.battery_kg);
    EXPECT_EQ(ha.spec.max_payload_kg, hb.spec.max_payload_kg);
    EXPECT_EQ(ha.spec.max_takeoff_kg, hb.spec.max_takeoff_kg);
    EXPECT_EQ(ha.spec.cruise_mps, hb.spec.cruise_mps);
    EXPECT_EQ(ha.spec.lift_to_drag, hb.spec.lift_to_drag);
    EXPECT_EQ(ha.spec.efficiency, hb.spec.efficiency);
    EXPECT_EQ(ha.spec.avionics_w, hb.spec.avionics_w);
    EXPECT_EQ(ha.spec.rotor_area_m2, hb.spec.rotor_area_m2);
    EXPECT_EQ(ha.spec.air_density, hb.spec.air_density);
    EXPECT_EQ(ha.spec.battery_wh, hb.spec.battery_wh);
    EXPECT_EQ(ha.spec.reserve_share, hb.spec.reserve_share);
    expect_same_enclosure(ha.pod, hb.pod);
  }
  ASSERT_EQ(da.drop_points.size(), db.drop_points.size());
  for (std::size_t i = 0; i < da.drop_points.size(); ++i) {
    EXPECT_EQ(da.drop_points[i].id, db.drop_points[i].id);
    EXPECT_EQ(da.drop_points[i].location.lat, db.drop_points[i].location.lat);
    EXPECT_EQ(da.drop_points[i].location.lon, db.drop_points[i].location.lon);
  }
  ASSERT_EQ(da.no_fly.size(), db.no_fly.size());
  for (std::size_t i = 0; i < da.no_fly.size(); ++i) {
    ASSERT_EQ(da.no_fly[i].corners.size(), db.no_fly[i].corners.size());
    for (std::size_t k = 0; k < da.no_fly[i].corners.size(); ++k) {
      EXPECT_EQ(da.no_fly[i].corners[k].lat, db.no_fly[i].corners[k].lat);
      EXPECT_EQ(da.no_fly[i].corners[k].lon, db.no_fly[i].corners[k].lon);
    }
  }
  EXPECT_EQ(da.weather.wind_mps, db.weather.wind_mps);
  EXPECT_EQ(da.weather.rain_mmh, db.weather.rain_mmh);
  EXPECT_EQ(da.limits.max_wind_mps, db.limits.max_wind_mps);
  EXPECT_EQ(da.limits.max_rain_mmh, db.limits.max_rain_mmh);
  EXPECT_EQ(da.mode, db.mode);
  EXPECT_EQ(da.share_target, db.share_target);
  EXPECT_EQ(da.walk_kmh, db.walk_kmh);

  EXPECT_EQ(a.costs.rider_per_km, b.costs.rider_per_km);
  EXPECT_EQ(a.costs.rider_per_hour, b.costs.rider_per_hour);
  EXPECT_EQ(a.costs.drone_per_km, b.costs.drone_per_km);
  EXPECT_EQ(a.costs.drone_per_hour, b.costs.drone_per_hour);

  ASSERT_EQ(a.incidents.size(), b.incidents.size());
  for (std::size_t i = 0; i < a.incidents.size(); ++i) {
    SCOPED_TRACE("incident " + std::to_string(i));
    const auto& ia = a.incidents[i];
    const auto& ib = b.incidents[i];
    EXPECT_EQ(ia.kind, ib.kind);
    EXPECT_EQ(ia.from, ib.from);
    EXPECT_EQ(ia.to, ib.to);
    EXPECT_EQ(ia.store, ib.store);
    EXPECT_EQ(ia.temp_class, ib.temp_class);
    EXPECT_EQ(ia.hub, ib.hub);
    EXPECT_EQ(ia.wind_mps, ib.wind_mps);
    EXPECT_EQ(ia.rain_mmh, ib.rain_mmh);
    EXPECT_EQ(ia.road_factor, ib.road_factor);
  }
}

// Loads the resolved YAML of `first` and checks that it gives the same config and text.
void expect_round_trip(const Scenario& first) {
  TempDir dir;
  const Scenario second = load_scenario(dir.write("resolved.yaml", first.resolved_yaml));
  expect_same_logistics(first.world, second.world);
  EXPECT_EQ(first.no_fly_ids, second.no_fly_ids);
  EXPECT_EQ(first.resolved_yaml, second.resolved_yaml);
}

TEST(LogisticsKeys, ReadsEveryKey) {
  TempDir dir;
  const Scenario s = load_scenario(dir.write("s.yaml", kLogistics));
  const auto& w = s.world;

  const auto& cc = w.cold_chain;
  EXPECT_TRUE(cc.enabled);
  ASSERT_EQ(cc.classes.size(), 4u);
  EXPECT_EQ(cc.classes[0].name, "ambient");
  EXPECT_FALSE(cc.classes[0].cold());
  EXPECT_EQ(cc.classes[1].min_c, 0);
  EXPECT_EQ(cc.classes[1].max_c, 8);
  EXPECT_EQ(cc.classes[1].pack_c, 2);
  EXPECT_EQ(cc.classes[2].min_c, -model::kNoLimitC);
  EXPECT_EQ(cc.classes[2].max_c, -18);
  EXPECT_EQ(cc.classes[2].tolerance, 15 * kMinute);
  EXPECT_EQ(cc.classes[2].store_c, -22);
  EXPECT_EQ(cc.classes[2].pack_c, -25);
  // A custom class's setpoint defaults to the middle of its range, its ice packs to the setpoint.
  EXPECT_EQ(cc.classes[3].store_c, 12.5);
  EXPECT_EQ(cc.classes[3].pack_c, 12.5);
  EXPECT_EQ(cc.classes[3].tolerance, 30 * kMinute);
  EXPECT_EQ(cc.outdoor_c[15], 30);
  EXPECT_EQ(cc.room_c, 19.5);
  EXPECT_EQ(cc.product_tau, 12 * kMinute);
  EXPECT_EQ(cc.door_open, 45 * kSecond);
  EXPECT_EQ(cc.box.tau, 25 * kMinute);
  EXPECT_TRUE(cc.box.ice_packs);
  EXPECT_EQ(cc.box.ice_hold, 90 * kMinute);
  EXPECT_EQ(cc.spoiled, model::SpoiledAction::refuse);
  EXPECT_TRUE(cc.sensors.enabled);
  EXPECT_EQ(cc.sensors.period, 30 * kSecond);
  EXPECT_EQ(cc.sensors.noise_c, 0.3);
  EXPECT_EQ(cc.sensors.log_period, 10 * kMinute);
  EXPECT_EQ(cc.sensors.alert_after, 3);

  const auto& cat = w.catalog;
  EXPECT_TRUE(cat.enabled);
  EXPECT_EQ(cat.on_stockout, model::StockoutAction::next_store);
  ASSERT_EQ(cat.groups.size(), 3u);
  EXPECT_EQ(cat.groups[0].name, "dry");
  EXPECT_EQ(cat.groups[0].temp_class, 0u);
  EXPECT_EQ(cat.groups[0].share, 6);
  EXPECT_EQ(cat.groups[0].kg_per_item, 0.6);
  EXPECT_EQ(cat.groups[0].litres_per_item, 1.2);
  EXPECT_EQ(cat.groups[0].stock.initial, 400);
  EXPECT_EQ(cat.groups[0].stock.reorder_point, 100);
  EXPECT_EQ(cat.groups[0].stock.reorder_qty, 300);
  EXPECT_EQ(cat.groups[0].stock.lead_time, 2 * kHour);
  EXPECT_EQ(cat.groups[0].stock.capacity, 500);
  EXPECT_EQ(cat.groups[1].temp_class, 1u);
  EXPECT_EQ(cat.groups[1].kg_per_item, 0.5);  // the default
  EXPECT_EQ(cat.groups[1].stock.delivery_tod, (std::vector<sim::Time>{6 * kHour, 14 * kHour}));
  EXPECT_EQ(cat.groups[2].temp_class, 2u);
  EXPECT_EQ(cat.groups[2].stock.capacity, 120);  // StockPolicy's default

  const auto& north = w.stores[0];
  ASSERT_EQ(north.units.size(), 2u);
  EXPECT_EQ(north.units[0].temp_class, 1u);
  EXPECT_EQ(north.units[0].capacity, 300);
  EXPECT_EQ(north.units[0].tau_off, 3 * kHour);
  EXPECT_EQ(north.units[0].tau_on, 20 * kMinute);
  EXPECT_EQ(north.units[1].temp_class, 2u);
  EXPECT_EQ(north.units[1].capacity, 200);
  EXPECT_EQ(north.units[1].tau_off, 2 * kHour);
  ASSERT_EQ(north.stock.size(), 3u);
  EXPECT_EQ(north.stock[0].initial, 400);
  EXPECT_EQ(north.stock[1].initial, 50);        // the store's own
  EXPECT_EQ(north.stock[1].reorder_point, 10);  // the store's own
  EXPECT_EQ(north.stock[1].capacity, 200);      // the group's
  EXPECT_EQ(north.stock[1].delivery_tod.size(), 2u);
  // South wrote no units: one per cold class, with the defaults.
  const auto& south = w.stores[1];
  ASSERT_EQ(south.units.size(), 3u);
  EXPECT_EQ(south.units[0].temp_class, 1u);
  EXPECT_EQ(south.units[2].temp_class, 3u);
  EXPECT_EQ(south.units[2].capacity, 400);
  ASSERT_EQ(south.stock.size(), 3u);
  EXPECT_EQ(south.stock[1].initial, 120);

  const auto& d = w.drones;
  ASSERT_EQ(d.hubs.size(), 2u);
  const auto& h = d.hubs[0];
  EXPECT_EQ(h.id, "hub-n");
  EXPECT_EQ(h.store, 0u);
  EXPECT_EQ(h.location.lat, 0.003);
  EXPECT_EQ(h.location.lon, 0.002);
  EXPECT_EQ(h.drones, 4);
  EXPECT_EQ(h.spare_batteries, 5);
  EXPECT_EQ(h.swap_time, 3 * kMinute);
  EXPECT_EQ(h.recharge_time, 90 * kMinute);
  EXPECT_EQ(h.takeoff, 20 * kSecond);
  EXPECT_EQ(h.landing, 40 * kSecond);
  EXPECT_EQ(h.max_litres, 10);
  EXPECT_TRUE(h.to_door);
  EXPECT_EQ(h.max_walk_m, 300);
  EXPECT_EQ(h.spec.frame_kg, 4);
  EXPECT_EQ(h.spec.battery_kg, 2.5);
  EXPECT_EQ(h.spec.max_payload_kg, 3);
  EXPECT_EQ(h.spec.max_takeoff_kg, 12);
  EXPECT_DOUBLE_EQ(h.spec.cruise_mps, 60 / 3.6);
  EXPECT_EQ(h.spec.lift_to_drag, 3.5);
  EXPECT_EQ(h.spec.efficiency, 0.75);
  EXPECT_EQ(h.spec.avionics_w, 40);
  EXPECT_EQ(h.spec.rotor_area_m2, 0.9);
  EXPECT_EQ(h.spec.air_density, 1.2);
  EXPECT_EQ(h.spec.battery_wh, 900);
  EXPECT_EQ(h.spec.reserve_share, 0.25);
  EXPECT_EQ(h.pod.tau, 30 * kMinute);
  EXPECT_TRUE(h.pod.ice_packs);
  EXPECT_EQ(h.pod.ice_hold, 2 * kHour);
  // The second hub takes its store's location and every default.
  EXPECT_EQ(d.hubs[1].store, 1u);
  EXPECT_EQ(d.hubs[1].location.lat, 0.001);
  EXPECT_EQ(d.hubs[1].drones, 2);
  EXPECT_EQ(d.hubs[1].spec.cruise_mps, 15);
  ASSERT_EQ(d.drop_points.size(), 1u);
  EXPECT_EQ(d.drop_points[0].id, "locker-1");
  EXPECT_EQ(d.drop_points[0].location.lon, 0.003);
  // Rings are kept without the repeated corner.
  ASSERT_EQ(d.no_fly.size(), 2u);
  ASSERT_EQ(d.no_fly[0].corners.size(), 3u);
  EXPECT_EQ(d.no_fly[0].corners[2].lat, 0.0015);
  EXPECT_EQ(d.no_fly[1].corners.size(), 4u);
  EXPECT_EQ(s.no_fly_ids, (std::vector<std::string>{"zone", ""}));
  EXPECT_EQ(d.weather.wind_mps[17], 14);
  EXPECT_EQ(d.weather.rain_mmh[12], 3);
  EXPECT_EQ(d.limits.max_wind_mps, 10);
  EXPECT_EQ(d.limits.max_rain_mmh, 1.5);
  EXPECT_EQ(d.mode, model::ModePolicy::share);
  EXPECT_EQ(d.share_target, 0.4);
  EXPECT_EQ(d.walk_kmh, 4.5);

  EXPECT_EQ(w.costs.rider_per_km, 0.07);
  EXPECT_EQ(w.costs.rider_per_hour, 16);
  EXPECT_EQ(w.costs.drone_per_km, 0.2);
  EXPECT_EQ(w.costs.drone_per_hour, 6);

  // Times since the 06:00 start, each at its first occurrence.
  using Kind = model::Incident::Kind;
  ASSERT_EQ(w.incidents.size(), 5u);
  EXPECT_EQ(w.incidents[0].kind, Kind::unit_down);
  EXPECT_EQ(w.incidents[0].store, 0u);
  EXPECT_EQ(w.incidents[0].temp_class, 2u);
  EXPECT_EQ(w.incidents[0].from, 12 * kHour);
  EXPECT_EQ(w.incidents[0].to, 14 * kHour);
  EXPECT_EQ(w.incidents[1].kind, Kind::store_closed);
  EXPECT_EQ(w.incidents[1].store, 1u);
  EXPECT_EQ(w.incidents[1].from, 23 * kHour);  // 05:00 is passed at the start: the next day's
  EXPECT_EQ(w.incidents[1].to, 24 * kHour + 30 * kMinute);
  EXPECT_EQ(w.incidents[2].kind, Kind::storm);
  EXPECT_EQ(w.incidents[2].from, 17 * kHour);
  EXPECT_EQ(w.incidents[2].to, 19 * kHour + 30 * kMinute);  // past midnight
  EXPECT_EQ(w.incidents[2].wind_mps, 25);
  EXPECT_EQ(w.incidents[2].rain_mmh, 15);
  EXPECT_EQ(w.incidents[2].road_factor, 0.7);
  EXPECT_EQ(w.incidents[3].kind, Kind::hub_down);
  EXPECT_EQ(w.incidents[3].hub, 1u);
  EXPECT_EQ(w.incidents[3].from, 4 * kHour);
  EXPECT_EQ(w.incidents[3].to, 5 * kHour);
  EXPECT_EQ(w.incidents[4].from, 18 * kHour);
  EXPECT_EQ(w.incidents[4].to, 42 * kHour);  // a whole day
  EXPECT_EQ(w.incidents[4].wind_mps, 20);    // the defaults
  EXPECT_EQ(w.incidents[4].road_factor, 0.8);
}

TEST(LogisticsKeys, ResolvedYamlRoundTrips) {
  TempDir dir;
  for (const std::string& text :
       {std::string(kLogistics), std::string(kMinimal), std::string(kMinimal) + "cold_chain: {}\n",
        std::string(kMinimal) + "catalog: {}\n"}) {
    SCOPED_TRACE(text);
    expect_round_trip(load_scenario(dir.write("s.yaml", text)));
  }
}

TEST(LogisticsKeys, ResolvedYamlRoundTripsTheShippedScenario) {
  const Scenario s = load_scenario(kRepo + "/scenarios/monaco-drones-coldchain.yaml");
  expect_round_trip(s);
}

TEST(LogisticsKeys, ShippedScenarioHasWhatItSays) {
  const Scenario s = load_scenario(kRepo + "/scenarios/monaco-drones-coldchain.yaml");
  const auto& w = s.world;
  EXPECT_TRUE(w.cold_chain.enabled);
  EXPECT_TRUE(w.cold_chain.sensors.enabled);
  EXPECT_TRUE(w.cold_chain.box.ice_packs);
  EXPECT_EQ(w.cold_chain.outdoor_c[14], 34);
  EXPECT_TRUE(w.catalog.enabled);
  EXPECT_EQ(w.catalog.groups.size(), 5u);
  EXPECT_EQ(w.drones.hubs.size(), 2u);
  EXPECT_EQ(w.drones.drop_points.size(), 2u);
  EXPECT_EQ(w.drones.no_fly.size(), 1u);
  model::FlightWeather weather(w.drones.weather, w.drones.limits, w.start_tod);
  EXPECT_TRUE(weather.flyable(8 * kHour));    // 15:00
  EXPECT_FALSE(weather.flyable(9 * kHour));   // 16:00
  EXPECT_FALSE(weather.flyable(10 * kHour));  // 17:00
  EXPECT_TRUE(weather.flyable(11 * kHour));   // 18:00
  ASSERT_EQ(w.incidents.size(), 2u);
  EXPECT_EQ(w.incidents[0].from, 11 * kHour);  // 18:00 since the 07:00 start
  EXPECT_EQ(w.incidents[1].to, 4 * kHour + 45 * kMinute);
  std::size_t riders = 0;
  const Scenario plain = load_scenario(kRepo + "/scenarios/monaco.yaml");
  for (const auto& g : w.riders) riders += static_cast<std::size_t>(g.count);
  for (const auto& g : plain.world.riders) riders -= static_cast<std::size_t>(g.count);
  EXPECT_EQ(riders, 0u);
  EXPECT_EQ(w.riders.size(), plain.world.riders.size());
}

TEST(LogisticsDefaults, NoneOfTheKeys) {
  TempDir dir;
  const Scenario s = load_scenario(dir.write("s.yaml", kMinimal));
  const auto& w = s.world;
  EXPECT_FALSE(w.cold_chain.enabled);
  EXPECT_EQ(w.cold_chain.classes.size(), 3u);  // filled, for catalog groups to name
  EXPECT_FALSE(w.catalog.enabled);
  EXPECT_TRUE(w.catalog.groups.empty());
  EXPECT_TRUE(w.stores[0].units.empty());
  EXPECT_TRUE(w.stores[0].stock.empty());
  EXPECT_TRUE(w.drones.hubs.empty());
  EXPECT_TRUE(w.incidents.empty());
  EXPECT_EQ(w.costs.rider_per_hour, 15);
}

TEST(LogisticsDefaults, ColdChainAlone) {
  TempDir dir;
  const Scenario s = load_scenario(dir.write("s.yaml", std::string(kMinimal) + "cold_chain: {}\n"));
  const auto& w = s.world;
  EXPECT_TRUE(w.cold_chain.enabled);
  EXPECT_FALSE(w.cold_chain.sensors.enabled);
  ASSERT_EQ(w.cold_chain.classes.size(), 3u);
  EXPECT_EQ(w.cold_chain.classes[1].name, "chilled");
  EXPECT_EQ(w.cold_chain.classes[1].tolerance, 30 * kMinute);
  EXPECT_EQ(w.cold_chain.classes[2].max_c, -18);
  for (double c : w.cold_chain.outdoor_c) {
    EXPECT_GE(c, 14);
    EXPECT_LE(c, 24);
  }
  for (const auto& st : w.stores) {
    ASSERT_EQ(st.units.size(), 2u);
    EXPECT_EQ(st.units[0].temp_class, 1u);
    EXPECT_EQ(st.units[1].temp_class, 2u);
    EXPECT_EQ(st.units[1].capacity, 400);
    EXPECT_TRUE(st.stock.empty());
  }
  // One group per class, stock untracked.
  EXPECT_FALSE(w.catalog.enabled);
  ASSERT_EQ(w.catalog.groups.size(), 3u);
  EXPECT_EQ(w.catalog.groups[0].name, "ambient");
  EXPECT_EQ(w.catalog.groups[0].share, 0.65);
  EXPECT_EQ(w.catalog.groups[1].temp_class, 1u);
  EXPECT_EQ(w.catalog.groups[1].share, 0.25);
  EXPECT_EQ(w.catalog.groups[2].share, 0.10);
}

TEST(LogisticsDefaults, CustomClassesShareEqually) {
  TempDir dir;
  const Scenario s = load_scenario(dir.write(
      "s.yaml",
      std::string(kMinimal) + "cold_chain:\n  classes: [{name: room}, {name: cold, max_c: 5}]\n"));
  const auto& w = s.world;
  ASSERT_EQ(w.catalog.groups.size(), 2u);
  EXPECT_EQ(w.catalog.groups[0].name, "room");
  EXPECT_EQ(w.catalog.groups[0].share, 1);
  EXPECT_EQ(w.catalog.groups[1].share, 1);
  EXPECT_EQ(w.cold_chain.classes[1].store_c, 1);  // 4 °C inside the open range's limit
  ASSERT_EQ(w.stores[0].units.size(), 1u);
  EXPECT_EQ(w.stores[0].units[0].temp_class, 1u);
}

TEST(LogisticsDefaults, CatalogAloneTracksStockWithoutTheColdChain) {
  TempDir dir;
  const Scenario s = load_scenario(dir.write("s.yaml", std::string(kMinimal) + "catalog: {}\n"));
  const auto& w = s.world;
  EXPECT_FALSE(w.cold_chain.enabled);
  EXPECT_TRUE(w.catalog.enabled);
  ASSERT_EQ(w.catalog.groups.size(), 3u);
  EXPECT_TRUE(w.stores[0].units.empty());
  ASSERT_EQ(w.stores[0].stock.size(), 3u);
  EXPECT_EQ(w.stores[0].stock[0].capacity, 120);
}

// Lines 1 to 5: two stores in flow style, to append sections at line 6.
const std::string kBase =
    "name: t\n"
    "network: {grid: {rows: 5, cols: 5}}\n"
    "stores:\n"
    "  - {id: north, location: {lat: 0.002, lon: 0.001}}\n"
    "  - {id: south, location: {lat: 0.001, lon: 0.001}}\n";

// Lines 1 to 7: the cold chain and a catalog on, a store as a block to append keys at line 8.
const std::string kColdStore =
    "name: t\n"
    "network: {grid: {rows: 5, cols: 5}}\n"
    "cold_chain: {}\n"
    "catalog: {groups: [{name: dairy, class: chilled}]}\n"
    "stores:\n"
    "  - id: north\n"
    "    location: {lat: 0.002, lon: 0.001}\n";

// kBase and a hub, lines 1 to 9, to append hub keys at line 10 (a block map).
const std::string kHub = kBase +
                         "drones:\n"
                         "  hubs:\n"
                         "    - id: hub-north\n"
                         "      store: north\n";

using Case = testing::InvalidCase;

class InvalidLogistics : public ::testing::TestWithParam<Case> {};

TEST_P(InvalidLogistics, IsAnInputErrorAtTheKey) { testing::expect_invalid(GetParam()); }

INSTANTIATE_TEST_SUITE_P(
    Scenario, InvalidLogistics,
    ::testing::Values(
        // Capacities and counts.
        Case{"UnitCapacityZero", kColdStore + "    units: [{class: chilled, capacity: 0}]\n", 8, 40,
             "stores[0].units[0].capacity", "'0'", "a whole number from 1"},
        Case{"HubWithoutDrones", kHub + "      drones: 0\n", 10, 15, "drones.hubs[0].drones", "'0'",
             "a whole number from 1"},
        Case{"SpareBatteriesNegative", kHub + "      spare_batteries: -1\n", 10, 24,
             "drones.hubs[0].spare_batteries", "'-1'", "a whole number from 0"},
        Case{"PodVolumeZero", kHub + "      max_litres: 0\n", 10, 19, "drones.hubs[0].max_litres",
             "'0'", "a number above 0"},
        Case{"GroupShareZero", kBase + "catalog: {groups: [{name: dry, share: 0}]}\n", 6, 39,
             "catalog.groups[0].share", "'0'", "a number above 0"},
        Case{"StockCapacityZero",
             kBase + "catalog: {groups: [{name: dry, stock: {capacity: 0}}]}\n", 6, 50,
             "catalog.groups[0].stock.capacity", "'0'", "a whole number from 1"},
        Case{"StockInitialAboveCapacity",
             kBase + "catalog: {groups: [{name: dry, stock: {initial: 600, capacity: 500}}]}\n", 6,
             49, "catalog.groups[0].stock.initial", "'600'", "at most the capacity (500)"},
        Case{"StoreStockBelowTheGroupsReorderPoint",
             kColdStore + "    stock: {dairy: {capacity: 10, initial: 5}}\n", 8, 31,
             "stores[0].stock.dairy.capacity", "'10'", "above the reorder point (20)"},
        // The drone frame.
        Case{"PayloadAboveTheFramesLimit", kHub + "      frame: {max_payload_kg: 4}\n", 10, 31,
             "drones.hubs[0].frame.max_payload_kg", "'4'",
             "frame_kg + battery_kg + max_payload_kg at most max_takeoff_kg (5 + 2 + 4 > 10)"},
        Case{"FrameHeavierThanItsLimit", kHub + "      frame: {max_takeoff_kg: 8}\n", 10, 31,
             "drones.hubs[0].frame.max_takeoff_kg", "'8'", "at most max_takeoff_kg"},
        Case{"ReserveOfTheWholeBattery", kHub + "      frame: {reserve: 1}\n", 10, 24,
             "drones.hubs[0].frame.reserve", "'1'", "from 0 up to (not including) 1"},
        Case{"ReserveNegative", kHub + "      frame: {reserve: -0.1}\n", 10, 24,
             "drones.hubs[0].frame.reserve", "'-0.1'", "from 0 up to (not including) 1"},
        // Temperature classes.
        Case{"ClassMinAboveMax",
             kBase + "cold_chain:\n  classes: [{name: ambient}, {name: odd, min_c: 5, max_c: 2}]\n",
             7, 49, "cold_chain.classes[1].min_c", "'5'", "at most max_c (2)"},
        Case{"ClassNamedTwice",
             kBase + "cold_chain:\n  classes: [{name: ambient}, {name: cool, max_c: 8}, "
                     "{name: cool, max_c: 4}]\n",
             7, 61, "cold_chain.classes[2].name", "'cool'", "(cold_chain.classes[1] has it)"},
        Case{"FirstClassNotAmbient", kBase + "cold_chain:\n  classes: [{name: cold, max_c: 4}]\n",
             7, 33, "cold_chain.classes[0].max_c", "'4'", "the first class is ambient"},
        Case{"SetpointOutsideTheRange",
             kBase + "cold_chain:\n  classes: [{name: ambient}, {name: cold, max_c: 4, "
                     "store_c: 6}]\n",
             7, 62, "cold_chain.classes[1].store_c", "'6'", "within the class's range"},
        Case{"UnitOfTheAmbientClass", kColdStore + "    units: [{class: ambient}]\n", 8, 21,
             "stores[0].units[0].class", "'ambient'",
             "a cold class (one with min_c or max_c): one of chilled, frozen"},
        Case{"UnitClassTwice", kColdStore + "    units: [{class: frozen}, {class: frozen}]\n", 8,
             38, "stores[0].units[1].class", "'frozen'", "(units[0] has it)"},
        Case{"UnitClassMisspelt", kColdStore + "    units: [{class: frozn}]\n", 8, 21,
             "stores[0].units[0].class", "'frozn'", "(did you mean 'frozen'?)"},
        Case{"UnitsWithoutTheColdChain",
             kBase + "  - {id: east, location: {lat: 0.001, lon: 0.002}, units: []}\n", 6, 59,
             "stores[2].units", "a list of 0 entries", "no units without a cold_chain section"},
        Case{"StockWithoutACatalog",
             kBase + "  - {id: east, location: {lat: 0.001, lon: 0.002}, stock: {}}\n", 6, 59,
             "stores[2].stock", "a map", "no stock without a catalog section"},
        // Names of stores, hubs, classes and groups.
        Case{"HubStoreMisspelt", kBase + "drones: {hubs: [{id: h, store: nroth}]}\n", 6, 32,
             "drones.hubs[0].store", "'nroth'",
             "the id of a store: one of north, south (did you mean 'north'?)"},
        Case{"HubIdTwice", kHub + "    - {id: hub-north, store: south}\n", 10, 12,
             "drones.hubs[1].id", "'hub-north'", "(drones.hubs[0] has it)"},
        Case{"GroupClassMisspelt", kBase + "catalog: {groups: [{name: milk, class: chiled}]}\n", 6,
             40, "catalog.groups[0].class", "'chiled'", "(did you mean 'chilled'?)"},
        Case{"StoreStockOfAnUnknownGroup", kColdStore + "    stock: {diary: {initial: 5}}\n", 8, 13,
             "stores[0].stock.diary", "unknown key 'diary'", "(did you mean 'dairy'?)"},
        Case{"IncidentHubMisspelt",
             kHub + "incidents:\n  - {kind: hub_down, hub: hub-nroth, from: \"10:00\", to: "
                    "\"11:00\"}\n",
             11, 27, "incidents[0].hub", "'hub-nroth'",
             "the id of a drone hub: hub-north (did you mean 'hub-north'?)"},
        Case{"IncidentStoreMisspelt",
             kBase + "incidents:\n  - {kind: store_closed, store: suoth, from: \"12:00\", to: "
                     "\"13:00\"}\n",
             7, 33, "incidents[0].store", "'suoth'", "(did you mean 'south'?)"},
        Case{"UnitDownWithoutTheUnit",
             kColdStore + "    units: [{class: chilled}]\nincidents:\n  - {kind: unit_down, "
                          "store: north, class: frozen, from: \"18:00\", to: \"20:00\"}\n",
             10, 44, "incidents[0].class", "'frozen'",
             "the class of a unit of store 'north': chilled"},
        Case{"IncidentKeyOfAnotherKind",
             kBase + "incidents:\n  - {kind: storm, store: north, from: \"12:00\", to: "
                     "\"13:00\"}\n",
             7, 26, "incidents[0].store", "'north'", "only kind unit_down or store_closed"},
        Case{"IncidentEndsAsItStarts",
             kBase + "incidents:\n  - {kind: storm, from: \"12:00\", to: \"12:00\"}\n", 7, 38,
             "incidents[0].to", "'12:00'", "a time other than the incident's start"},
        // No-fly zones.
        Case{"NoFlyRingNotClosed",
             kBase + "drones:\n  no_fly:\n    - {id: z, corners: [{lat: 0, lon: 0}, {lat: 0, "
                     "lon: 1}, {lat: 1, lon: 1}]}\n",
             8, 24, "drones.no_fly[0].corners",
             "a last corner at lat 1, lon 1 and a first at lat 0, lon 0",
             "a closed ring: the last corner repeating the first"},
        Case{"NoFlyOfTwoCorners",
             kBase + "drones:\n  no_fly:\n    - {corners: [{lat: 0, lon: 0}, {lat: 0, lon: 1}, "
                     "{lat: 0, lon: 1}, {lat: 0, lon: 0}]}\n",
             8, 17, "drones.no_fly[0].corners", "2 distinct corners",
             "a ring of at least 3 distinct corners"},
        // Weather, temperatures and shares.
        Case{"WindOfThreeHours", kBase + "drones: {weather: {wind_mps: [1, 2, 3]}}\n", 6, 30,
             "drones.weather.wind_mps", "a list of 3 entries", "a list of 24 wind speeds"},
        Case{"RainAsAWord", kBase + "drones: {weather: {rain_mmh: dry}}\n", 6, 30,
             "drones.weather.rain_mmh", "'dry'", "a list of 24 rain rates"},
        Case{"WindNegative",
             kBase + "drones: {weather: {wind_mps: [1, 1, 1, -2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, "
                     "1, 1, 1, 1, 1, 1, 1, 1, 1]}}\n",
             6, 40, "drones.weather.wind_mps[3]", "'-2'", "a number from 0 to 100"},
        Case{"RainBeyondAnyStorm",
             kBase + "drones: {weather: {rain_mmh: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, "
                     "1, 1, 1, 1, 1, 1, 1, 1, 900]}}\n",
             6, 100, "drones.weather.rain_mmh[23]", "'900'", "a number from 0 to 500"},
        Case{"OutdoorHotterThanEarth",
             kBase + "cold_chain: {outdoor_c: [20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, "
                     "20, 75, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20]}\n",
             6, 78, "cold_chain.outdoor_c[13]", "'75'", "a number from -90 to 60"},
        Case{"StormWindOutOfRange",
             kBase + "incidents:\n  - {kind: storm, from: \"12:00\", to: \"13:00\", wind_mps: "
                     "150}\n",
             7, 57, "incidents[0].wind_mps", "'150'", "a number from 0 to 100"},
        Case{"ShareTargetAboveOne", kBase + "drones: {share_target: 1.5}\n", 6, 24,
             "drones.share_target", "'1.5'", "a number from 0 to 1"},
        Case{"ShareTargetNegative", kBase + "drones: {share_target: -0.1}\n", 6, 24,
             "drones.share_target", "'-0.1'", "a number from 0 to 1"}),
    [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(InvalidLogisticsFile, PayloadAboveTheLimitIsOneLineWithEveryPart) {
  TempDir dir;
  const std::string path = dir.write("s.yaml", kHub + "      frame: {max_payload_kg: 4}\n");
  const auto e = error_of([&] { load_scenario(path); });
  ASSERT_TRUE(e);
  EXPECT_EQ(std::string(e->what()),
            path +
                ":10:31: drones.hubs[0].frame.max_payload_kg: expected frame_kg + battery_kg + "
                "max_payload_kg at most max_takeoff_kg (5 + 2 + 4 > 10), found '4'");
}

TEST(InvalidLogisticsFile, ErrorInAnOverrideNamesTheSetFlag) {
  TempDir dir;
  const std::string path = dir.write("s.yaml", kHub);
  expect_error(error_of([&] { load_scenario(path, {"drones.hubs[0].frame.reserve=1.5"}); }),
               {"--set drones.hubs[0].frame.reserve=1.5", 0, 0, "drones.hubs[0].frame.reserve",
                "'1.5'", "from 0 up to"});
}

}  // namespace
}  // namespace scenarios
