#include "routing/ch_query.h"

#include <algorithm>
#include <cstdlib>
#include <functional>

namespace routing {

namespace {

Weight sum(Weight a, Weight b) {
  const std::uint64_t s = static_cast<std::uint64_t>(a) + b;
  return s >= kInfWeight ? kInfWeight : static_cast<Weight>(s);
}

}  // namespace

void CHQuery::Side::reset() {
  if (++round == 0) {
    for (std::size_t r = 0; r < size; ++r) labels[2 * r].stamp = 0;
    round = 1;
  }
  heap.clear();
}

// The heap operations run once per settled or reached node: inlined into the search loop.
[[gnu::always_inline]] inline void CHQuery::Side::sift_up(std::size_t i, std::uint64_t key) {
  // A 4-ary heap: shallower than a binary one, and a node's children share a cache line.
  while (i > 0) {
    const std::size_t parent = (i - 1) / 4;
    if (heap[parent] <= key) break;
    heap[i] = heap[parent];
    labels[2 * (heap[i] & 0xffffffffu)].heap_pos = static_cast<std::uint32_t>(i);
    i = parent;
  }
  heap[i] = key;
  labels[2 * (key & 0xffffffffu)].heap_pos = static_cast<std::uint32_t>(i);
}

[[gnu::always_inline]] inline void CHQuery::Side::set(std::uint32_t r, Weight d,
                                                      std::uint32_t from) {
  Label& l = labels[2 * std::size_t{r}];
  // Reached before in this search means queued: a settled node never gets a shorter distance.
  const bool queued = l.stamp == round;
  l.dist = d;
  l.stamp = round;
  l.parent = from;
  const std::uint64_t key = static_cast<std::uint64_t>(d) << 32 | r;
  if (queued) {
    sift_up(l.heap_pos, key);  // a decrease: distances only go down
  } else {
    heap.push_back(key);
    sift_up(heap.size() - 1, key);
  }
}

[[gnu::always_inline]] inline std::uint64_t CHQuery::Side::pop() {
  const std::uint64_t top = heap.front();
  const std::uint64_t last = heap.back();
  heap.pop_back();
  const std::size_t n = heap.size();
  if (n == 0) return top;
  std::size_t i = 0;
  while (true) {
    const std::size_t first = 4 * i + 1;
    if (first >= n) break;
    std::size_t best = first;
    const std::size_t end = std::min(first + 4, n);
    for (std::size_t c = first + 1; c < end; ++c)
      if (heap[c] < heap[best]) best = c;
    if (heap[best] >= last) break;
    heap[i] = heap[best];
    labels[2 * (heap[i] & 0xffffffffu)].heap_pos = static_cast<std::uint32_t>(i);
    i = best;
  }
  heap[i] = last;
  labels[2 * (last & 0xffffffffu)].heap_pos = static_cast<std::uint32_t>(i);
  return top;
}

CHQuery::CHQuery(const ContractionHierarchy& ch)
    : ch_(&ch),
      labels_(2 * ch.node_count()),
      selected_((ch.node_count() + 63) / 64),
      bucket_of_(ch.node_count(), 0) {
  fwd_.labels = labels_.data();
  bwd_.labels = labels_.data() + 1;
  fwd_.size = bwd_.size = ch.node_count();
}

template <bool kForward>
CHQuery::Settled CHQuery::settle(Side& me) {
  const std::uint64_t top = me.pop();
  const auto d = static_cast<Weight>(top >> 32);
  const auto r = static_cast<std::uint32_t>(top);
  // The next node this side settles is probably the heap's new top: start loading its edges.
  if (!me.heap.empty())
    __builtin_prefetch(ch_->up_begin(static_cast<std::uint32_t>(me.heap.front())));
  // Stall: a higher node already reached reaches r as cheaply, so r is not needed on a shortest
  // path (Geisberger et al. 2008, stall-on-demand).
  const auto* s_begin = kForward ? ch_->down_begin(r) : ch_->up_begin(r);
  const auto* s_end = kForward ? ch_->down_end(r) : ch_->up_end(r);
  const auto* begin = kForward ? ch_->up_begin(r) : ch_->down_begin(r);
  const auto* end = kForward ? ch_->up_end(r) : ch_->down_end(r);
  // Both edge runs are side by side: ask for every label they touch before reading any.
  for (const auto* e = ch_->up_begin(r); e != ch_->down_end(r); ++e)
    __builtin_prefetch(&me.labels[2 * std::size_t{e->head}]);
  // Ties stall too (as RoutingKit does): on a grid, where equal-length paths are everywhere,
  // stalling only on strictly shorter ones settles ten times the nodes.
  for (const auto* e = s_begin; e != s_end; ++e)
    if (sum(me.get(e->head), e->weight) <= d) return {r, d, true};
  for (const auto* e = begin; e != end; ++e) {
    const Weight nd = sum(d, e->weight);
    if (nd < me.get(e->head)) me.set(e->head, nd, r);
  }
  return {r, d, false};
}

Weight CHQuery::search(std::uint32_t s, std::uint32_t t, std::uint32_t& meet) {
  fwd_.reset();
  bwd_.reset();
  fwd_.set(s, 0, s);
  bwd_.set(t, 0, t);
  Weight best = kInfWeight;
  meet = s;
  // A stalled node still counts as a meeting: its distance is that of a real path.
  auto meets = [&](const Settled& x, const Side& other) {
    const Weight there = other.get(x.rank);
    if (there != kInfWeight && sum(x.dist, there) < best) best = sum(x.dist, there), meet = x.rank;
  };
  while (true) {
    const Weight f = fwd_.top();
    const Weight b = bwd_.top();
    if (std::min(f, b) >= best) break;
    if (f <= b)
      meets(settle<true>(fwd_), bwd_);
    else
      meets(settle<false>(bwd_), fwd_);
  }
  return best;
}

Weight CHQuery::distance(NodeId s, NodeId t) {
  std::uint32_t meet;
  return search(ch_->rank(s), ch_->rank(t), meet);
}

Weight CHQuery::path_edges(NodeId s, NodeId t, std::vector<std::uint32_t>& edges) {
  edges.clear();
  const std::uint32_t rs = ch_->rank(s), rt = ch_->rank(t);
  std::uint32_t meet;
  const Weight d = search(rs, rt, meet);
  if (d == kInfWeight) return d;
  // The edge parent -> r (forward: among the parent's up edges; backward: r -> parent, among
  // its down edges); a run holds each head once, sorted.
  auto edge_to = [this](const ContractionHierarchy::Edge* begin,
                        const ContractionHierarchy::Edge* end, std::uint32_t head) {
    const auto* e = std::lower_bound(begin, end, head,
                                     [](const auto& x, std::uint32_t h) { return x.head < h; });
    return ch_->edge_index(e);
  };
  for (std::uint32_t r = meet; r != rs;) {
    const std::uint32_t p = labels_[2 * std::size_t{r}].parent;
    edges.push_back(edge_to(ch_->up_begin(p), ch_->up_end(p), r));
    r = p;
  }
  std::reverse(edges.begin(), edges.end());
  for (std::uint32_t r = meet; r != rt;) {
    const std::uint32_t p = labels_[2 * std::size_t{r} + 1].parent;
    edges.push_back(edge_to(ch_->down_begin(p), ch_->down_end(p), r));
    r = p;
  }
  return d;
}

Weight CHQuery::path(NodeId s, NodeId t, std::vector<std::uint32_t>& arcs) {
  arcs.clear();
  const Weight d = path_edges(s, t, edges_);
  for (std::uint32_t e : edges_) ch_->unpack(e, arcs);
  return d;
}

void CHQuery::one_to_many(NodeId s, std::span<const NodeId> targets, std::vector<Weight>& out) {
  out.assign(targets.size(), kInfWeight);
  if (targets.empty()) return;
  // Select every node from which some target is reached going down: the targets' upward
  // search spaces without distances, as a bit set by rank (all zero between calls).
  std::size_t low_word = selected_.size();
  auto select = [&](std::uint32_t r) {
    std::uint64_t& word = selected_[r / 64];
    const std::uint64_t bit = std::uint64_t{1} << (r % 64);
    if (word & bit) return;
    word |= bit;
    stack_.push_back(r);
  };
  stack_.clear();
  for (NodeId t : targets) {
    const std::uint32_t r = ch_->rank(t);
    low_word = std::min<std::size_t>(low_word, r / 64);
    select(r);
  }
  while (!stack_.empty()) {
    const std::uint32_t x = stack_.back();
    stack_.pop_back();
    for (const auto* e = ch_->down_begin(x); e != ch_->down_end(x); ++e) select(e->head);
  }

  // The whole upward search space of s.
  fwd_.reset();
  fwd_.set(ch_->rank(s), 0, ch_->rank(s));
  while (!fwd_.heap.empty()) settle<true>(fwd_);

  // Down over the selected nodes, highest rank first, so that every node's higher neighbours
  // are final before it. The result goes to the backward labels' distances (same cache line as
  // the forward ones); resetting the backward side first keeps them from reading as reached.
  bwd_.reset();
  auto swept = [this](std::uint32_t r) -> Weight& { return labels_[2 * std::size_t{r} + 1].dist; };
  for (std::size_t w = selected_.size(); w-- > low_word;) {
    std::uint64_t bits = selected_[w];
    selected_[w] = 0;
    while (bits != 0) {
      const int b = 63 - __builtin_clzll(bits);
      bits &= ~(std::uint64_t{1} << b);
      const auto x = static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(b));
      Weight dx = fwd_.get(x);
      for (const auto* e = ch_->down_begin(x); e != ch_->down_end(x); ++e)
        dx = std::min(dx, sum(swept(e->head), e->weight));
      swept(x) = dx;
    }
  }
  for (std::size_t j = 0; j < targets.size(); ++j) out[j] = swept(ch_->rank(targets[j]));
}

