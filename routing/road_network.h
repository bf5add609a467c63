// The road network: nodes with coordinates and directed edges with length, free-flow speed and
// road class, stored as a Boost.Graph compressed_sparse_row_graph (plus its reverse, for searches
// towards a target). Built once, then immutable and safe to share read-only across threads.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "routing/geo.h"

namespace routing {

using NodeId = std::uint32_t;
inline constexpr NodeId kNoNode = UINT32_MAX;

enum class RoadClass : std::uint8_t {
  motorway,
  trunk,
  primary,
  secondary,
  tertiary,
  unclassified,
  residential,
  service,
  living_street,
  grid,  // generated grids
};
inline constexpr std::size_t kRoadClassCount = 10;
const char* to_string(RoadClass c);

struct Arc {
  NodeId from = 0;
  NodeId to = 0;
  float length_m = 0;
  float speed_kmh = 0;
  RoadClass road_class = RoadClass::grid;
};

struct EdgeProps {
  float length_m = 0;
  float speed_kmh = 0;
  RoadClass road_class = RoadClass::grid;
};

using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, EdgeProps,
                                                 boost::no_property, NodeId, std::uint32_t>;

// A map that cannot be read or makes no usable network. `file` names it, `detail` says why.
class MapError : public std::runtime_error {
 public:
  MapError(std::string file, std::string detail)
      : std::runtime_error(file + ": " + detail),
        file_(std::move(file)),
        detail_(std::move(detail)) {}
  const std::string& file() const { return file_; }
  const std::string& detail() const { return detail_; }

 private:
  std::string file_;
  std::string detail_;
};

class RoadNetwork {
 public:
  // Builds the graph from arcs between the given nodes; arcs may come in any order.
  // Throws std::invalid_argument on an arc to a node that does not exist.
  RoadNetwork(std::vector<LatLon> nodes, const std::vector<Arc>& arcs);

  std::size_t node_count() const { return nodes_.size(); }
  std::size_t edge_count() const { return boost::num_edges(forward_); }
  LatLon position(NodeId n) const { return nodes_[n]; }
  const Graph& graph() const { return forward_; }
  const Graph& reverse_graph() const { return reverse_; }
  // The edge of graph() with index i (boost::edge_index), as routing metrics name arcs.
  NodeId arc_tail(std::uint32_t i) const { return arc_tail_[i]; }
  NodeId arc_head(std::uint32_t i) const { return boost::target(edge_at(i), forward_); }
  const EdgeProps& arc_props(std::uint32_t i) const { return forward_[edge_at(i)]; }

  // The node closest to p (great-circle), and its distance in metres; the lowest id among equally
  // close nodes. O(1) expected via a uniform bucket grid. Returns kNoNode (and an infinite
  // distance) on an empty network or a non-finite p.
  NodeId nearest_node(LatLon p, double* distance_m = nullptr) const;

  LatLon min_corner() const { return min_; }
  LatLon max_corner() const { return max_; }

 private:
  std::pair<int, int> bucket(LatLon p) const;
  Graph::edge_descriptor edge_at(std::uint32_t i) const { return {arc_tail_[i], i}; }

  std::vector<LatLon> nodes_;
  Graph forward_;
  Graph reverse_;
  std::vector<NodeId> arc_tail_;
  LatLon min_, max_;
  // Bucket grid for nearest_node.
  int bucket_rows_ = 1, bucket_cols_ = 1;
  double cell_lat_deg_ = 1, cell_lon_deg_ = 1;
  std::vector<std::uint32_t> bucket_start_;
  std::vector<NodeId> bucket_nodes_;
};

// Keeps only the largest strongly connected component (ties: the one with the lowest node id),
// renumbering nodes densely in their original order.
RoadNetwork largest_strong_component(const std::vector<LatLon>& nodes,
                                     const std::vector<Arc>& arcs);

}  // namespace routing
