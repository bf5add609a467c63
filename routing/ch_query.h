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
  CHQuery(const CHQuery&) = delete;
  CHQuery& operator=(const CHQuery&) = delete;

  // kInfWeight when t cannot be reached from s. Nodes are the network's ids.
  Weight distance(NodeId s, NodeId t);
  // Also fills `arcs` with the original arc ids of one shortest path, in travel order (empty when
  // s == t or unreachable).
  Weight path(NodeId s, NodeId t, std::vector<std::uint32_t>& arcs);
  // Also fills `edges` with the hierarchy edges (by edge_index) of one shortest path, in travel
  // order, without unpacking shortcuts.
  Weight path_edges(NodeId s, NodeId t, std::vector<std::uint32_t>& edges);
  // Distances from s to each target, in order.
  void one_to_many(NodeId s, std::span<const NodeId> targets, std::vector<Weight>& out);

  const ContractionHierarchy& hierarchy() const { return *ch_; }

 private:
  // A node's distance and the round it was set in. The two sides' labels of a node share a
  // cache line (side k of node r is labels_[2r + k]): settling a node reads both. The search tree
  // (for paths) lives apart.
  struct Label {
    Weight dist = kInfWeight;
    std::uint32_t stamp = 0;
    std::uint32_t heap_pos = 0;  // where in the heap, while reached and not yet settled
    std::uint32_t unused = 0;
  };
  struct Tree {
    std::uint32_t parent = 0;  // rank of the previous node on the search tree
    std::uint32_t edge = 0;    // index of the hierarchy edge from it
  };
  struct Side {
    Label* labels = nullptr;  // this side's first label; stride 2
    std::size_t size = 0;
    std::vector<Tree> tree;
    // An indexed 4-ary min-heap of distance << 32 | rank with decrease-key, so that no node is
    // in it twice (a lazy heap pops about a third of its entries stale on New York).
    std::vector<std::uint64_t> heap;
    Weight top() const {
      return heap.empty() ? kInfWeight : static_cast<Weight>(heap.front() >> 32);
    }
    std::uint32_t round = 0;
    bool record_tree = false;
    Weight get(std::uint32_t r) const {
      const Label& l = labels[2 * std::size_t{r}];
      return l.stamp == round ? l.dist : kInfWeight;
    }
    void reset();
    void set(std::uint32_t r, Weight d, std::uint32_t from, std::uint32_t edge);
    std::uint64_t pop();
    void sift_up(std::size_t i, std::uint64_t key);
  };
  // Settles the next node of one side; returns false when that side is done.
  template <bool kForward>
  void step(Side& me, const Side& other, Weight& best, std::uint32_t& meet);
  Weight search(std::uint32_t s, std::uint32_t t, std::uint32_t& meet, bool record_tree);

  const ContractionHierarchy* ch_;
  std::vector<Label> labels_;
  std::vector<std::uint32_t> edges_;
  Side fwd_, bwd_;
};

}  // namespace routing