void CHQuery::many_to_many(std::span<const NodeId> sources, std::span<const NodeId> targets,
                           std::vector<Weight>& out) {
  const std::size_t width = targets.size();
  out.assign(sources.size() * width, kInfWeight);
  if (out.empty()) return;
  // Buckets: every node that a target's backward search settles unstalled holds
  // (target, distance).
  bucket_node_.clear();
  raw_.clear();
  for (std::size_t j = 0; j < width; ++j) {
    bwd_.reset();
    bwd_.set(ch_->rank(targets[j]), 0, ch_->rank(targets[j]));
    while (!bwd_.heap.empty()) {
      const Settled x = settle<false>(bwd_);
      if (x.stalled) continue;
      std::uint32_t& b = bucket_of_[x.rank];
      if (b >= bucket_node_.size() || bucket_node_[b] != x.rank) {
        b = static_cast<std::uint32_t>(bucket_node_.size());
        bucket_node_.push_back(x.rank);
      }
      raw_.push_back({b, {static_cast<std::uint32_t>(j), x.dist}});
    }
  }
  // Group the entries by bucket (a counting sort).
  bucket_first_.assign(bucket_node_.size() + 1, 0);
  for (const auto& [b, entry] : raw_) ++bucket_first_[b + 1];
  for (std::size_t b = 1; b < bucket_first_.size(); ++b) bucket_first_[b] += bucket_first_[b - 1];
  entries_.resize(raw_.size());
  for (const auto& [b, entry] : raw_) entries_[bucket_first_[b]++] = entry;
  for (std::size_t b = bucket_first_.size() - 1; b > 0; --b)
    bucket_first_[b] = bucket_first_[b - 1];
  bucket_first_[0] = 0;

  // One forward search per source, meeting the targets in the buckets it settles.
  for (std::size_t i = 0; i < sources.size(); ++i) {
    Weight* row = out.data() + i * width;
    fwd_.reset();
    fwd_.set(ch_->rank(sources[i]), 0, ch_->rank(sources[i]));
    while (!fwd_.heap.empty()) {
      const Settled x = settle<true>(fwd_);
      if (x.stalled) continue;
      const std::uint32_t b = bucket_of_[x.rank];
      if (b >= bucket_node_.size() || bucket_node_[b] != x.rank) continue;
      for (std::uint32_t k = bucket_first_[b]; k < bucket_first_[b + 1]; ++k) {
        const Entry& e = entries_[k];
        row[e.target] = std::min(row[e.target], sum(x.dist, e.dist));
      }
    }
  }
}

}  // namespace routing
