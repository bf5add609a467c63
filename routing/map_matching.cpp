#include "routing/map_matching.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

namespace routing {
namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}

OnlineMapMatcher::OnlineMapMatcher(const EdgeIndex& index, MapMatchParams params)
    : index_(&index), params_(params) {}

std::optional<EdgePoint> OnlineMapMatcher::current() const {
  if (steps_.empty()) return std::nullopt;
  return steps_.back().states[best_].at;
}

std::vector<MatchedStep> OnlineMapMatcher::take_matched() {
  std::vector<MatchedStep> out;
  out.swap(matched_);
  return out;
}

OnlineMapMatcher::Scratch& OnlineMapMatcher::scratch() {
  thread_local Scratch s;
  return s;
}

void OnlineMapMatcher::Scratch::reset(std::size_t nodes) {
  for (NodeId v : touched) dist[v] = kInf;
  touched.clear();
  if (dist.size() < nodes) {
    dist.resize(nodes, kInf);
    via.resize(nodes, 0);
    target.resize(nodes, 0);
  }
}

void OnlineMapMatcher::Scratch::reach(NodeId v, double d, std::uint32_t arc) {
  if (dist[v] == kInf) touched.push_back(v);
  dist[v] = d;
  via[v] = arc;
}

void OnlineMapMatcher::route_distances(const State& state, const std::vector<EdgePoint>& to,
                                       double limit_m) {
  const EdgeIndex& ix = *index_;
  const EdgePoint& from = state.at;
  distance_.assign(to.size(), kInf);
  reached_by_.assign(to.size(), Reach::none);
  // Dijkstra from the head of `from`'s edge over the edges the vehicle may ride, no farther than
  // limit_m in all.
  Scratch& sc = scratch();
  sc.reset(ix.network().node_count());
  // The search ends once every candidate's edge tail is settled: their distances and the routes
  // to them are final then.
  targets_.clear();
  for (const EdgePoint& p : to)
    if (!(p.arc == from.arc && p.offset_m >= from.offset_m)) {
      const NodeId t = ix.arc_tail(p.arc);
      if (!sc.target[t]) targets_.push_back(t);
      sc.target[t] = 1;
    }
  std::size_t unsettled = targets_.size();
  auto& queue = heap_;
  queue.clear();
  const auto later = std::greater<>();
  const NodeId start = ix.arc_head(from.arc);
  const double rest = ix.segment_length_m(from.arc) - from.offset_m;
  sc.reach(start, rest, from.arc);
  if (unsettled > 0) queue.push_back({rest, start});
  while (!queue.empty()) {
    std::pop_heap(queue.begin(), queue.end(), later);
    const auto [d, v] = queue.back();
    queue.pop_back();
    if (d > sc.dist[v]) continue;
    if (sc.target[v] && --unsettled == 0) break;
    const NodeId came_from = ix.arc_tail(sc.via[v]);
    const auto out = ix.out_arcs(v);
    const bool dead_end = out.size() == 1;
    for (const EdgeIndex::OutArc& e : out) {
      if (!(e.modes & params_.modes)) continue;
      // No turning round where the street goes on (a rider does not, and noise would).
      if (e.head == came_from && !dead_end) continue;
      const double nd = d + e.length_m;
      if (nd > limit_m || nd >= sc.dist[e.head]) continue;
      sc.reach(e.head, nd, e.arc);
      queue.push_back({nd, e.head});
      std::push_heap(queue.begin(), queue.end(), later);
    }
  }
  for (NodeId t : targets_) sc.target[t] = 0;
  for (std::size_t i = 0; i < to.size(); ++i) {
    if (to[i].arc == from.arc && to[i].offset_m >= from.offset_m) {
      distance_[i] = to[i].offset_m - from.offset_m;
      reached_by_[i] = Reach::ahead;
      continue;
    }
    const NodeId tail = ix.arc_tail(to[i].arc);
    if (sc.dist[tail] == kInf) continue;
    if (ix.arc_head(to[i].arc) == ix.arc_tail(sc.via[tail]) && ix.out_arcs(tail).size() > 1)
      continue;  // turning round onto the edge back
    distance_[i] = sc.dist[tail] + to[i].offset_m;
    reached_by_[i] = Reach::search;
  }
  // A point a little behind on the same edge, or on an edge ridden just before it: GPS noise along
  // the street, not the vehicle turning round. The route stays where it is.
  for (std::size_t i = 0; i < to.size(); ++i) {
    double back = kInf;
    if (to[i].arc == from.arc && to[i].offset_m < from.offset_m) {
      back = from.offset_m - to[i].offset_m;
    } else {
      double acc = from.offset_m;
      for (std::size_t k = state.behind.size(); k-- > 0 && acc <= params_.backtrack_m;) {
        const double len = ix.segment_length_m(state.behind[k]);
        if (state.behind[k] == to[i].arc) {
          back = acc + len - to[i].offset_m;
          break;
        }
        acc += len;
      }
    }
    if (back <= params_.backtrack_m && back < distance_[i]) {
      distance_[i] = back;
      reached_by_[i] = Reach::back;
    }
  }
}

