// Queries on a contraction hierarchy: shortest distances, unpacked paths and distance tables, by
// upward Dijkstra with stall-on-demand. One CHQuery per thread: it owns the search state (sized
// to the network, reset in O(1) between queries); the hierarchy itself is shared read-only.
//
//   routing::CHQuery q(ch);
//   Weight d = q.distance(s, t);                   // kInfWeight when unreachable
//   q.one_to_many(s, targets, row);                // row[j] = distance(s, targets[j])
//   q.many_to_many(sources, targets, table);       // table[i * targets.size() + j]
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

  // kInfWeight when t cannot be reached from s. Nodes are the network's ids. Bidirectional.
  Weight distance(NodeId s, NodeId t);
  // Also fills `arcs` with the original arc ids of one shortest path, in travel order (empty when
  // s == t or unreachable).
  Weight path(NodeId s, NodeId t, std::vector<std::uint32_t>& arcs);
  // Also fills `edges` with the hierarchy edges (by edge_index) of one shortest path, in travel
  // order, without unpacking shortcuts.
  Weight path_edges(NodeId s, NodeId t, std::vector<std::uint32_t>& edges);

  // out[j] = distance(s, targets[j]), kInfWeight where unreachable; targets may repeat and may
  // hold s. One upward search from s (stalling as a point query does), then one sweep down over
  // the nodes from which a target is reached downwards, in descending rank: restricted PHAST
  // (Delling, Goldberg, Werneck 2011), as RoutingKit's pinned targets. The sweep repairs a
  // stalled node from the higher node that stalled it, which is selected too. Costs about the
  // union of the targets' upward search spaces: a hundred targets cost about ten point queries.
  void one_to_many(NodeId s, std::span<const NodeId> targets, std::vector<Weight>& out);
  // out[i * targets.size() + j] = distance(sources[i], targets[j]). Bucket-based (Knopp, Sanders,
  // Schultes, Schulz, Wagner 2007): each target's backward upward search leaves (target, distance)
  // in the buckets of the nodes it settles unstalled, then one forward upward search per source
  // scans the buckets of the nodes it settles unstalled. The targets' searches run to the end,
  // so from one source one_to_many is faster; a 100 x 100 table costs what 5 to 20 rows of
  // one_to_many do.
  void many_to_many(std::span<const NodeId> sources, std::span<const NodeId> targets,
                    std::vector<Weight>& out);

  const ContractionHierarchy& hierarchy() const { return *ch_; }

 private:
  // A node's distance, the round it was set in and its parent on the search tree. The two sides'
  // labels of a node share a cache line (side k of node r is labels_[2r + k]): settling a node
  // reads both, and recording the tree costs no other memory.
  struct Label {
    Weight dist = kInfWeight;
    std::uint32_t stamp = 0;
    std::uint32_t heap_pos = 0;  // where in the heap while queued
    std::uint32_t parent = 0;    // rank of the node it was reached from (itself at the root)
  };
  struct Side {
    Label* labels = nullptr;  // this side's first label; stride 2
    std::size_t size = 0;
    // An indexed 4-ary min-heap of distance << 32 | rank with decrease-key, so that no node is
    // in it twice (a lazy heap pops about a third of its entries stale on New York).
    std::vector<std::uint64_t> heap;
    Weight top() const {
      return heap.empty() ? kInfWeight : static_cast<Weight>(heap.front() >> 32);
    }
    std::uint32_t round = 0;
    Weight get(std::uint32_t r) const {
      const Label& l = labels[2 * std::size_t{r}];
      return l.stamp == round ? l.dist : kInfWeight;
    }
    void reset();
    void set(std::uint32_t r, Weight d, std::uint32_t from);
    std::uint64_t pop();
    void sift_up(std::size_t i, std::uint64_t key);
  };
  struct Settled {
    std::uint32_t rank;
    Weight dist;
    bool stalled;  // a higher node already reached reaches it at least as cheaply
  };
  // Pops the next node of `me` and relaxes its edges upwards (forward: up edges; backward: down
  // edges, against their direction) unless it is stalled.
  template <bool kForward>
  Settled settle(Side& me);
  Weight search(std::uint32_t s, std::uint32_t t, std::uint32_t& meet);

  const ContractionHierarchy* ch_;
  std::vector<Label> labels_;
  std::vector<std::uint32_t> edges_;
  Side fwd_, bwd_;
  // one_to_many: the selected nodes as a bit set by rank, and those still to expand.
  std::vector<std::uint64_t> selected_;
  std::vector<std::uint32_t> stack_;
  // many_to_many: by rank, the node's bucket, current when bucket_node_ points back (so it needs
  // no clearing); the node (rank) of each bucket; the entries (target index, distance to it)
  // grouped by bucket.
  std::vector<std::uint32_t> bucket_of_;
  std::vector<std::uint32_t> bucket_node_;
  struct Entry {
    std::uint32_t target;
    Weight dist;
  };
  std::vector<std::pair<std::uint32_t, Entry>> raw_;  // (bucket, entry) as selected
  std::vector<std::uint32_t> bucket_first_;           // by bucket, plus one
  std::vector<Entry> entries_;
};

}  // namespace routing
