// The road network: nodes with coordinates and directed edges with length, free-flow speed, road
// class and the transport modes that may use them, stored as a Boost.Graph
// compressed_sparse_row_graph (plus its reverse, for searches towards a target). Built once, then
// immutable and safe to share read-only across threads.
//
// A map can hold parts with no road between them (an island, a street cut off by the extract's
// border). The network keeps its main part (the largest strongly connected component: every node
// reaches every other) as nodes 0 .. main_node_count() - 1, then, when an importer asks, the
// detached parts, so that a location near a detached street snaps there and is seen to be cut off
// from the main part instead of being moved across the gap.
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

// The transport modes a directed edge is open to, as bits (OpenStreetMap access keys in brackets):
// car (motorcar), moped (moped, for the scooter profile), bicycle (bicycle, for bicycles and
// e-bikes, which are pedelecs in law) and foot (foot).
using ModeMask = std::uint8_t;
inline constexpr ModeMask kModeCar = 1;
inline constexpr ModeMask kModeMoped = 2;
inline constexpr ModeMask kModeBicycle = 4;
inline constexpr ModeMask kModeFoot = 8;
inline constexpr ModeMask kAllModes = kModeCar | kModeMoped | kModeBicycle | kModeFoot;

struct Arc {
  NodeId from = 0;
  NodeId to = 0;
  float length_m = 0;
  float speed_kmh = 0;
  RoadClass road_class = RoadClass::grid;
  ModeMask modes = kAllModes;
};

struct EdgeProps {
  float length_m = 0;
  float speed_kmh = 0;
  RoadClass road_class = RoadClass::grid;
  ModeMask modes = kAllModes;  // who may ride it in this direction
};

// What an importer made of a map, for the user to see on every run: how much of it became the
// routable network and what was left out and why. Lengths in km of directed road (a two-way street
// of 1 km counts 2 km), locations of parts as one of their nodes.
struct NetworkReport {
  std::size_t nodes_read = 0;  // street nodes before the connectivity check
  std::size_t main_nodes = 0;
  double main_km = 0;
  // Nodes weakly connected to the main part but not reachable both ways from it (one-way stubs,
  // streets leaving the extract): dropped.
  std::size_t fringe_nodes = 0;
  double fringe_km = 0;
  struct Part {
    std::size_t nodes = 0;
    double km = 0;
    LatLon where;
  };
  std::vector<Part> detached;  // parts with no road to the main part, largest first
  bool detached_kept = false;  // whether they are in the network (else dropped)
  // OSM import only: ways used, and what was not used, by cause ("way segments whose node is not
  // in the file: 3 (first: way 5, node 77)").
  std::size_t ways_used = 0;
  std::vector<std::string> skipped;

  std::size_t detached_nodes() const;
  // Several lines, each starting with "map: ".
  std::string summary() const;
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
  // Nodes from `main_node_count` on (every node by default) are detached parts: no arc may join
  // them to the main part (std::invalid_argument).
  RoadNetwork(std::vector<LatLon> nodes, const std::vector<Arc>& arcs,
              std::size_t main_node_count = SIZE_MAX);

  std::size_t node_count() const { return nodes_.size(); }
  // Nodes 0 .. main_node_count() - 1 are the main part; the rest are detached parts.
  std::size_t main_node_count() const { return main_nodes_; }
  bool in_main_part(NodeId n) const { return n < main_nodes_; }
  const NetworkReport& report() const { return report_; }
  NetworkReport& report() { return report_; }
  std::size_t edge_count() const { return boost::num_edges(forward_); }
  LatLon position(NodeId n) const { return nodes_[n]; }
  const Graph& graph() const { return forward_; }
  const Graph& reverse_graph() const { return reverse_; }
  // The edge of graph() with index i (boost::edge_index), as routing metrics name arcs.
  NodeId arc_tail(std::uint32_t i) const { return arc_tail_[i]; }
  NodeId arc_head(std::uint32_t i) const { return boost::target(edge_at(i), forward_); }
  const EdgeProps& arc_props(std::uint32_t i) const { return forward_[edge_at(i)]; }

  // The node closest to p (great-circle), and its distance in metres; the lowest id among equally
  // close nodes. It may be in a detached part (see in_main_part). O(1) expected via a uniform
  // bucket grid. Returns kNoNode (and an infinite distance) on an empty network or a non-finite p.
  NodeId nearest_node(LatLon p, double* distance_m = nullptr) const;

  LatLon min_corner() const { return min_; }
  LatLon max_corner() const { return max_; }

 private:
  std::pair<int, int> bucket(LatLon p) const;
  Graph::edge_descriptor edge_at(std::uint32_t i) const { return {arc_tail_[i], i}; }

  std::vector<LatLon> nodes_;
  std::size_t main_nodes_ = 0;
  NetworkReport report_;
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

// Keeps the largest strongly connected component over the arcs open to a vehicle (not only to
// walkers; ties: the one with the lowest node id) as the main part, renumbering nodes densely in
// their original order; with `keep_detached`, then the weakly connected components that do not
// touch it (detached parts), in the same order. Nodes weakly connected to the main part but outside
// it are dropped. Fills report() but for the importer's own counts (ways_used, skipped).
RoadNetwork largest_strong_component(const std::vector<LatLon>& nodes, const std::vector<Arc>& arcs,
                                     bool keep_detached = false);

}  // namespace routing
