#include "sim/model/drones.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "sim/model/cold_chain.h"
#include "sim/model/drone_energy.h"
#include "sim/model/incidents.h"
#include "sim/model/model_events.h"
#include "sim/model/picking.h"
#include "sim/model/store_context.h"

namespace model {

namespace {

// A drone back at its hub with less than this share of its battery takes a charged spare.
constexpr double kSwapBelow = 0.5;

sim::Time travel_ms(double distance_m, double speed_mps) {
  return static_cast<sim::Time>(std::llround(distance_m / speed_mps * 1000.0));
}

double drone_charge(const WorldSetup& w, const Drone& drone, sim::Time t);
void release_to_riders(StoreContext& s, Drone& drone);
void fly_home(StoreContext& s, Drone& drone, sim::Time from, double distance_m);
void drone_home(StoreContext& s, Drone& drone);

}  // namespace

routing::LatLon drone_position(const Drone& d, sim::Time t) {
  if (t >= d.fly_arrive) return d.fly_to;
  if (t <= d.fly_depart) return d.fly_from;
  const double f =
      static_cast<double>(t - d.fly_depart) / static_cast<double>(d.fly_arrive - d.fly_depart);
  return {d.fly_from.lat + f * (d.fly_to.lat - d.fly_from.lat),
          d.fly_from.lon + f * (d.fly_to.lon - d.fly_from.lon)};
}

namespace {

double drone_charge(const WorldSetup& w, const Drone& drone, sim::Time t) {
  if (drone.charge_since < 0) return drone.charge_wh;
  const HubConfig& h = w.config.drones.hubs[drone.hub];
  const double rate =
      h.spec.battery_wh / static_cast<double>(std::max<sim::Time>(1, h.recharge_time));
  return std::min(h.spec.battery_wh,
                  drone.charge_wh + rate * static_cast<double>(t - drone.charge_since));
}

}  // namespace

void assign_drones(StoreContext& s) {
  const sim::Time now = s.now();
  auto& unassigned = s.store.orders.unassigned;
  const DroneConfig& dc = s.config().drones;
  const CostConfig& costs = s.config().costs;
  if (!s.world.flight_weather->flyable(now)) return;
  auto& riders = s.state.riders;
  auto& orders = s.state.orders;
  // When a rider of the store could set off, for the comparison.
  sim::Time rider_free = sim::kNever;
  std::uint32_t rider_travel = 0;
  for (std::uint32_t id : s.store.fleet.idle)
    if (riders[id].shift_end > now) {
      rider_free = now, rider_travel = riders[id].travel;
      break;
    }
  if (rider_free == sim::kNever)
    for (std::uint32_t id : s.store.fleet.riders) {
      const Rider& r = riders[id];
      if (r.shift_end > now && r.store == s.index && r.plan.empty() && r.onboard.empty() &&
          (r.state == RiderState::returning || r.state == RiderState::to_store) &&
          r.arrive < rider_free)
        rider_free = r.arrive, rider_travel = r.travel;
    }
  std::vector<std::uint32_t> taken;
  for (std::uint32_t id : std::vector<std::uint32_t>(unassigned.begin(), unassigned.end())) {
    OrderRecord& o = orders[id];
    // The idle drone of a working hub with the most charge.
    Drone* best = nullptr;
    const Hub* best_hub = nullptr;
    double charge = 0;
    for (const Hub& hub : s.store.drones.hubs) {
      if (hub_down(s.config(), hub.cfg, now)) continue;
      for (std::uint32_t d : hub.drones) {
        Drone& drone = s.state.drones[d];
        if (drone.state != DroneState::idle) continue;
        const double c = drone_charge(s.world, drone, now);
        if (!best || c > charge) best = &drone, best_hub = &hub, charge = c;
      }
    }
    if (!best) break;
    const HubConfig& h = dc.hubs[best_hub->cfg];
    if (o.weight_kg > h.spec.max_payload_kg || s.state.litres[id] > h.max_litres) continue;
    routing::LatLon dest = o.location;
    sim::Time walk = 0;
    if (!h.to_door) {
      double nearest = h.max_walk_m;
      bool found = false;
      for (const DropPoint& p : dc.drop_points) {
        const double d = routing::haversine_m(p.location, o.location);
        if (d <= nearest) nearest = d, dest = p.location, found = true;
      }
      if (!found) continue;
      walk = travel_ms(nearest, dc.walk_kmh / 3.6);
    }
    const double out = s.world.airspace->flight_m(s.site.cfg.location, dest);
    const double back = s.world.airspace->flight_m(dest, h.location);
    if (out == routing::Airspace::kNoFlight || back == routing::Airspace::kNoFlight) continue;
    const sim::Time hover = h.takeoff + h.landing;
    const double to_store_wh =
        best_hub->to_store_m > 0 ? leg_energy_wh(h.spec, 0, best_hub->to_store_m, hover) : 0;
    const double need = to_store_wh + leg_energy_wh(h.spec, o.weight_kg, out, hover) +
                        leg_energy_wh(h.spec, 0, back, hover);
    if (need > charge - h.spec.reserve_share * h.spec.battery_wh) continue;
    auto fly = [&](double m) { return travel_ms(m, h.spec.cruise_mps); };
    const sim::Time at_store =
        best_hub->to_store_m > 0 ? now + hover + fly(best_hub->to_store_m) : now;
    const sim::Time ready = ready_estimate(s, o, now);
    const sim::Time drone_eta = std::max(at_store, ready) + hover + fly(out) + walk;
    bool choose = false;
    if (dc.mode == ModePolicy::share) {
      choose = s.store.drones.drone_decisions < dc.share_target * s.store.orders.accepted;
    } else {
      sim::Time rider_eta = sim::kNever;
      double ride_m = 0;
      if (rider_free != sim::kNever) {
        const sim::Time go = std::max(rider_free, ready);
        const auto t = s.routes.trip(rider_travel, s.site.node, o.customer, go);
        if (t.duration_ms >= 0) {
          rider_eta = go + t.duration_ms;
          ride_m = s.routes.trip_length(rider_travel, t.level, s.site.node, o.customer);
        }
      }
      if (dc.mode == ModePolicy::earliest) {
        choose = drone_eta <= rider_eta;
      } else {
        const double flown_km = (best_hub->to_store_m + out + back) / 1000;
        const double airborne_h =
            static_cast<double>(3 * hover + fly(best_hub->to_store_m + out + back)) / sim::kHour;
        const double drone_cost = costs.drone_per_km * flown_km + costs.drone_per_hour * airborne_h;
        const double ride_h =
            rider_eta == sim::kNever ? 0 : 2.0 * static_cast<double>(rider_eta - now) / sim::kHour;
        const double rider_cost =
            costs.rider_per_km * 2 * ride_m / 1000 + costs.rider_per_hour * ride_h;
        const sim::Time deadline = o.placed + s.config().promise;
        choose = (drone_cost <= rider_cost && drone_eta <= deadline) ||
                 (rider_eta > deadline && drone_eta < rider_eta);
      }
    }
    if (!choose) continue;
    ++s.store.drones.drone_decisions;
    o.mode = Mode::drone;
    o.drone = static_cast<std::int32_t>(best->id);
    o.assigned = now;
    taken.push_back(id);
    best->charge_wh = charge;
    best->charge_since = -1;
    best->order = static_cast<std::int32_t>(id);
    best->dest = dest;
    best->walk = walk;
    best->to_store_m = best_hub->to_store_m;
    best->out_m = out;
    best->back_m = back;
    o.energy_wh = 0;
    if (best->to_store_m > 0) {
      best->state = DroneState::to_store;
      best->charge_wh -= to_store_wh;
      o.energy_wh += to_store_wh;
      best->record.energy_wh += to_store_wh;
      best->record.distance_m += best->to_store_m;
      best->record.airborne += hover + fly(best->to_store_m);
      best->fly_from = h.location;
      best->fly_to = s.site.cfg.location;
      best->fly_depart = now;
      best->fly_arrive = now + hover + fly(best->to_store_m);
      s.ctx.schedule(best->fly_arrive, {kDrone, best->id, kAtStore}, kPriorityMovement);
    } else {
      best->state = DroneState::waiting;
    }
  }
  for (std::uint32_t id : taken) {
    unassigned.erase(std::find(unassigned.begin(), unassigned.end(), id));
    Drone& drone = s.state.drones[orders[id].drone];
    if (drone.state == DroneState::waiting && orders[id].packed != sim::kNever) take_off(s, drone);
  }
}

// With the goods packed and the drone at the store: off it goes, unless the weather or its hub
// keeps it down, in which case the order goes back to the riders.
void take_off(StoreContext& s, Drone& drone) {
  const sim::Time now = s.now();
  const HubConfig& h = s.config().drones.hubs[drone.hub];
  if (!s.world.flight_weather->flyable(now) || hub_down(s.config(), drone.hub, now)) {
    release_to_riders(s, drone);
    return;
  }
  OrderRecord& order = s.state.orders[drone.order];
  order.picked_up = now;
  place_goods(s, order.id, Goods::Place::carried, now, static_cast<std::int32_t>(drone.hub));
  const sim::Time hover = h.takeoff + h.landing;
  drone.planned_wh = leg_energy_wh(h.spec, order.weight_kg, drone.out_m, hover) +
                     leg_energy_wh(h.spec, 0, drone.back_m, hover);
  drone.charge_wh -= drone.planned_wh;
  drone.state = DroneState::delivering;
  ++drone.record.flights;
  drone.cruise_from = now + h.takeoff;
  const sim::Time drop = drone.cruise_from + travel_ms(drone.out_m, h.spec.cruise_mps) + h.landing;
  drone.fly_from = s.site.cfg.location;
  drone.fly_to = drone.dest;
  drone.fly_depart = now;
  drone.fly_arrive = drop;
  const sim::Time grounding = s.world.flight_weather->next_grounding(now);
  if (grounding < drop)
    s.ctx.schedule(grounding, {kDrone, drone.id, kAbort}, kPriorityMovement);
  else
    s.ctx.schedule(drop, {kDrone, drone.id, kDropped}, kPriorityMovement);
}

namespace {

void release_to_riders(StoreContext& s, Drone& drone) {
  const sim::Time now = s.now();
  OrderRecord& order = s.state.orders[drone.order];
  order.mode = Mode::rider;
  order.drone = -1;
  order.assigned = sim::kNever;
  order.picked_up = sim::kNever;
  order.energy_wh = 0;
  --s.store.drones.drone_decisions;
  auto& unassigned = s.store.orders.unassigned;
  auto at = std::find_if(unassigned.begin(), unassigned.end(), [&](std::uint32_t id) {
    const OrderRecord& o = s.state.orders[id];
    return std::tie(o.placed, o.id) > std::tie(order.placed, order.id);
  });
  unassigned.insert(at, order.id);
  request_dispatch(s);
  drone.order = -1;
  if (drone.to_store_m > 0)
    fly_home(s, drone, s.world.flight_weather->next_flyable(now), drone.to_store_m);
  else
    drone_home(s, drone);
}

}  // namespace

namespace {

// Takes off for the hub at `from` (sim::kNever: stays where it is) on a flight of `distance_m`.
void fly_home(StoreContext& s, Drone& drone, sim::Time from, double distance_m) {
  drone.state = DroneState::returning;
  if (from == sim::kNever) return;
  const HubConfig& h = s.config().drones.hubs[drone.hub];
  const sim::Time duration = h.takeoff + travel_ms(distance_m, h.spec.cruise_mps) + h.landing;
  drone.record.distance_m += distance_m;
  drone.record.airborne += duration;
  drone.fly_from = drone.fly_to;
  drone.fly_to = h.location;
  drone.fly_depart = from;
  drone.fly_arrive = from + duration;
  s.ctx.schedule(from + duration, {kDrone, drone.id, kHome}, kPriorityMovement);
}

}  // namespace

namespace {

// Back at the hub: a low battery is swapped for a charged spare if there is one; otherwise the
// drone charges where it stands and may fly again on what it has.
void drone_home(StoreContext& s, Drone& drone) {
  const sim::Time now = s.now();
  const HubConfig& h = s.config().drones.hubs[drone.hub];
  drone.order = -1;
  const double cap = h.spec.battery_wh;
  if (drone.charge_wh < kSwapBelow * cap) {
    for (Hub& hub : s.store.drones.hubs) {
      if (hub.cfg != drone.hub) continue;
      auto spare = std::min_element(hub.spares_ready.begin(), hub.spares_ready.end());
      if (spare == hub.spares_ready.end() || *spare > now) break;
      *spare = now + h.swap_time +
               static_cast<sim::Time>(static_cast<double>(h.recharge_time) *
                                      (1 - std::max(0.0, drone.charge_wh) / cap));
      drone.state = DroneState::swapping;
      ++drone.record.swaps;
      s.ctx.schedule(now + h.swap_time, {kDrone, drone.id, kSwapDone}, kPriorityMovement);
      return;
    }
  }
  if (drone.charge_wh < cap) {
    drone.charge_since = now;
    ++drone.record.recharges;
  }
  drone.state = DroneState::idle;
  request_dispatch(s);
}

}  // namespace

void on_drone(StoreContext& s, std::uint32_t drone_id, std::uint32_t phase) {
  const sim::Time now = s.now();
  Drone& drone = s.state.drones[drone_id];
  const HubConfig& h = s.config().drones.hubs[drone.hub];
  const CostConfig& costs = s.config().costs;
  switch (phase) {
    case kAtStore: {
      drone.state = DroneState::waiting;
      if (s.state.orders[drone.order].packed != sim::kNever) take_off(s, drone);
      break;
    }
    case kDropped: {
      OrderRecord& order = s.state.orders[drone.order];
      const sim::Time hover = h.takeoff + h.landing;
      const double flown_m = drone.to_store_m + drone.out_m + drone.back_m;
      order.energy_wh += drone.planned_wh;
      order.cost = costs.drone_per_km * flown_m / 1000 +
                   costs.drone_per_hour *
                       static_cast<double>((drone.to_store_m > 0 ? 3 : 2) * hover +
                                           travel_ms(flown_m, h.spec.cruise_mps)) /
                       sim::kHour;
      drone.record.energy_wh += drone.planned_wh;
      drone.record.distance_m += drone.out_m;
      drone.record.airborne += now - (drone.cruise_from - h.takeoff);
      ++drone.record.deliveries;
      order.at_door = now;
      deliver(s, order.id, now + drone.walk);
      fly_home(s, drone, now, drone.back_m);
      check_finished(s.state, s.store, now);
      break;
    }
    case kAbort: {
      // Turned back where it is: as far back as it came, carrying the goods.
      OrderRecord& order = s.state.orders[drone.order];
      const double covered = std::min(drone.out_m, std::max<sim::Time>(0, now - drone.cruise_from) *
                                                       h.spec.cruise_mps / 1000.0);
      const double used =
          leg_energy_wh(h.spec, order.weight_kg, 2 * covered, h.takeoff + h.landing);
      drone.charge_wh += drone.planned_wh - used;
      drone.record.energy_wh += used;
      drone.record.distance_m += 2 * covered;
      const sim::Time back = travel_ms(covered, h.spec.cruise_mps) + h.landing;
      drone.record.airborne += now - (drone.cruise_from - h.takeoff) + back;
      ++drone.record.aborted;
      ++order.flights_aborted;
      drone.state = DroneState::returning;
      drone.fly_from = drone_position(drone, now);
      drone.fly_to = s.site.cfg.location;
      drone.fly_depart = now;
      drone.fly_arrive = now + back;
      s.ctx.schedule(now + back, {kDrone, drone.id, kAborted}, kPriorityMovement);
      break;
    }
    case kAborted: {
      place_goods(s, static_cast<std::uint32_t>(drone.order), Goods::Place::staged, now);
      release_to_riders(s, drone);
      break;
    }
    case kHome:
      drone_home(s, drone);
      break;
    case kSwapDone:
      drone.charge_wh = h.spec.battery_wh;
      drone.charge_since = -1;
      drone.state = DroneState::idle;
      request_dispatch(s);
      break;
    default:
      assert(false && "unknown drone phase");
  }
}

}  // namespace model
