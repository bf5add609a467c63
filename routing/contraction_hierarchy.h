// A contraction hierarchy (Geisberger et al. 2008) over one metric of a directed graph: nodes are
// ranked by importance and every shortest path becomes an upward then a downward run of edges,
// so a query settles a few hundred nodes instead of the whole map. Built in parallel on oneTBB
// (rounds of independent node sets), then immutable and safe to share read-only across threads;
// queries live in CHQuery. Internally nodes are numbered by rank, so the small top of the
// hierarchy that every query visits stays in cache.
#pragma once

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
  // `via` is the original arc id, or kShortcut | the rank of the node the shortcut bypasses.
  struct Edge {
    std::uint32_t head = 0;
    Weight weight = 0;
    std::uint32_t via = 0;
  };
  static constexpr std::uint32_t kShortcut = 0x80000000u;

  ContractionHierarchy() = default;
  // `threads` = 0 uses every core.
  static ContractionHierarchy build(std::size_t node_count, const std::vector<MetricArc>& arcs,
                                    int threads = 0);

  std::size_t node_count() const { return rank_.size(); }
  std::size_t edge_count() const { return up_edges_.size() + down_edges_.size(); }
  std::size_t shortcut_count() const;
  std::uint32_t rank(NodeId n) const { return rank_[n]; }
  NodeId node_at(std::uint32_t rank) const { return node_[rank]; }
  // Edges r -> higher ranks (forward searches climb these).
  const Edge* up_begin(std::uint32_t r) const { return up_edges_.data() + up_first_[r]; }
  const Edge* up_end(std::uint32_t r) const { return up_edges_.data() + up_first_[r + 1]; }
  // Edges higher ranks -> r, stored at r with `head` the higher tail (backward searches climb
  // these).
  const Edge* down_begin(std::uint32_t r) const { return down_edges_.data() + down_first_[r]; }
  const Edge* down_end(std::uint32_t r) const { return down_edges_.data() + down_first_[r + 1]; }

  // Appends the original arc ids of the edge `from` -> `to` (ranks) with `via`, in travel order.
  void unpack(std::uint32_t from, std::uint32_t to, std::uint32_t via,
              std::vector<std::uint32_t>& arcs) const;

  // A checksum of the metric it was built from, for caches.
  std::uint64_t source_checksum() const { return source_checksum_; }
  static std::uint64_t checksum(std::size_t node_count, const std::vector<MetricArc>& arcs);

 private:
  friend class CHSerializer;
  std::vector<std::uint32_t> rank_;  // by node
  std::vector<NodeId> node_;         // by rank
  std::vector<std::uint32_t> up_first_, down_first_;
  std::vector<Edge> up_edges_, down_edges_;
  std::uint64_t source_checksum_ = 0;
};

}  // namespace routing
