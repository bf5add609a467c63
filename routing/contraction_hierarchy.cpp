#include "routing/contraction_hierarchy.h"

#include <algorithm>
#include <cassert>
#include <functional>
#include <iterator>
#include <stdexcept>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/task_arena.h>

#include "routing/parallel_loop.h"

namespace routing {

namespace {

// Witness searches give up after settling this many nodes: a missed witness only costs an
// unneeded shortcut, never a wrong distance.
constexpr std::uint32_t kWitnessSettleLimit = 500;
// Priorities only estimate how many shortcuts a node would need, so their witness searches stop
// far sooner: on a 200 x 200 grid this cuts preprocessing fourfold for 5% more shortcuts.
constexpr std::uint32_t kEstimateSettleLimit = 20;

// An edge of the graph being contracted. `via`: original arc id, or kShortcut | bypassed node.
struct DynEdge {
  NodeId other;
  Weight weight;
  std::uint32_t via;
  std::uint32_t originals;  // how many original arcs it stands for
};

struct Shortcut {
  NodeId from, to;
  Weight weight;
  NodeId middle;
  std::uint32_t originals;
};

Weight add_weights(Weight a, Weight b) {
  const std::uint64_t s = static_cast<std::uint64_t>(a) + b;
  return s >= kInfWeight ? kInfWeight - 1 : static_cast<Weight>(s);
}

// Adds from -> to to a list, or lowers the weight of the edge already there.
void add_or_lower(std::vector<DynEdge>& list, const DynEdge& e) {
  for (auto& x : list)
    if (x.other == e.other) {
      if (e.weight < x.weight) x = e;
      return;
    }
  list.push_back(e);
}

void remove_node(std::vector<DynEdge>& list, NodeId n) {
  list.erase(
      std::remove_if(list.begin(), list.end(), [n](const DynEdge& e) { return e.other == n; }),
      list.end());
}

// Dijkstra on the remaining graph, skipping contracted nodes and `skip`, one per thread.
class WitnessSearch {
 public:
  explicit WitnessSearch(std::size_t n) : dist_(n, kInfWeight), stamp_(n, 0), target_(n, 0) {}

  // Stops once every node with target_of() == true is settled, past `limit`, or at the settle
  // limit.
  void run(const std::vector<std::vector<DynEdge>>& out, const std::vector<std::uint8_t>& gone,
           NodeId source, NodeId skip, Weight limit, const std::vector<DynEdge>& targets,
           std::uint32_t settle_limit) {
    if (++round_ == 0) {
      std::fill(stamp_.begin(), stamp_.end(), 0);
      std::fill(target_.begin(), target_.end(), 0);
      round_ = 1;
    }
    std::size_t open = 0;
    for (const DynEdge& t : targets)
      if (t.other != source && !gone[t.other] && target_[t.other] != round_)
        target_[t.other] = round_, ++open;
    heap_.clear();
    set(source, 0);
    heap_.push_back({0, source});
    std::uint32_t settled = 0;
    while (!heap_.empty() && open > 0) {
      std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
      const auto [d, u] = heap_.back();
      heap_.pop_back();
      if (d != get(u)) continue;
      if (d > limit || ++settled > settle_limit) break;
      if (target_[u] == round_) --open;
      for (const DynEdge& e : out[u]) {
        if (e.other == skip || gone[e.other]) continue;
        const Weight nd = add_weights(d, e.weight);
        if (nd < get(e.other)) {
          set(e.other, nd);
          heap_.push_back({nd, e.other});
          std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
        }
      }
    }
  }
  Weight get(NodeId n) const { return stamp_[n] == round_ ? dist_[n] : kInfWeight; }

 private:
  void set(NodeId n, Weight d) {
    dist_[n] = d;
    stamp_[n] = round_;
  }
  std::vector<Weight> dist_;
  std::vector<std::uint32_t> stamp_;
  std::vector<std::uint32_t> target_;
  std::uint32_t round_ = 0;
  std::vector<std::pair<Weight, NodeId>> heap_;
};

class Contractor {
 public:
  Contractor(std::size_t n, const std::vector<MetricArc>& arcs)
      : n_(n), out_(n), in_(n), gone_(n, 0), level_(n, 0), priority_(n, 0), searches_([n] {
          return WitnessSearch(n);
        }) {
    for (const auto& a : arcs) {
      if (a.from >= n || a.to >= n) throw std::invalid_argument("metric arc to a missing node");
      if (a.arc >= ContractionHierarchy::kShortcut)
        throw std::invalid_argument("metric arc id too large");
      if (a.from == a.to || a.weight == kInfWeight) continue;
      add_or_lower(out_[a.from], {a.to, a.weight, a.arc, 1});
      add_or_lower(in_[a.to], {a.from, a.weight, a.arc, 1});
    }
    final_out_.resize(n);
    final_in_.resize(n);
  }

