// Likely mistakes in a scenario that still runs, found against its road network: what
// `halfhour validate` prints about where the map's roads and the stores' customers are, and the
// warnings every command shows (stderr, kpis.json, the report). An error stops a run; these
// only make sure nothing goes wrong silently. Files are named without their folder, so that the
// warnings (in kpis.json) are the same wherever the scenario is run from.
#pragma once

#include <string>
#include <vector>

#include "routing/road_network.h"
#include "scenarios/scenario.h"

namespace scenarios {

// The customers sampled for the estimate: the generated demand's own draw (hotspots and
// background by their weights, over the scenario's demand area) from a stream of fixed seed, so
// the estimate is the same on every call; a trace's rows are taken as they are.
inline constexpr int kDemandSample = 4000;
inline constexpr std::uint64_t kDemandSampleSeed = 20261130;

// Above this share of demand outside every store's radius or unreachable, a warning.
inline constexpr double kMaxLostDemandShare = 0.05;
// Stores closer than this to each other are likely one store written twice.
inline constexpr double kMinStoreSpacingM = 100;

struct StoreCoverage {
  std::string id;
  double road_m = 0;        // straight line from the store to its nearest street node
  double demand_share = 0;  // of the sampled customers, those within the store's radius
};

struct MapReport {
  routing::LatLon south_west, north_east;  // the road network's extent (its nodes' bounding box)
  std::vector<StoreCoverage> stores;
  int customers = 0;         // sampled (or the trace's rows)
  double out_of_radius = 0;  // share outside every store's radius
  double unreachable = 0;    // share within one but on a street cut off from the main network
};

// The map's extent and, from the sampled demand, how much of it each store covers.
MapReport map_report(const Scenario& s, const routing::RoadNetwork& net);

// Warnings about the scenario on its map: a hotspot or trace point outside the map's extent, a
// rider shift entirely outside the simulated window, stores within kMinStoreSpacingM of each
// other, and, with `report`, more than kMaxLostDemandShare of the sampled demand outside every
// radius or unreachable. Each is one line of text.
std::vector<std::string> map_warnings(const Scenario& s, const routing::RoadNetwork& net,
                                      const MapReport* report = nullptr);

}  // namespace scenarios
