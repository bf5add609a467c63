// What the twin's map shows that does not move, from the scenario: drone no-fly zones and drop
// points (lockers, landing pads), and for the stats panel the drones' flying weather (grounded by
// the hourly wind or rain above the limits, or by a storm).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/model/twin_state.h"
#include "sim/model/weather.h"
#include "sim/model/world_config.h"

namespace viz {

struct MapLayers {
  std::vector<std::vector<routing::LatLon>> no_fly;  // each zone's corners
  std::vector<model::TwinState::Place> drop_points;
  bool drones = false;
  sim::Time start_tod = 0;
  model::Weather weather;
  model::FlightLimits limits;
  std::vector<model::Storm> storms;            // those that ground drones, scenario times
  std::optional<model::FlightWeather> flight;  // from the four above, when there are drones
};

MapLayers map_layers(const model::WorldConfig& config);

// The stats panel's line on the drones at scenario time `t`: "drones flying (grounded next
// 16:00-18:00)" or "drones GROUNDED until 18:00: wind 14 m/s (limit 12)" or "... storm"; empty
// for a scenario without drones.
std::string drone_weather_line(const MapLayers& layers, sim::Time t);

}  // namespace viz