  // Contracts every node; returns them in contraction order (rank order).
  std::vector<NodeId> run() {
    std::vector<NodeId> remaining(n_);
    for (NodeId v = 0; v < n_; ++v) remaining[v] = v;
    parallel_loop(n_, [&](std::size_t v) { priority_[v] = priority(static_cast<NodeId>(v)); });
    std::vector<NodeId> order;
    order.reserve(n_);
    std::vector<std::uint8_t> selected(n_, 0);
    std::vector<std::uint8_t> touched(n_, 0);
    while (!remaining.empty()) {
      parallel_loop(remaining.size(), [&](std::size_t i) {
        selected[remaining[i]] = independent(remaining[i]) ? 1 : 0;
      });
      std::vector<NodeId> batch;
      std::vector<NodeId> rest;
      for (NodeId v : remaining) (selected[v] ? batch : rest).push_back(v);
      for (NodeId v : batch) gone_[v] = 1;
      std::vector<std::vector<Shortcut>> shortcuts(batch.size());
      parallel_loop(batch.size(),
                    [&](std::size_t i) { shortcuts[i] = simulate(batch[i], searches_.local()); });
      std::vector<NodeId> neighbours;
      for (std::size_t i = 0; i < batch.size(); ++i) {
        const NodeId u = batch[i];
        for (const DynEdge& e : in_[u]) {
          remove_node(out_[e.other], u);
          if (!touched[e.other]) touched[e.other] = 1, neighbours.push_back(e.other);
          level_[e.other] = std::max(level_[e.other], level_[u] + 1);
        }
        for (const DynEdge& e : out_[u]) {
          remove_node(in_[e.other], u);
          if (!touched[e.other]) touched[e.other] = 1, neighbours.push_back(e.other);
          level_[e.other] = std::max(level_[e.other], level_[u] + 1);
        }
        for (const Shortcut& s : shortcuts[i]) {
          const std::uint32_t via = ContractionHierarchy::kShortcut | s.middle;
          add_or_lower(out_[s.from], {s.to, s.weight, via, s.originals});
          add_or_lower(in_[s.to], {s.from, s.weight, via, s.originals});
        }
        final_out_[u] = std::move(out_[u]);
        final_in_[u] = std::move(in_[u]);
        out_[u] = {};
        in_[u] = {};
        order.push_back(u);
      }
      parallel_loop(neighbours.size(),
                    [&](std::size_t i) { priority_[neighbours[i]] = priority(neighbours[i]); });
      for (NodeId v : neighbours) touched[v] = 0;
      remaining = std::move(rest);
    }
    return order;
  }

  const std::vector<DynEdge>& final_out(NodeId u) const { return final_out_[u]; }
  const std::vector<DynEdge>& final_in(NodeId u) const { return final_in_[u]; }

 private:
  // The shortcuts contracting u needs: for each x -> u -> y with no path as short avoiding u.
  std::vector<Shortcut> simulate(NodeId u, WitnessSearch& search,
                                 std::uint32_t settle_limit = kWitnessSettleLimit) const {
    std::vector<Shortcut> result;
    for (const DynEdge& in : in_[u]) {
      if (gone_[in.other]) continue;
      Weight limit = 0;
      for (const DynEdge& out : out_[u])
        if (out.other != in.other && !gone_[out.other])
          limit = std::max(limit, add_weights(in.weight, out.weight));
      if (limit == 0) continue;
      search.run(out_, gone_, in.other, u, limit, out_[u], settle_limit);
      for (const DynEdge& out : out_[u]) {
        if (out.other == in.other || gone_[out.other]) continue;
        const Weight via_u = add_weights(in.weight, out.weight);
        if (search.get(out.other) > via_u)
          result.push_back({in.other, out.other, via_u, u, in.originals + out.originals});
      }
    }
    return result;
  }

  // Edge quotient, original-edge quotient and depth, as OSRM weighs them.
  float priority(NodeId u) {
    const auto shortcuts = simulate(u, searches_.local(), kEstimateSettleLimit);
    std::uint32_t removed = 0, removed_originals = 0, added_originals = 0;
    for (const auto* list : {&in_[u], &out_[u]})
      for (const DynEdge& e : *list)
        if (!gone_[e.other]) ++removed, removed_originals += e.originals;
    for (const auto& s : shortcuts) added_originals += s.originals;
    return 2.0f * static_cast<float>(shortcuts.size()) / static_cast<float>(std::max(1u, removed)) +
           static_cast<float>(added_originals) /
               static_cast<float>(std::max(1u, removed_originals)) +
           static_cast<float>(level_[u]);
  }

  // u goes in this round if it is the least important of its neighbourhood (ties by a hash).
  bool independent(NodeId u) const {
    auto key = [this](NodeId v) {
      return std::pair(priority_[v], static_cast<std::uint32_t>(v * 2654435761u));
    };
    const auto mine = key(u);
    for (const auto* list : {&in_[u], &out_[u]})
      for (const DynEdge& e : *list)
        if (!gone_[e.other] && key(e.other) < mine) return false;
    return true;
  }

