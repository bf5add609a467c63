// Incidents: the failures a scenario schedules (sim/model/incident.h) turned into what each part
// of the world sees: a storm's slower roads as a congestion window and, when it is beyond the
// drones' limits, as grounded hours; a fridge or freezer's down windows for its unit; a store's
// closed windows for its order book; a drone hub out of service. Plain functions of the
// configuration: incidents have no state of their own.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "sim/engine/time.h"
#include "sim/model/weather.h"
#include "sim/model/world_config.h"

namespace model {

using TimeWindow = std::pair<sim::Time, sim::Time>;  // [from, to) since the scenario start

// Adds a congestion window (all roads at the storm's speed factor) for every storm.
void add_storm_congestion(WorldConfig& config);
// The storms that ground drones: wind or rain above the drones' limits.
std::vector<Storm> grounding_storms(const WorldConfig& config);
// When the unit of `temp_class` at `store` is down, in the config's order.
std::vector<TimeWindow> unit_down_windows(const WorldConfig& config, std::size_t store,
                                          std::size_t temp_class);
// When `store` takes no orders.
std::vector<TimeWindow> store_closed_windows(const WorldConfig& config, std::size_t store);
// Whether `hub` is out of service at t.
bool hub_down(const WorldConfig& config, std::uint32_t hub, sim::Time t);

}  // namespace model
