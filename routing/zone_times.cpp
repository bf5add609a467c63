#include "routing/zone_times.h"

#include <functional>
#include <queue>
#include <utility>

namespace routing {

namespace {

// Per-thread labels by rank, reset in O(1) by a round number.
struct Scratch {
  std::vector<Weight> dist;
  std::vector<double> length;
  std::vector<std::uint32_t> reached;   // round of the last label
  std::vector<std::uint32_t> selected;  // round of the last selection
  std::uint32_t round = 0;
  std::vector<std::uint32_t> stack, restricted;

  void start(std::size_t n) {
    if (dist.size() != n) {
      dist.assign(n, kInfWeight);
      length.assign(n, 0);
      reached.assign(n, 0);
      selected.assign(n, 0);
      round = 0;
    }
    if (++round == 0) {  // wrapped: clear for real
      std::fill(reached.begin(), reached.end(), 0);
      std::fill(selected.begin(), selected.end(), 0);
      round = 1;
    }
  }
  Weight get(std::uint32_t r) const { return reached[r] == round ? dist[r] : kInfWeight; }
  void set(std::uint32_t r, Weight d, double len) {
    reached[r] = round;
    dist[r] = d;
    length[r] = len;
  }
};

}  // namespace

ZoneTimes::ZoneTimes(const ContractionHierarchy& ch, std::span<const float> edge_length_m,
                     NodeId root, Direction dir, std::span<const NodeId> targets)
    : root_(root), dir_(dir) {
  thread_local Scratch s;
  s.start(ch.node_count());
  const bool forward = dir == Direction::from_root;
  // The edges a search climbs from rank r on this side: forward searches the edges r -> higher,
  // backward the edges higher -> r (stored at r, head the higher tail).
  const auto climb_begin = [&](std::uint32_t r) {
    return forward ? ch.up_begin(r) : ch.down_begin(r);
  };
  const auto climb_end = [&](std::uint32_t r) { return forward ? ch.up_end(r) : ch.down_end(r); };
  // The edges that lead down into r on the sweep's side: from_root, the edges higher -> r; to_root,
  // the edges r -> higher.
  const auto into_begin = [&](std::uint32_t r) {
    return forward ? ch.down_begin(r) : ch.up_begin(r);
  };
  const auto into_end = [&](std::uint32_t r) { return forward ? ch.down_end(r) : ch.up_end(r); };

  // 1. The upward search from the root (plain Dijkstra: the sweep corrects its upper bounds).
  using Item = std::pair<Weight, std::uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  const std::uint32_t source = ch.rank(root);
  s.set(source, 0, 0.0);
  heap.push({0, source});
  while (!heap.empty()) {
    const auto [d, r] = heap.top();
    heap.pop();
    if (d != s.get(r)) continue;
    for (const auto* e = climb_begin(r); e != climb_end(r); ++e) {
      const std::uint64_t nd = std::uint64_t{d} + e->weight;
      if (nd >= s.get(e->head)) continue;
      s.set(e->head, static_cast<Weight>(nd), s.length[r] + edge_length_m[ch.edge_index(e)]);
      heap.push({static_cast<Weight>(nd), e->head});
    }
  }

  // 2. The targets' upward search spaces on the other side: every rank the sweep must visit.
  s.restricted.clear();
  for (const NodeId t : targets) {
    const std::uint32_t r = ch.rank(t);
    if (s.selected[r] == s.round) continue;
    s.selected[r] = s.round;
    s.stack.push_back(r);
    while (!s.stack.empty()) {
      const std::uint32_t v = s.stack.back();
      s.stack.pop_back();
      s.restricted.push_back(v);
      for (const auto* e = into_begin(v); e != into_end(v); ++e)
        if (s.selected[e->head] != s.round) {
          s.selected[e->head] = s.round;
          s.stack.push_back(e->head);
        }
    }
  }
  std::sort(s.restricted.begin(), s.restricted.end(), std::greater<>());

  // 3. The sweep, highest rank first: every edge into a rank comes from one already final.
  for (const std::uint32_t r : s.restricted) {
    Weight best = s.get(r);
    double best_length = best == kInfWeight ? 0.0 : s.length[r];
    for (const auto* e = into_begin(r); e != into_end(r); ++e) {
      const Weight du = s.get(e->head);
      if (du == kInfWeight) continue;
      const std::uint64_t nd = std::uint64_t{du} + e->weight;
      if (nd < best) {
        best = static_cast<Weight>(nd);
        best_length = s.length[e->head] + edge_length_m[ch.edge_index(e)];
      }
    }
    if (best != kInfWeight) s.set(r, best, best_length);
  }

  entries_.reserve(targets.size());
  for (const NodeId t : targets) {
    const Weight d = s.get(ch.rank(t));
    entries_.push_back({t, d, d == kInfWeight ? -1.0 : s.length[ch.rank(t)]});
  }
  std::sort(entries_.begin(), entries_.end(),
            [](const Entry& a, const Entry& b) { return a.node < b.node; });
  entries_.erase(std::unique(entries_.begin(), entries_.end(),
                             [](const Entry& a, const Entry& b) { return a.node == b.node; }),
                 entries_.end());
}

}  // namespace routing