void OnlineMapMatcher::searched_route(const State& from, const EdgePoint& to,
                                      std::vector<std::uint32_t>& r) const {
  const EdgeIndex& ix = *index_;
  const Scratch& sc = scratch();
  const NodeId start = ix.arc_head(from.at.arc);
  r.clear();
  r.push_back(to.arc);
  for (NodeId v = ix.arc_tail(to.arc); v != start;) {
    const std::uint32_t via = sc.via[v];
    r.push_back(via);
    v = ix.arc_tail(via);
  }
  std::reverse(r.begin(), r.end());
}

double OnlineMapMatcher::turning(std::uint32_t from,
                                 const std::vector<std::uint32_t>& route) const {
  double sum = 0, h = index_->heading_rad(from);
  for (const std::uint32_t a : route) {
    if (index_->segment_length_m(a) == 0) continue;  // no heading
    const double next = index_->heading_rad(a);
    double d = std::abs(next - h);
    if (d > std::numbers::pi) d = 2 * std::numbers::pi - d;
    sum += d;
    h = next;
  }
  return sum;
}

bool OnlineMapMatcher::comes_back(const State& prev,
                                  const std::vector<std::uint32_t>& route) const {
  const EdgeIndex& ix = *index_;
  const auto ridden = [&](std::uint32_t a) {
    const NodeId t = ix.arc_tail(a), h = ix.arc_head(a);
    const auto same = [&](std::uint32_t b) {
      return b == a || (ix.arc_tail(b) == h && ix.arc_head(b) == t);
    };
    return same(prev.at.arc) || std::any_of(prev.behind.begin(), prev.behind.end(), same);
  };
  return std::any_of(route.begin(), route.end(), ridden);
}

void OnlineMapMatcher::set_behind(const State& prev, State& s) const {
  s.behind = prev.behind;
  if (!s.route.empty()) {
    s.behind.push_back(prev.at.arc);
    s.behind.insert(s.behind.end(), s.route.begin(), s.route.end() - 1);
  } else if (s.at.arc != prev.at.arc) {  // backtracked onto an edge ridden before
    const auto it = std::find(s.behind.rbegin(), s.behind.rend(), s.at.arc);
    s.behind.erase(it == s.behind.rend() ? s.behind.begin() : it.base() - 1, s.behind.end());
  }
  // Keep about history_m behind the edge's tail.
  double acc = 0;
  std::size_t keep = 0;
  while (keep < s.behind.size() && acc < params_.history_m)
    acc += index_->segment_length_m(s.behind[s.behind.size() - 1 - keep++]);
  s.behind.erase(s.behind.begin(), s.behind.end() - static_cast<std::ptrdiff_t>(keep));
}

void OnlineMapMatcher::commit(std::size_t k, std::size_t i) {
  std::vector<std::size_t> chosen(k + 1);
  chosen[k] = i;
  for (std::size_t j = k; j > 0; --j)
    chosen[j - 1] = static_cast<std::size_t>(steps_[j].states[chosen[j]].back);
  for (std::size_t j = first_final_ ? 1 : 0; j <= k; ++j) {
    State& s = steps_[j].states[chosen[j]];
    hold({steps_[j].time_s, s.at, std::move(s.route), s.back < 0});
  }
  // The newest final step stays held: the next one may lie a little behind it.
  while (held_.size() > 1) {
    matched_.push_back(std::move(held_.front()));
    held_.pop_front();
  }
  steps_.erase(steps_.begin(), steps_.begin() + static_cast<std::ptrdiff_t>(k));
  first_final_ = true;
  // Only what descends from the final state stays.
  std::vector<std::int32_t> kept{static_cast<std::int32_t>(i)};
  for (std::size_t j = 0; j < steps_.size(); ++j) {
    std::vector<State>& states = steps_[j].states;
    std::vector<std::int32_t> next_kept;
    std::vector<State> survivors;
    std::int32_t new_best = -1;
    for (std::size_t s = 0; s < states.size(); ++s) {
      const bool keep =
          j == 0 ? static_cast<std::int32_t>(s) == kept[0]
                 : states[s].back >= 0 && kept[static_cast<std::size_t>(states[s].back)] >= 0;
      next_kept.push_back(keep ? static_cast<std::int32_t>(survivors.size()) : -1);
      if (!keep) continue;
      if (j == steps_.size() - 1 && s == best_)
        new_best = static_cast<std::int32_t>(survivors.size());
      State st = std::move(states[s]);
      if (j > 0) st.back = kept[static_cast<std::size_t>(st.back)];
      survivors.push_back(std::move(st));
    }
    states = std::move(survivors);
    kept = std::move(next_kept);
    if (j == steps_.size() - 1) best_ = new_best >= 0 ? static_cast<std::size_t>(new_best) : 0;
  }
  if (steps_.size() == 1) best_ = 0;
}

