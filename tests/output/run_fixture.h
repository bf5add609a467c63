// A small hand-built run for the output tests: four orders on a 3 x 3 grid with known timestamps
// (on time, late, rejected, still open), two riders, two stores and two hours.
#pragma once

#include "routing/grid.h"
#include "sim/model/run_result.h"

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
  on_time.packed = 182 * kSecond;
  on_time.picked_up = 242 * kSecond;
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

}  // namespace output::testing
