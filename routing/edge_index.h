// A spatial index of a road network's directed edges for locating a point on the roads: which
// edges pass within a radius of a GPS position, and where on each the position projects. A
// Boost.Geometry R-tree over the edges' straight segments in a local plane (equirectangular about
// the network's centre, metres: exact enough within a city, 0.1% at 50 km).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "routing/geo.h"
#include "routing/road_network.h"

namespace routing {

// Where a position lies on a directed edge.
struct EdgePoint {
  std::uint32_t arc = 0;  // edge index in RoadNetwork::graph()
  double offset_m = 0;    // from the edge's tail along it, in [0, length of its segment]
  double distance_m = 0;  // from the position to `point`
  LatLon point;           // the projection of the position on the edge
};

class EdgeIndex {
 public:
  // Indexes the edges of `net` open to any of `modes` (ModeMask); `net` must outlive the index.
  EdgeIndex(const RoadNetwork& net, ModeMask modes);
  ~EdgeIndex();
  EdgeIndex(EdgeIndex&&) noexcept;

  // The edges within `radius_m` of `p`, nearest first, at most `max_edges` of them (ties broken
  // by edge index). Each edge of a two-way street comes once per direction.
  std::vector<EdgePoint> near(LatLon p, double radius_m, std::size_t max_edges) const;

  // The straight length of an edge's segment, metres (the offsets' scale; the edge's routing
  // length may differ slightly where the importer summed a curved way).
  double segment_length_m(std::uint32_t arc) const;
  const RoadNetwork& network() const { return *net_; }

 private:
  struct Impl;
  const RoadNetwork* net_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace routing
