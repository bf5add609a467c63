// Import of OpenStreetMap road networks with libosmium: `.osm.pbf`, `.osm`, `.osm.gz`, `.osm.bz2`,
// including files from map editors (negative ids). Keeps drivable highway classes (motorway ..
// living_street, their links, service, and `road` as unclassified) that are not areas and are
// open to at least one transport mode, each directed edge carrying the modes that may ride it,
// with its speed limit per direction (tags read as osm_tags.h says), or a default per class.
// The largest strongly connected component is the main part (every node reaches every other);
// parts with no road to it are kept after it as detached parts (RoadNetwork), nodes joined to it
// by one-way roads only are dropped. The network's report() says what was kept and what was left
// out and why: segments with a node missing from the file or without valid coordinates, ways
// closed to every mode, reversible ways, speed limits not understood.
#pragma once

#include <string>
#include <string_view>

#include "routing/road_network.h"

namespace routing {

struct OsmImportStats {
  std::size_t ways_used = 0;
  std::size_t nodes_before_scc = 0;
};

// Throws MapError if the file is missing, unreadable, corrupt or holds no drivable road (saying
// what was skipped).
RoadNetwork import_osm(const std::string& path, OsmImportStats* stats = nullptr);

// The same import from uncompressed OSM XML text in memory (a map built by a test or a tool, a
// fuzzer's input); `name` stands for the file in MapError messages. Same errors as import_osm.
RoadNetwork import_osm_xml(std::string_view xml, const std::string& name,
                           OsmImportStats* stats = nullptr);

// Default free-flow speed for a class when a way has no usable maxspeed.
float default_speed_kmh(RoadClass c);

}  // namespace routing
