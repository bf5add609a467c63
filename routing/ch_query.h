// Queries on a contraction hierarchy: shortest distances, unpacked paths and one-to-many tables,
// by bidirectional upward Dijkstra with stall-on-demand. One CHQuery per thread: it owns the
// search state (sized to the network, reset in O(1) between queries); the hierarchy itself is
// shared read-only.
#pragma once

#include <span>
#include <vector>

#include "routing/contraction_hierarchy.h"

namespace routing {

class CHQuery {
 public:
  explicit CHQuery(const ContractionHierarchy& ch);

  // kInfWeight when t cannot be reached from s. Nodes are the network's ids.
  Weight distance(NodeId s, NodeId t);
  // Also fills `arcs` with the original arc ids of one shortest path, in travel order (empty when
  // s == t or unreachable).
  Weight path(NodeId s, NodeId t, std::vector<std::uint32_t>& arcs);
  // Distances from s to each target, in order.
  void one_to_many(NodeId s, std::span<const NodeId> targets, std::vector<Weight>& out);

  const ContractionHierarchy& hierarchy() const { return *ch_; }

 private:
  // One node's search state, in one cache line access.
  struct Label {
    Weight dist = kInfWeight;
    std::uint32_t stamp = 0;
    std::uint32_t parent = 0;  // rank of the previous node on the search tree
    std::uint32_t via = 0;     // `via` of the edge from it
  };
  struct Side {
    std::vector<Label> labels;
    std::vector<std::pair<Weight, std::uint32_t>> heap;
    std::uint32_t round = 0;
    Weight get(std::uint32_t r) const {
      const Label& l = labels[r];
      return l.stamp == round ? l.dist : kInfWeight;
    }
    void reset();
    void set(std::uint32_t r, Weight d, std::uint32_t from, std::uint32_t via);
  };
  // Settles the next node of one side; returns false when that side is done.
  template <bool kForward>
  void step(Side& me, const Side& other, Weight& best, std::uint32_t& meet);
  Weight search(std::uint32_t s, std::uint32_t t, std::uint32_t& meet);

  const ContractionHierarchy* ch_;
  Side fwd_, bwd_;
};

}  // namespace routing
