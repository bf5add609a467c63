// A spatial index of a road network's directed edges for locating a point on the roads: which
// edges pass within a radius of a GPS position, and where on each the position projects. A
// Boost.Geometry R-tree over the edges' straight segments in a local plane (equirectangular about
// the network's centre, metres: exact enough within a city, 0.1% at 50 km).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
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
  // length may differ slightly where the importer summed a curved way); 0 for an arc not indexed.
  double segment_length_m(std::uint32_t arc) const { return segment_length_[arc]; }
  const RoadNetwork& network() const { return *net_; }

  // The network's arcs as a compact forward star, for searches over a few hundred metres that
  // run many times per ping (map matching): the same arcs as RoadNetwork::graph(), in its
  // out-edge order, without its per-edge indirections.
  struct OutArc {
    NodeId head;
    std::uint32_t arc;
    float length_m;
    ModeMask modes;
  };
  std::span<const OutArc> out_arcs(NodeId v) const {
    return {out_arcs_.data() + first_out_[v], out_arcs_.data() + first_out_[v + 1]};
  }
  NodeId arc_tail(std::uint32_t arc) const { return arc_tail_[arc]; }
  // The edge's heading from its tail to its head, radians from north towards east, in
  // (-pi, pi] (equirectangular at the tail's latitude).
  double heading_rad(std::uint32_t arc) const { return heading_[arc]; }
  NodeId arc_head(std::uint32_t arc) const { return arc_head_[arc]; }

 private:
  struct Impl;
  const RoadNetwork* net_;
  std::unique_ptr<Impl> impl_;
  std::vector<double> segment_length_;    // by arc
  std::vector<std::uint32_t> first_out_;  // by node, and one past the last
  std::vector<OutArc> out_arcs_;
  std::vector<NodeId> arc_tail_, arc_head_;
  std::vector<double> heading_;
};

}  // namespace routing
