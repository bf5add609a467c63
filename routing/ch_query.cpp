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

void CHQuery::Side::sift_up(std::size_t i, std::uint64_t key) {
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

void CHQuery::Side::set(std::uint32_t r, Weight d, std::uint32_t from, std::uint32_t edge) {
  Label& l = labels[2 * std::size_t{r}];
  // Reached and not settled (a settled node never gets a shorter distance).
  const bool queued = l.stamp == round && l.heap_pos < heap.size() &&
                      static_cast<std::uint32_t>(heap[l.heap_pos]) == r;
  l.dist = d;
  l.stamp = round;
  if (record_tree) tree[r] = {from, edge};
  const std::uint64_t key = static_cast<std::uint64_t>(d) << 32 | r;
  if (queued) {
    sift_up(l.heap_pos, key);  // a decrease: distances only go down
  } else {
    heap.push_back(key);
    sift_up(heap.size() - 1, key);
  }
}

std::uint64_t CHQuery::Side::pop() {
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

CHQuery::CHQuery(const ContractionHierarchy& ch) : ch_(&ch), labels_(2 * ch.node_count()) {
  fwd_.labels = labels_.data();
  bwd_.labels = labels_.data() + 1;
  for (Side* side : {&fwd_, &bwd_}) {
    side->size = ch.node_count();
    side->tree.resize(ch.node_count());
  }
}

template <bool kForward>
void CHQuery::step(Side& me, const Side& other, Weight& best, std::uint32_t& meet) {
  const std::uint64_t top = me.pop();
  const auto d = static_cast<Weight>(top >> 32);
  const auto r = static_cast<std::uint32_t>(top);
  // The next node this side settles is probably the heap's new top: start loading its edges.
  if (!me.heap.empty())
    __builtin_prefetch(ch_->up_begin(static_cast<std::uint32_t>(me.heap.front())));
  if (d != me.get(r)) return;
  const Weight there = other.get(r);
  if (there != kInfWeight && sum(d, there) < best) best = sum(d, there), meet = r;
  // Stall: a higher node already reached reaches r more cheaply, so r is not on a shortest path.
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
    if (sum(me.get(e->head), e->weight) <= d) return;
  for (const auto* e = begin; e != end; ++e) {
    const Weight nd = sum(d, e->weight);
    if (nd < me.get(e->head)) me.set(e->head, nd, r, ch_->edge_index(e));
  }
}

Weight CHQuery::search(std::uint32_t s, std::uint32_t t, std::uint32_t& meet, bool record_tree) {
  fwd_.reset();
  bwd_.reset();
  fwd_.record_tree = bwd_.record_tree = record_tree;
  fwd_.set(s, 0, s, 0);
  bwd_.set(t, 0, t, 0);
  Weight best = kInfWeight;
  meet = s;
  while (true) {
    const Weight f = fwd_.top();
    const Weight b = bwd_.top();
    if (std::min(f, b) >= best) break;
    if (f <= b)
      step<true>(fwd_, bwd_, best, meet);
    else
      step<false>(bwd_, fwd_, best, meet);
  }
  return best;
}

Weight CHQuery::distance(NodeId s, NodeId t) {
  std::uint32_t meet;
  return search(ch_->rank(s), ch_->rank(t), meet, false);
}

Weight CHQuery::path_edges(NodeId s, NodeId t, std::vector<std::uint32_t>& edges) {
  edges.clear();
  const std::uint32_t rs = ch_->rank(s), rt = ch_->rank(t);
  std::uint32_t meet;
  const Weight d = search(rs, rt, meet, true);
  if (d == kInfWeight) return d;
  for (std::uint32_t r = meet; r != rs; r = fwd_.tree[r].parent) edges.push_back(fwd_.tree[r].edge);
  std::reverse(edges.begin(), edges.end());
  for (std::uint32_t r = meet; r != rt; r = bwd_.tree[r].parent) edges.push_back(bwd_.tree[r].edge);
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
  // The whole upward search space of s, once.
  fwd_.reset();
  fwd_.record_tree = bwd_.record_tree = false;
  fwd_.set(ch_->rank(s), 0, ch_->rank(s), 0);
  Weight unused_best = 0;
  std::uint32_t unused_meet = 0;
  bwd_.reset();
  while (!fwd_.heap.empty()) step<true>(fwd_, bwd_, unused_best, unused_meet);
  for (std::size_t i = 0; i < targets.size(); ++i) {
    bwd_.reset();
    bwd_.set(ch_->rank(targets[i]), 0, ch_->rank(targets[i]), 0);
    Weight best = kInfWeight;
    std::uint32_t meet = 0;
    while (!bwd_.heap.empty() && bwd_.top() < best) step<false>(bwd_, fwd_, best, meet);
    out[i] = best;
  }
}

}  // namespace routing
