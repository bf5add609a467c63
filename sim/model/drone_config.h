// Delivery drones: hubs with their fleets and batteries, drop points (lockers and landing pads),
// no-fly zones, the weather that grounds them, and how dispatch chooses between drone and rider.
#pragma once

#include <string>
#include <vector>

#include "routing/airspace.h"
#include "routing/geo.h"
#include "sim/engine/time.h"
#include "sim/model/cold_chain_config.h"
#include "sim/model/drone_energy.h"
#include "sim/model/weather.h"

namespace model {

struct DropPoint {
  std::string id;
  routing::LatLon location;
};

// A drone hub serves one store: its drones fly from the hub to the store for the goods (no
// flight when the hub is at the store), on to the customer or a drop point, and back.
struct HubConfig {
  std::string id;
  std::size_t store = 0;
  routing::LatLon location;
  int drones = 2;
  int spare_batteries = 2;
  sim::Time swap_time = 2 * sim::kMinute;
  sim::Time recharge_time = 1 * sim::kHour;  // empty to full, for a drone's or a spare battery
  sim::Time takeoff = 30 * sim::kSecond;     // each take-off, climbing included
  sim::Time landing = 45 * sim::kSecond;     // each landing or lowering at the drop
  double max_litres = 8;                     // the pod's volume
  DroneSpec spec;
  Enclosure pod;
  bool to_door = false;     // lower the parcel at the customer's door, else at a drop point
  double max_walk_m = 400;  // from the drop point to the customer
};

enum class ModePolicy { earliest, cost, share };
const char* to_string(ModePolicy m);

struct DroneConfig {
  std::vector<HubConfig> hubs;
  std::vector<DropPoint> drop_points;
  std::vector<routing::NoFlyZone> no_fly;
  Weather weather;
  FlightLimits limits;
  ModePolicy mode = ModePolicy::earliest;
  double share_target = 0.3;  // for ModePolicy::share: drone deliveries / orders dispatched
  double walk_kmh = 5;        // the customer's walk from a drop point
};

// Cost of a delivery by mode: per km driven or flown and per hour on shift or in service.
struct CostConfig {
  double rider_per_km = 0.05;
  double rider_per_hour = 15;
  double drone_per_km = 0.1;
  double drone_per_hour = 5;
};

}  // namespace model
