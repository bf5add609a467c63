// Import of DIMACS road graphs: the 9th Implementation Challenge's `.gr` (`p sp N M`, arcs
// `a u v w`, weights read as metres) with its `.co` coordinates (`v id lon lat` in millionths of a
// degree) when a file of that name sits beside it, and the PACE 2016 variant (`p tw N M`, one
// undirected edge `u v` per line, no weights: each edge gets a deterministic length hashed from
// its ends, uniform in 200-2000 m). Plain or xz-compressed (`.xz`). Without coordinates every node
// sits at 0,0, which routing does not need. Keeps the largest strongly connected component.
#pragma once

#include <string>

#include "routing/road_network.h"

namespace routing {

struct DimacsImportStats {
  std::size_t nodes = 0;  // as declared in the file
  std::size_t arcs = 0;   // directed arcs read (two per PACE edge)
  bool coordinates = false;
};

// Speed given to every arc; DIMACS graphs carry no road classes (they import as unclassified).
inline constexpr float kDimacsSpeedKmh = 36;

// The length the PACE importer gives edge {u, v} (1-based ids as in the file).
float pace_edge_length_m(std::uint32_t u, std::uint32_t v);

// Throws MapError (with the line) on a missing or malformed file.
RoadNetwork import_dimacs(const std::string& path, DimacsImportStats* stats = nullptr);

}  // namespace routing
