// Shortest paths by length from (or to) one root, limited to the nodes within `max_distance_m`
// on the road: what a dark store needs to serve its zone. Time and memory grow with the zone,
// not with the map, so a city of 200 stores on a 250,000-node network stays small. Immutable
// once built; safe to read from many threads.
#pragma once

#include <algorithm>
#include <array>
#include <utility>
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
    const std::uint32_t i = slot(n);
    return i == kNoSlot ? kUnreachable : dist_[i];
  }
  bool reachable(NodeId n) const { return slot(n) != kNoSlot; }
  // Nodes in travel order: root..n for from_root, n..root for to_root; empty beyond the zone.
  std::vector<NodeId> path(NodeId n) const;
  std::size_t size() const { return dist_.size(); }
  // The zone's nodes, nearest first.
  const std::vector<NodeId>& nodes() const { return nodes_; }

 private:
  static constexpr std::uint32_t kNoSlot = ~std::uint32_t{0};
  // n's slot (by binary search over by_node_), kNoSlot beyond the zone.
  std::uint32_t slot(NodeId n) const {
    const auto it = std::lower_bound(by_node_.begin(), by_node_.end(), n,
                                     [](const auto& e, NodeId v) { return e.first < v; });
    return it != by_node_.end() && it->first == n ? it->second : kNoSlot;
  }

  NodeId root_;
  Direction dir_;
  std::vector<std::pair<NodeId, std::uint32_t>> by_node_;  // (node, slot), by node id
  std::vector<double> dist_;
  std::vector<NodeId> parent_;
  std::vector<NodeId> nodes_;  // by slot
};

}  // namespace routing
