// Travel times and route lengths between one root (a dark store) and every node of a target set
// (its zone), at one contraction hierarchy level, computed once by RPHAST: an upward search from
// the root, then one sweep down the hierarchy restricted to the targets' upward search spaces
// (Delling, Goldberg, Nowatzyk, Werneck 2011, "PHAST: Hardware-accelerated shortest path
// trees"; Delling, Goldberg, Werneck 2011, "Faster batched shortest paths in road networks").
// A rider's leg from or to its store is then a lookup instead of a point-to-point query.
//
// Every time equals CHQuery::distance exactly; a length is the sum of the hierarchy's edge
// lengths along the route found, as TravelTimes::leg sums them, so where the shortest route is
// unique the length is the point-to-point query's too. Where several routes take exactly the same
// milliseconds the two may pick different ones (tested in tests/routing/zone_times_test.cpp).
// Immutable once built; safe to read from many threads.
#pragma once

#include <algorithm>
#include <span>
#include <vector>

#include "routing/contraction_hierarchy.h"

namespace routing {

class ZoneTimes {
 public:
  enum class Direction { from_root, to_root };
  struct Entry {
    NodeId node = kNoNode;
    Weight ms = kInfWeight;  // kInfWeight: no route
    double length_m = -1;    // -1: no route
  };

  ZoneTimes() = default;
  // `edge_length_m`: metres per hierarchy edge (by edge_index), as TravelTimes keeps them.
  // `targets`: network node ids, in any order, duplicates allowed. Cost: the targets' upward
  // search spaces, swept once; memory: one Entry per distinct target.
  ZoneTimes(const ContractionHierarchy& ch, std::span<const float> edge_length_m, NodeId root,
            Direction dir, std::span<const NodeId> targets);

  NodeId root() const { return root_; }
  Direction direction() const { return dir_; }
  // Root to n (from_root) or n to root (to_root); nullptr when n is not a target.
  const Entry* find(NodeId n) const {
    const auto it = std::lower_bound(entries_.begin(), entries_.end(), n,
                                     [](const Entry& e, NodeId v) { return e.node < v; });
    return it != entries_.end() && it->node == n ? &*it : nullptr;
  }
  std::size_t size() const { return entries_.size(); }

 private:
  NodeId root_ = kNoNode;
  Direction dir_ = Direction::from_root;
  std::vector<Entry> entries_;  // by node id
};

}  // namespace routing
