// What a run never changes once built: the validated configuration, the road network, travel
// times by vehicle profile, each store's zone and cold units, the rides between stores, the
// drones' airspace and weather, the sensors' names. Built once by World and shared read-only by
// every fork of it (sim/model/world_state.h holds what changes).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "routing/airspace.h"
#include "routing/road_network.h"
#include "routing/travel_times.h"
#include "routing/zone_times.h"
#include "routing/zone_tree.h"
#include "sim/model/cold_unit.h"
#include "sim/model/run_result.h"
#include "sim/model/weather.h"
#include "sim/model/world_config.h"

namespace model {

struct StoreSetup {
  StoreConfig cfg;
  routing::NodeId node = routing::kNoNode;
  routing::ZoneTree out;   // from the store, within kZoneRoadFactor radii by road
  routing::ZoneTree back;  // to the store
  // Legs from and to the store for its customers (zone nodes within its radius), by
  // WorldSetup::level_slot: built for the vehicle profiles of its riders, empty for the others.
  std::vector<routing::ZoneTimes> legs_out, legs_back;
  std::vector<std::optional<ColdUnit>> units;  // by temperature class; empty: none
  std::vector<std::uint32_t> unit_classes;     // the classes with a unit, in the config's order
};

struct WorldSetup {
  WorldConfig config;
  std::shared_ptr<const routing::RoadNetwork> network;
  std::vector<std::unique_ptr<routing::TravelTimes>> travel;  // one per vehicle profile
  std::vector<std::uint32_t> group_travel;  // per rider group of the config: its profile
  // How many (profile, capacity) pairs the rider groups have: riders of one pair are equal for
  // dispatch when idle at their store.
  std::size_t rider_classes = 0;
  // The slot of (profile, level) in StoreSetup::legs_out/legs_back is
  // level_base[profile] + travel[profile]->metric_of(level): levels that share a hierarchy share
  // a table.
  std::vector<std::uint32_t> level_base;
  // By network node: the first store at that node, or -1.
  std::vector<std::int32_t> store_at_node;
  double routing_seconds = 0;  // building or loading the hierarchies
  std::vector<StoreSetup> stores;
  // For each store, the stores whose riders can reach it: (store, road metres to it), nearest
  // first; and per lender the ride's duration by each profile (in `travel` order) at each level.
  std::vector<std::vector<std::pair<std::uint32_t, double>>> lenders;
  std::vector<std::vector<std::vector<std::uint32_t>>> lender_ms;
  std::vector<std::uint32_t> cold_classes;  // the temperature classes with a range
  std::unique_ptr<FlightWeather> flight_weather;
  std::unique_ptr<routing::Airspace> airspace;
  std::vector<SensorInfo> sensor_info;
};

// A store's zone reaches this many times its radius along the road: customers inside the radius
// whose road distance is longer than that count as unreachable.
inline constexpr double kZoneRoadFactor = 3.0;

}  // namespace model