std::vector<EdgePoint> OnlineMapMatcher::node_candidates(LatLon ping,
                                                         const std::vector<EdgePoint>& near) const {
  const EdgeIndex& ix = *index_;
  std::vector<NodeId> nodes;
  for (const EdgePoint& p : near) {
    nodes.push_back(ix.arc_tail(p.arc));
    nodes.push_back(ix.arc_head(p.arc));
  }
  std::sort(nodes.begin(), nodes.end());
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  std::vector<EdgePoint> out;
  for (const NodeId v : nodes) {
    const LatLon at = ix.network().position(v);
    const double d = haversine_m(ping, at);
    if (d > params_.search_radius_m) continue;
    for (const EdgeIndex::OutArc& e : ix.out_arcs(v))
      if ((e.modes & params_.modes) && ix.segment_length_m(e.arc) > 0)
        out.push_back({e.arc, 0, d, at});
  }
  std::sort(out.begin(), out.end(), [](const EdgePoint& a, const EdgePoint& b) {
    return a.distance_m != b.distance_m ? a.distance_m < b.distance_m : a.arc < b.arc;
  });
  if (out.size() > params_.max_candidates) out.resize(params_.max_candidates);
  return out.empty() ? near : out;
}

void OnlineMapMatcher::hold(MatchedStep m) {
  // A step a little behind the one before (backtrack_m): the vehicle did not ride back, it was
  // never further than this step, so the steps before are moved back to it and lose the edges
  // beyond it.
  const bool behind = !m.after_break && m.route.empty() && !held_.empty() &&
                      (m.at.arc != held_.back().at.arc || m.at.offset_m < held_.back().at.offset_m);
  for (std::size_t j = held_.size(); behind && j-- > 0;) {
    MatchedStep& p = held_[j];
    if (p.at.arc == m.at.arc) {
      p.at = m.at;
      break;
    }
    const auto it = std::find(p.route.begin(), p.route.end(), m.at.arc);
    p.at = m.at;
    if (it != p.route.end()) {
      p.route.erase(it + 1, p.route.end());
      break;
    }
    p.route.clear();
    if (p.after_break) break;
  }
  held_.push_back(std::move(m));
}

void OnlineMapMatcher::commit_coalesced() {
  if (steps_.size() < 2) return;
  std::vector<std::int32_t> alive;
  const auto& last = steps_.back().states;
  for (std::size_t s = 0; s < last.size(); ++s)
    if (last[s].log_p > -kInf) alive.push_back(static_cast<std::int32_t>(s));
  for (std::size_t j = steps_.size() - 1; j > 0; --j) {
    for (std::int32_t& s : alive) s = steps_[j].states[static_cast<std::size_t>(s)].back;
    std::sort(alive.begin(), alive.end());
    alive.erase(std::unique(alive.begin(), alive.end()), alive.end());
    if (alive.size() == 1) {
      if (j - 1 > 0 || !first_final_) commit(j - 1, static_cast<std::size_t>(alive[0]));
      break;
    }
  }
  if (steps_.size() > params_.max_pending + 1) {
    const std::size_t k = steps_.size() - 1 - params_.max_pending;
    std::size_t s = best_;
    for (std::size_t j = steps_.size() - 1; j > k; --j)
      s = static_cast<std::size_t>(steps_[j].states[s].back);
    commit(k, s);
  }
}

void OnlineMapMatcher::flush() {
  if (steps_.empty()) return;
  commit(steps_.size() - 1, best_);
  // The stream's end: a vehicle at a node was seen arriving there, not leaving. The last step at
  // the very start of an edge is put at the end of the edge it came by (when in its route).
  if (!held_.empty() && held_.back().at.offset_m == 0 && held_.back().route.size() >= 2) {
    MatchedStep& m = held_.back();
    m.route.pop_back();
    m.at.arc = m.route.back();
    m.at.offset_m = index_->segment_length_m(m.at.arc);
  }
  for (MatchedStep& m : held_) matched_.push_back(std::move(m));
  held_.clear();
}

