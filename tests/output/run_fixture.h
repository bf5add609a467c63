// A small hand-built run for the output tests: four orders on a 3 x 3 grid with known timestamps
// (on time, late, rejected, still open), two riders, two stores and two hours.
#pragma once

#include "routing/grid.h"
#include "sim/model/run_result.h"
#include "sim/model/thermal.h"

namespace output::testing {

inline constexpr routing::LatLon kOrigin{48.85, 2.35};

inline routing::RoadNetwork grid_network() { return routing::make_grid({3, 3, 100, 25, kOrigin}); }

inline model::RunResult small_run() {
  using sim::kHour, sim::kMinute, sim::kSecond;
  model::RunResult r;
  r.start_tod = 10 * kHour;
  r.duration = 2 * kHour;
  r.promise = 30 * kMinute;
  r.end_time = 2 * kHour;
  r.events = 1234;
  r.wall_seconds = 0.5;

  model::StoreRecord plain;
  plain.id = "s1";
  plain.location = kOrigin;
  plain.orders = 2;
  plain.queue_area_ms = 0.5 * 2 * kHour;
  model::StoreRecord awkward;  // needs quoting in CSV and escaping in HTML
  awkward.id = "A&B, \"Mitte\" <1>";
  awkward.location = {48.851, 2.351};
  awkward.orders = 1;
  r.stores = {plain, awkward};

  model::OrderRecord on_time;
  on_time.id = 0;
  on_time.store = 0;
  on_time.rider = 0;
  on_time.location = kOrigin;
  on_time.items = 3;
  on_time.status = model::OrderStatus::delivered;
  on_time.placed = 60 * kSecond;
  on_time.assigned = 61500;
  on_time.pick_started = 62 * kSecond;
  on_time.picked = 122 * kSecond;
  on_time.packed = 182 * kSecond;
  on_time.picked_up = 242 * kSecond;
  on_time.at_door = 1140 * kSecond;
  on_time.delivered = on_time.placed + 20 * kMinute;
  on_time.distance_m = 250;

  model::OrderRecord late;
  late.id = 1;
  late.store = 1;
  late.rider = 1;
  late.location = {48.851234567, 2.345678};
  late.status = model::OrderStatus::delivered;
  late.placed = 120500;
  late.assigned = 130 * kSecond;
  late.pick_started = 140 * kSecond;
  late.packed = 400 * kSecond;
  late.picked_up = 500 * kSecond;
  late.delivered = late.placed + 45 * kMinute + 30 * kSecond;
  late.distance_m = 1234.5;

  model::OrderRecord rejected;
  rejected.id = 2;
  rejected.location = {48.86, 2.36};
  rejected.items = 2;
  rejected.status = model::OrderStatus::rejected;
  rejected.reason = model::RejectReason::no_rider;
  rejected.placed = 200 * kSecond;
  rejected.rejected = 200001;

  model::OrderRecord open;
  open.id = 3;
  open.store = 0;
  open.location = kOrigin;
  open.placed = 2 * kHour - 1;

  r.orders = {on_time, late, rejected, open};

  model::RiderRecord first;
  first.id = 0;
  first.store = 0;
  first.vehicle = "ebike";
  first.on_shift = 2 * kHour;
  first.busy = kHour;
  first.distance_m = 3000;
  first.deliveries = 1;
  model::RiderRecord second = first;
  second.id = 1;
  second.store = 1;
  second.busy = 30 * kMinute;
  second.distance_m = 2000;
  r.riders = {first, second};

  r.hours = {{4, 1, 1, 2.0 * kHour, 1.0 * kHour}, {0, 1, 0, 2.0 * kHour, 0.5 * kHour}};

  model::Sample start;
  model::Sample later;
  later.time = 5 * kMinute;
  later.placed = 3;
  later.delivered = 1;
  later.on_time = 1;
  later.rejected = 1;
  later.in_flight = 1;
  later.pick_queue = 2;
  later.riders_idle = 1;
  later.riders_busy = 1;
  r.samples = {start, later};
  return r;
}

// A chilled or frozen line's trace: out of the unit at `from` (at `start_c`), 3 min on the
// counter at 20 °C, then in a box at `box_c` until `door`, where it is delivered. Each point's
// temperature follows from the one before, as the model records them.
inline model::ThermalTrace cold_trace(std::uint32_t order, std::uint32_t temp_class, double start_c,
                                      double box_c, sim::Time from, sim::Time door) {
  model::ThermalTrace t;
  t.order = order;
  t.temp_class = temp_class;
  const sim::Time boxed = from + 3 * sim::kMinute;
  t.points.push_back({from, start_c, 20, 600});
  const double at_box = model::temperature_after(start_c, 20, 600, boxed - from);
  t.points.push_back({boxed, at_box, box_c, 1800});
  const double at_door = model::temperature_after(at_box, box_c, 1800, door - boxed);
  t.points.push_back({door, at_door, 20, 600});
  return t;
}

// Six delivered orders (ids 100-105) by drone and rider with a cold chain, one hub with two
// drones, two sensors and stock in two stores. The cold lines' minutes out of range are 2, 9, 5,
// 0, 7 and 12, so 103 is the best and 105 the worst.
inline model::RunResult operations_run() {
  using sim::kHour, sim::kMinute, sim::kSecond;
  model::RunResult r;
  r.start_tod = 10 * kHour;
  r.duration = 2 * kHour;
  r.promise = 30 * kMinute;
  r.end_time = 2 * kHour;
  r.temp_classes = {"chilled", "frozen"};
  r.class_ranges = {{0, 4}, {-25, -18}};

  model::StoreRecord s1;
  s1.id = "s1";
  s1.location = kOrigin;
  s1.orders = 6;
  s1.stock = {{"dairy", 2, 1, 4, 0}, {"frozen, ice", 0, 1, 7, 3}};
  model::StoreRecord s2;
  s2.id = "s2";
  s2.location = {48.851, 2.351};
  s2.stock = {{"dairy", 1, 0, 2, 1}};
  r.stores = {s1, s2};

  r.hubs = {{"hub-north", {48.852, 2.352}, 0}};
  r.drones = {{0, 0, 2, 1, 1, 5432.1, 123.456, 1800500, 1, 0},
              {1, 0, 1, 1, 0, 1000, 40, 600000, 0, 1}};

  const double outside_min[] = {2, 9, 5, 0, 7, 12};
  for (std::uint32_t i = 0; i < 6; ++i) {
    model::OrderRecord o;
    o.id = 100 + i;
    o.store = 0;
    o.rider = i < 2 ? -1 : 0;
    o.location = kOrigin;
    o.status = model::OrderStatus::delivered;
    o.placed = i * 10 * kMinute;
    o.packed = o.placed + 4 * kMinute;
    o.picked_up = o.placed + 5 * kMinute;
    o.delivered = o.placed + 20 * kMinute;
    o.distance_m = 800;
    o.mode = i < 2 ? model::Mode::drone : model::Mode::rider;
    o.drone = i < 2 ? static_cast<std::int32_t>(i) : -1;
    o.weight_kg = 1.25 * (i + 1);
    o.energy_wh = i < 2 ? 20.5 + 10 * i : 0;
    o.cost = i < 2 ? 5 : 15;
    const std::uint32_t temp_class = i == 5 ? 1 : 0;
    model::ColdLine line;
    line.temp_class = temp_class;
    line.items = 1;
    line.outside = static_cast<sim::Time>(outside_min[i] * kMinute);
    line.spoiled = i == 1 || i == 5;
    o.spoiled = line.spoiled;
    o.cold = {line};
    r.orders.push_back(o);
    r.traces.push_back(temp_class == 0 ? cold_trace(o.id, 0, 3, 6 + i, o.packed, o.delivered)
                                       : cold_trace(o.id, 1, -20, -12, o.packed, o.delivered));
  }
  r.orders[2].items_missing = 1;
  r.orders[4].items_substituted = 2;
  r.orders[4].forwarded = 1;
  r.orders[0].flights_aborted = 1;
  r.orders_forwarded = 1;

  r.sensors = {{"store/s1/chilled", 0}, {"drone/0/frozen", 1}};
  using Flag = model::SensorReading::Flag;
  r.readings = {{65 * kSecond, 0, 3.456, Flag::reading},
                {125500, 1, -17.5, Flag::alert},
                {kHour + 2 * kMinute + 3 * kSecond, 1, -19.004, Flag::cleared}};
  r.alerts = 1;
  r.rider_cost = 60;
  r.drone_cost = 10;

  r.hours = {{3, 2, 2, kHour, 0.5 * kHour}, {3, 4, 4, kHour, 0.5 * kHour}};
  for (int i = 0; i <= 24; ++i) {
    model::Sample s;
    s.time = i * 5 * kMinute;
    s.drones_airborne = static_cast<std::uint32_t>(i % 3);
    s.drones_grounded = i >= 10 && i < 14 ? 1 : 0;  // 10:50 to 11:10
    r.samples.push_back(s);
  }
  model::RiderRecord rider;
  rider.vehicle = "ebike";
  rider.on_shift = 2 * kHour;
  rider.busy = kHour;
  rider.distance_m = 6000;
  rider.deliveries = 4;
  r.riders = {rider};
  return r;
}

}  // namespace output::testing
