// How a kind of vehicle uses the road network: which road classes it may take, which transport
// mode's access it follows (a road closed to its mode, or one-way against it, is not taken), and
// how fast it goes on each. On a road it rides at its own speed, capped by the road's free-flow
// speed times the congestion factor of the hour: a car crawls in rush hour, an e-bike at 18 km/h
// does not notice a primary road slowed from 50 to 30 km/h.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "routing/contraction_hierarchy.h"
#include "routing/road_network.h"

namespace routing {

struct VehicleProfile {
  std::string name;
  double speed_kmh = 18;
  std::array<bool, kRoadClassCount> allowed{};
  ModeMask mode = kModeCar;  // one bit: the edges it may use carry it
};

// The built-in profiles: car (every road, car access); scooter (no motorway, moped access); ebike
// and bicycle (no motorway, bicycle access: e-bikes are pedelecs); walking (no motorway nor trunk,
// foot access). nullopt for another name.
std::optional<VehicleProfile> vehicle_profile(std::string_view name, double speed_kmh);
std::vector<std::string> vehicle_profile_names();

// Metres per second on an edge for a congestion factor (1 = free flow); 0 when its class or its
// access does not allow the profile.
double edge_speed_mps(const EdgeProps& e, const VehicleProfile& p, double factor);

// The profile's metric over the network: one arc per allowed edge, weight in milliseconds,
// `arc` = the edge's index in network.graph().
std::vector<MetricArc> travel_time_metric(const RoadNetwork& network, const VehicleProfile& p,
                                          const std::array<float, kRoadClassCount>& factors);

}  // namespace routing
