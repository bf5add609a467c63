// Drones: hubs with their fleets and spare batteries, the choice between a drone and a rider for
// each order, and each delivery flight's phases (to the store, out to the door or drop point,
// home), with the battery's energy (sim/model/drone_energy.h), swaps and recharges, and the
// weather that grounds them (sim/model/weather.h). Drones fly straight lines around no-fly zones.
#pragma once

#include <cstdint>
#include <vector>

#include "routing/geo.h"
#include "sim/engine/time.h"
#include "sim/model/run_result.h"

namespace model {

struct StoreContext;

enum class DroneState : std::uint8_t { idle, to_store, waiting, delivering, returning, swapping };

struct Drone {
  std::uint32_t id = 0;
  std::uint32_t hub = 0;  // index into WorldConfig::drones.hubs
  DroneState state = DroneState::idle;
  double charge_wh = 0;         // at charge_since
  sim::Time charge_since = -1;  // charging in place since then; -1: not charging
  std::int32_t order = -1;
  // The delivery under way: where it lowers the parcel, the customer's walk from there, and
  // the flights' lengths.
  routing::LatLon dest;
  sim::Time walk = 0;
  double to_store_m = 0, out_m = 0, back_m = 0;
  double planned_wh = 0;      // out and back, taken from the battery at take-off
  sim::Time cruise_from = 0;  // the outbound cruise started then
  double aborted_at_m = 0;    // how far out it turned back
  // The current (or last) flight, for its position; it is at fly_to after it.
  routing::LatLon fly_from, fly_to;
  sim::Time fly_depart = 0, fly_arrive = 0;
  DroneRecord record;
};

// A hub serving a store.
struct Hub {
  std::uint32_t cfg = 0;  // index into WorldConfig::drones.hubs
  double to_store_m = 0;  // flight from the hub to the store, 0 at the store
  std::vector<std::uint32_t> drones;
  std::vector<sim::Time> spares_ready;  // when each spare battery is charged
};

// The drone side of one store.
struct DroneHubsState {
  std::vector<Hub> hubs;
  std::uint32_t drone_decisions = 0;  // orders given to drones
};

// Gives unassigned orders to idle drones where the mode policy prefers them.
void assign_drones(StoreContext& s);
// With the goods packed and the drone at the store: off it goes, unless the weather or its hub
// keeps it down, in which case the order goes back to the riders.
void take_off(StoreContext& s, Drone& drone);
// A flight phase ends (`phase`: a DronePhase of the event).
void on_drone(StoreContext& s, std::uint32_t drone, std::uint32_t phase);
// Where the drone is at t, on its current or last flight.
routing::LatLon drone_position(const Drone& drone, sim::Time t);

}  // namespace model
