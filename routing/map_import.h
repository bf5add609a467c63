// Opens a road map by its file name: OpenStreetMap (`.osm.pbf`, `.osm`, `.osm.gz`, `.osm.bz2`)
// or DIMACS (`.gr`, `.gr.xz`).
#pragma once

#include <string>

#include "routing/road_network.h"

namespace routing {

bool is_dimacs_path(const std::string& path);
// Throws MapError on an unknown extension or a bad file.
RoadNetwork import_map(const std::string& path);

}  // namespace routing