  std::size_t n_;
  std::vector<std::vector<DynEdge>> out_, in_;
  std::vector<std::vector<DynEdge>> final_out_, final_in_;
  std::vector<std::uint8_t> gone_;
  std::vector<std::uint32_t> level_;
  std::vector<float> priority_;
  tbb::enumerable_thread_specific<WitnessSearch> searches_;
};

}  // namespace

ContractionHierarchy ContractionHierarchy::build(std::size_t node_count,
                                                 const std::vector<MetricArc>& arcs, int threads) {
  Contractor contractor(node_count, arcs);
  std::vector<NodeId> order;
#if defined(__SANITIZE_THREAD__)
  order = contractor.run();
#else
  // An arena only to hold the thread count down; the hierarchy does not depend on it.
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  arena.execute([&] { order = contractor.run(); });
#endif

  ContractionHierarchy ch;
  ch.node_ = order;
  ch.rank_.assign(node_count, 0);
  for (std::uint32_t r = 0; r < order.size(); ++r) ch.rank_[ch.node_[r]] = r;
  auto via_of = [&](const DynEdge& e) {
    return e.via & kShortcut ? kShortcut | ch.rank_[e.via & ~kShortcut] : e.via;
  };
  ch.first_.assign(node_count + 1, 0);
  ch.split_.assign(node_count, 0);
  for (std::uint32_t r = 0; r < node_count; ++r) {
    const auto up = static_cast<std::uint32_t>(contractor.final_out(ch.node_[r]).size());
    const auto down = static_cast<std::uint32_t>(contractor.final_in(ch.node_[r]).size());
    ch.split_[r] = ch.first_[r] + up;
    ch.first_[r + 1] = ch.split_[r] + down;
  }
  ch.edges_.resize(ch.first_.back());
  ch.via_.resize(ch.first_.back());
  parallel_loop(node_count, [&](std::size_t r) {
    auto fill = [&](const std::vector<DynEdge>& from, std::uint32_t at) {
      std::vector<std::pair<std::uint32_t, const DynEdge*>> sorted;
      for (const DynEdge& e : from) sorted.push_back({ch.rank_[e.other], &e});
      std::sort(sorted.begin(), sorted.end());
      for (const auto& [head, e] : sorted) {
        ch.edges_[at] = {head, e->weight};
        ch.via_[at++] = via_of(*e);
      }
    };
    fill(contractor.final_out(ch.node_[r]), ch.first_[r]);
    fill(contractor.final_in(ch.node_[r]), ch.split_[r]);
  });
  ch.link_halves();
  ch.source_checksum_ = checksum(node_count, arcs);
  return ch;
}

std::size_t ContractionHierarchy::shortcut_count() const {
  std::size_t n = 0;
  for (std::uint32_t v : via_) n += (v & kShortcut) != 0;
  return n;
}

void ContractionHierarchy::unpack(std::uint32_t edge, std::vector<std::uint32_t>& arcs) const {
  // Depth first with an explicit stack: the second half waits while the first is unpacked.
  std::uint32_t stack[64];
  std::size_t depth = 0;
  stack[depth++] = edge;
  while (depth > 0) {
    const std::uint32_t e = stack[--depth];
    if (!(via_[e] & kShortcut)) {
      arcs.push_back(via_[e]);
    } else if (depth + 2 <= std::size(stack)) {
      stack[depth++] = halves_[e][1];
      stack[depth++] = halves_[e][0];
    } else {
      unpack(halves_[e][0], arcs);
      unpack(halves_[e][1], arcs);
    }
  }
}

// An up edge low -> head bypassing `middle` (ranked below both) is low -> middle, stored among
// middle's down edges, then middle -> head among its up edges; a down edge head -> low is
// head -> middle (down at middle) then middle -> low (up at middle).
void ContractionHierarchy::link_halves() {
  halves_.assign(edges_.size(), {0, 0});
  auto find = [&](const Edge* begin, const Edge* end, std::uint32_t node) {
    const Edge* it = std::lower_bound(begin, end, node,
                                      [](const Edge& x, std::uint32_t n) { return x.head < n; });
    assert(it != end && it->head == node);
    return edge_index(it);
  };
  parallel_loop(node_.size(), [&](std::size_t r) {
    const auto low = static_cast<std::uint32_t>(r);
    for (std::uint32_t e = first_[low]; e < first_[low + 1]; ++e) {
      if (!(via_[e] & kShortcut)) continue;
      const std::uint32_t middle = via_[e] & ~kShortcut;
      const std::uint32_t head = edges_[e].head;
      const bool up = e < split_[low];
      halves_[e] = {find(down_begin(middle), down_end(middle), up ? low : head),
                    find(up_begin(middle), up_end(middle), up ? head : low)};
    }
  });
}

std::uint64_t ContractionHierarchy::checksum(std::size_t node_count,
                                             const std::vector<MetricArc>& arcs) {
  // FNV-1a over the node count and every arc's fields.
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&h](std::uint64_t v) {
    for (int i = 0; i < 8; ++i) {
      h ^= (v >> (8 * i)) & 0xff;
      h *= 1099511628211ull;
    }
  };
  mix(node_count);
  for (const auto& a : arcs) {
    mix(a.from);
    mix(a.to);
    mix(a.weight);
    mix(a.arc);
  }
  return h;
}

}  // namespace routing