std::optional<EdgePoint> OnlineMapMatcher::add(LatLon ping, double time_s) {
  if (!steps_.empty() && time_s < steps_.back().time_s)
    throw std::invalid_argument("map matching: a ping earlier than the previous one");
  if (!steps_.empty() && haversine_m(ping, last_ping_) < params_.min_move_m) return current();
  std::vector<EdgePoint> candidates =
      index_->near(ping, params_.search_radius_m, params_.max_candidates);
  if (candidates.empty()) return std::nullopt;
  if (steps_.empty() && params_.start_at_node) candidates = node_candidates(ping, candidates);

  Step step{time_s, std::vector<State>(candidates.size())};
  for (std::size_t j = 0; j < candidates.size(); ++j) {
    step.states[j].at = candidates[j];
    step.states[j].log_p = -kInf;
  }
  const double inv_two_var = 1.0 / (2 * params_.sigma_m * params_.sigma_m);
  std::vector<double> emission(candidates.size());
  for (std::size_t j = 0; j < candidates.size(); ++j)
    emission[j] = candidates[j].distance_m * candidates[j].distance_m * inv_two_var;
  if (!steps_.empty()) {
    const std::vector<State>& prev = steps_.back().states;
    const double straight = haversine_m(last_ping_, ping);
    const double limit =
        params_.max_speed_mps * (time_s - steps_.back().time_s) + 2 * params_.search_radius_m;
    // The likeliest previous states first: then a transition can only matter to candidate j if
    // it beats j's value so far and keeps j within the beam of the best so far (`top`), which
    // bounds the route searched and skips states that can matter to none.
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < prev.size(); ++i)
      if (prev[i].log_p > -kInf) order.push_back(i);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return prev[a].log_p > prev[b].log_p; });
    double top = -kInf;
    std::vector<std::uint32_t> route;
    for (const std::size_t i : order) {
      double floor = kInf;
      for (std::size_t j = 0; j < candidates.size(); ++j)
        floor =
            std::min(floor, std::max(step.states[j].log_p, top - params_.beam_nats + emission[j]));
      if (prev[i].log_p <= floor) continue;
      route_distances(prev[i], candidates,
                      std::min(limit, straight + params_.beta_m * (prev[i].log_p - floor)));
      const auto index = static_cast<std::int32_t>(i);
      for (std::size_t j = 0; j < candidates.size(); ++j) {
        if (distance_[j] == kInf) continue;
        double lp = prev[i].log_p - std::abs(distance_[j] - straight) / params_.beta_m;
        State& s = step.states[j];
        // The loop penalty only lowers lp; on a tie the lower index wins.
        if (lp < s.log_p || (lp == s.log_p && index > s.back)) continue;
        route.clear();
        if (reached_by_[j] == Reach::search) searched_route(prev[i], candidates[j], route);
        if (comes_back(prev[i], route)) lp -= params_.loop_penalty;
        if (params_.turn_penalty > 0 && !route.empty())
          lp -= params_.turn_penalty * turning(prev[i].at.arc, route);
        if (lp > s.log_p || (lp == s.log_p && index < s.back)) {
          s.log_p = lp;
          s.back = index;
          s.route = route;
          set_behind(prev[i], s);
          top = std::max(top, lp - emission[j]);
        }
      }
    }
  }
  const bool any = std::any_of(step.states.begin(), step.states.end(),
                               [](const State& s) { return s.log_p > -kInf; });
  if (!any) {
    if (!steps_.empty()) {
      ++breaks_;
      flush();
      steps_.clear();
      first_final_ = false;
    }
    for (State& s : step.states) s.log_p = 0;
  }
  double top = -kInf;
  std::size_t best = 0;
  for (std::size_t j = 0; j < step.states.size(); ++j) {
    State& s = step.states[j];
    if (s.log_p == -kInf) continue;
    s.log_p -= emission[j];
    if (s.log_p > top) top = s.log_p, best = j;
  }
  for (State& s : step.states) {
    if (s.log_p == -kInf) continue;
    s.log_p -= top;  // the best is 0: no drift over a long shift
    if (s.log_p < -params_.beam_nats) s.log_p = -kInf;
  }
  steps_.push_back(std::move(step));
  best_ = best;
  last_ping_ = ping;
  commit_coalesced();
  return current();
}

}  // namespace routing
