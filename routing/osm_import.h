// Import of OpenStreetMap road networks with libosmium: `.osm.pbf`, `.osm`, `.osm.gz`, `.osm.bz2`.
// Keeps drivable highway classes (motorway .. living_street, their links, service, and `road` as
// unclassified) that are open to cars (the most specific of motorcar, motor_vehicle, vehicle and
// access is not "no" or "private") and not areas, honours one-way tags (oneway=yes/1/true/-1/
// reversible, implied on motorways and roundabouts), takes `maxspeed` when present (km/h or mph)
// or a default per class, and keeps the largest strongly connected component so every kept node
// can reach every other.
#pragma once

#include <string>

#include "routing/road_network.h"

namespace routing {

struct OsmImportStats {
  std::size_t ways_used = 0;
  std::size_t nodes_before_scc = 0;
};

// Throws MapError if the file is missing, unreadable, corrupt or holds no drivable road.
RoadNetwork import_osm(const std::string& path, OsmImportStats* stats = nullptr);

// Default free-flow speed for a class when a way has no usable maxspeed.
float default_speed_kmh(RoadClass c);

}  // namespace routing
