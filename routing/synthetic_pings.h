// Synthetic GPS traces of riders with their ground truth, for measuring map matching and for
// feeding a twin without a real operation: rides along shortest bicycle paths between random
// nodes of the main part, at a constant speed per ride, pinged at random intervals, each ping
// displaced by isotropic Gaussian noise (standard deviation sigma_m in north and in east).
#pragma once

#include <cstdint>
#include <vector>

#include "routing/geo.h"
#include "routing/road_network.h"

namespace routing {

struct SyntheticPing {
  double time_s = 0;      // since the ride's start
  std::uint32_t arc = 0;  // the edge the rider is on
  LatLon truth;           // where the rider is
  LatLon reported;        // what the phone says
};

struct SyntheticRide {
  std::vector<SyntheticPing> pings;
  std::vector<std::uint32_t> path;  // edges ridden, in order, from the first ping's to the last's
};

struct SyntheticPingSpec {
  int rides = 10;
  double sigma_m = 10;
  double min_speed_mps = 3, max_speed_mps = 7;  // e-bike in town
  int min_gap_s = 1, max_gap_s = 5;             // between pings, whole seconds, uniform
  double min_length_m = 500;                    // shorter rides are drawn again
  std::uint64_t seed = 1;
};

// Deterministic for a spec. Throws std::invalid_argument if the main part has fewer than 2 nodes
// or no ride of min_length_m is found in 1000 tries per ride.
std::vector<SyntheticRide> synthetic_rides(const RoadNetwork& net, const SyntheticPingSpec& spec);

// The bicycle edge u -> v, the shortest if several; UINT32_MAX if none.
std::uint32_t bicycle_arc(const RoadNetwork& net, NodeId u, NodeId v);

}  // namespace routing
