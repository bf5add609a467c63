// A shortest-path tree by length from one node (Boost.Graph Dijkstra): distances to every node
// and the paths themselves. `Direction::to_root` searches the reverse graph, giving distances and
// paths from every node to the root (how a rider gets back to its store). Immutable once built;
// safe to read from many threads.
#pragma once

#include <limits>
#include <vector>

#include "routing/road_network.h"

namespace routing {

class ShortestPathTree {
 public:
  enum class Direction { from_root, to_root };
  static constexpr double kUnreachable = std::numeric_limits<double>::infinity();

  // Only edges open to every mode in `modes` count (car by default; 0: every edge).
  ShortestPathTree(const RoadNetwork& net, NodeId root, Direction dir, ModeMask modes = kModeCar);

  NodeId root() const { return root_; }
  Direction direction() const { return dir_; }
  // Metres along the shortest path between root and n (in the tree's direction); kUnreachable if
  // none.
  double distance_m(NodeId n) const { return dist_[n]; }
  bool reachable(NodeId n) const { return dist_[n] != kUnreachable; }
  // The nodes of the path in travel order: root..n for from_root, n..root for to_root.
  // Empty if n is unreachable.
  std::vector<NodeId> path(NodeId n) const;

 private:
  NodeId root_;
  Direction dir_;
  std::vector<double> dist_;
  std::vector<NodeId> parent_;
};

}  // namespace routing
