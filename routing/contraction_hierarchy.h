// A contraction hierarchy (Geisberger et al. 2008) over one metric of a directed graph: nodes are
// ranked by importance and every shortest path becomes an upward then a downward run of edges,
// so a query settles a few hundred nodes instead of the whole map. Built in parallel on oneTBB
// (rounds of independent node sets), then immutable and safe to share read-only across threads;
// queries live in CHQuery. Internally nodes are numbered by rank, so the small top of the
// hierarchy that every query visits stays in cache.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "routing/road_network.h"

namespace routing {

using Weight = std::uint32_t;
inline constexpr Weight kInfWeight = UINT32_MAX;

// One arc of the metric: `arc` is the caller's id for it (an edge index of the road network),
// returned by path unpacking. Ids must be below 2^31.
struct MetricArc {
  NodeId from = 0;
  NodeId to = 0;
  Weight weight = 0;
  std::uint32_t arc = 0;
};

class ContractionHierarchy {
 public:
  // An edge of the hierarchy seen from the lower-ranked end: `head` is the higher-ranked node.
  // Its via() is the original arc id, or kShortcut | the rank of the node the shortcut bypasses
  // (kept apart: only path queries read it).
  struct Edge {
    std::uint32_t head = 0;
    Weight weight = 0;
  };
  static constexpr std::uint32_t kShortcut = 0x80000000u;

  ContractionHierarchy() = default;
  // `threads` = 0 uses every core.
  static ContractionHierarchy build(std::size_t node_count, const std::vector<MetricArc>& arcs,
                                    int threads = 0);

  std::size_t node_count() const { return rank_.size(); }
  std::size_t edge_count() const { return edges_.size(); }
  std::size_t shortcut_count() const;
  std::uint32_t rank(NodeId n) const { return rank_[n]; }
  NodeId node_at(std::uint32_t rank) const { return node_[rank]; }
  // Edges r -> higher ranks (forward searches climb these), then edges higher ranks -> r stored
  // at r with `head` the higher tail (backward searches climb these); side by side, so settling
  // a node reads one run of memory.
  const Edge* up_begin(std::uint32_t r) const { return edges_.data() + first_[r]; }
  const Edge* up_end(std::uint32_t r) const { return edges_.data() + split_[r]; }
  const Edge* down_begin(std::uint32_t r) const { return edges_.data() + split_[r]; }
  const Edge* down_end(std::uint32_t r) const { return edges_.data() + first_[r + 1]; }
  std::uint32_t via(const Edge* e) const { return via_[edge_index(e)]; }
  // For a shortcut (by edge_index), the edges of its two halves in travel order.
  const std::array<std::uint32_t, 2>& halves(std::uint32_t edge) const { return halves_[edge]; }
  std::uint32_t edge_index(const Edge* e) const {
    return static_cast<std::uint32_t>(e - edges_.data());
  }

  // Appends the original arc ids of an edge (by edge_index), in travel order.
  void unpack(std::uint32_t edge, std::vector<std::uint32_t>& arcs) const;

  // A checksum of the metric it was built from, for caches.
  std::uint64_t source_checksum() const { return source_checksum_; }
  static std::uint64_t checksum(std::size_t node_count, const std::vector<MetricArc>& arcs);
  // Fills halves_ from the edges (after building or loading).
  void link_halves();

 private:
  friend class CHSerializer;
  std::vector<std::uint32_t> rank_;   // by node
  std::vector<NodeId> node_;          // by rank
  std::vector<std::uint32_t> first_;  // by rank, plus one
  std::vector<std::uint32_t> split_;  // by rank: where its down edges start
  std::vector<Edge> edges_;
  std::vector<std::uint32_t> via_;  // by edge
  // By edge: for a shortcut, the edges of its two halves in travel order.
  std::vector<std::array<std::uint32_t, 2>> halves_;
  std::uint64_t source_checksum_ = 0;
};

}  // namespace routing
