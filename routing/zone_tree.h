// Shortest paths by length from (or to) one root, limited to the nodes within `max_distance_m`
// on the road: what a dark store needs to serve its zone. Time and memory grow with the zone,
// not with the map, so a city of 200 stores on a 250,000-node network stays small. Immutable
// once built; safe to read from many threads.
#pragma once

#include <array>
#include <unordered_map>
#include <vector>

#include "routing/shortest_path_tree.h"

namespace routing {

class ZoneTree {
 public:
  using Direction = ShortestPathTree::Direction;
  static constexpr double kUnreachable = ShortestPathTree::kUnreachable;

  // Only roads whose class is in `allowed` count (every class by default), and only those open
  // to every transport mode in `modes` (car by default: a zone is as the store's car would reach
  // it; a store whose riders are not all cars should pass the OR of its riders' profile modes).
  using Classes = std::array<bool, kRoadClassCount>;
  ZoneTree(const RoadNetwork& net, NodeId root, Direction dir, double max_distance_m,
           const Classes& allowed = all_classes(), ModeMask modes = kModeCar);
  static Classes all_classes() {
    Classes c;
    c.fill(true);
    return c;
  }

  NodeId root() const { return root_; }
  Direction direction() const { return dir_; }
  // Metres between root and n in the tree's direction; kUnreachable beyond the zone.
  double distance_m(NodeId n) const {
    const auto it = slot_.find(n);
    return it == slot_.end() ? kUnreachable : dist_[it->second];
  }
  bool reachable(NodeId n) const { return slot_.count(n) != 0; }
  // Nodes in travel order: root..n for from_root, n..root for to_root; empty beyond the zone.
  std::vector<NodeId> path(NodeId n) const;
  std::size_t size() const { return dist_.size(); }
  // The zone's nodes, nearest first.
  const std::vector<NodeId>& nodes() const { return nodes_; }

 private:
  NodeId root_;
  Direction dir_;
  std::unordered_map<NodeId, std::uint32_t> slot_;
  std::vector<double> dist_;
  std::vector<NodeId> parent_;
  std::vector<NodeId> nodes_;  // by slot
};

}  // namespace routing
