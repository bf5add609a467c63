#include "routing/ch_query.h"

#include <algorithm>
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
    for (Label& l : labels) l.stamp = 0;
    round = 1;
  }
  heap.clear();
}

void CHQuery::Side::set(std::uint32_t r, Weight d, std::uint32_t from, std::uint32_t via) {
  labels[r] = {d, round, from, via};
  heap.push_back({d, r});
  std::push_heap(heap.begin(), heap.end(), std::greater<>());
}

CHQuery::CHQuery(const ContractionHierarchy& ch) : ch_(&ch) {
  fwd_.labels.resize(ch.node_count());
  bwd_.labels.resize(ch.node_count());
}

template <bool kForward>
void CHQuery::step(Side& me, const Side& other, Weight& best, std::uint32_t& meet) {
  std::pop_heap(me.heap.begin(), me.heap.end(), std::greater<>());
  const auto [d, r] = me.heap.back();
  me.heap.pop_back();
  if (d != me.get(r)) return;
  const Weight there = other.get(r);
  if (there != kInfWeight && sum(d, there) < best) best = sum(d, there), meet = r;
  // Stall: a higher node already reached reaches r more cheaply, so r is not on a shortest path.
  const auto* s_begin = kForward ? ch_->down_begin(r) : ch_->up_begin(r);
  const auto* s_end = kForward ? ch_->down_end(r) : ch_->up_end(r);
  for (const auto* e = s_begin; e != s_end; ++e)
    if (sum(me.get(e->head), e->weight) < d) return;
  const auto* begin = kForward ? ch_->up_begin(r) : ch_->down_begin(r);
  const auto* end = kForward ? ch_->up_end(r) : ch_->down_end(r);
  for (const auto* e = begin; e != end; ++e) {
    const Weight nd = sum(d, e->weight);
    if (nd < me.get(e->head)) me.set(e->head, nd, r, e->via);
  }
}

Weight CHQuery::search(std::uint32_t s, std::uint32_t t, std::uint32_t& meet) {
  fwd_.reset();
  bwd_.reset();
  fwd_.set(s, 0, s, 0);
  bwd_.set(t, 0, t, 0);
  Weight best = kInfWeight;
  meet = s;
  while (true) {
    const Weight f = fwd_.heap.empty() ? kInfWeight : fwd_.heap.front().first;
    const Weight b = bwd_.heap.empty() ? kInfWeight : bwd_.heap.front().first;
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
  return search(ch_->rank(s), ch_->rank(t), meet);
}

Weight CHQuery::path(NodeId s, NodeId t, std::vector<std::uint32_t>& arcs) {
  arcs.clear();
  const std::uint32_t rs = ch_->rank(s), rt = ch_->rank(t);
  std::uint32_t meet;
  const Weight d = search(rs, rt, meet);
  if (d == kInfWeight) return d;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> up;  // (node, via of the edge into it)
  for (std::uint32_t r = meet; r != rs; r = fwd_.labels[r].parent)
    up.push_back({r, fwd_.labels[r].via});
  std::reverse(up.begin(), up.end());
  std::uint32_t from = rs;
  for (const auto& [r, via] : up) {
    ch_->unpack(from, r, via, arcs);
    from = r;
  }
  for (std::uint32_t r = meet; r != rt; r = bwd_.labels[r].parent)
    ch_->unpack(r, bwd_.labels[r].parent, bwd_.labels[r].via, arcs);
  return d;
}

void CHQuery::one_to_many(NodeId s, std::span<const NodeId> targets, std::vector<Weight>& out) {
  out.assign(targets.size(), kInfWeight);
  // The whole upward search space of s, once.
  fwd_.reset();
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
    while (!bwd_.heap.empty() && bwd_.heap.front().first < best)
      step<false>(bwd_, fwd_, best, meet);
    out[i] = best;
  }
}

}  // namespace routing
