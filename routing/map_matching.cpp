#include "routing/map_matching.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>
#include <stdexcept>

#include <boost/range/iterator_range.hpp>

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
  }
}

void OnlineMapMatcher::Scratch::reach(NodeId v, double d, std::uint32_t arc) {
  if (dist[v] == kInf) touched.push_back(v);
  dist[v] = d;
  via[v] = arc;
}

void OnlineMapMatcher::route_distances(const State& state, const std::vector<EdgePoint>& to,
                                       double limit_m, std::vector<double>& out,
                                       std::vector<std::vector<std::uint32_t>>& routes) {
  const RoadNetwork& net = index_->network();
  const Graph& g = net.graph();
  const EdgePoint& from = state.at;
  out.assign(to.size(), kInf);
  routes.assign(to.size(), {});
  // Dijkstra from the head of `from`'s edge over the edges the vehicle may ride, no farther than
  // limit_m in all.
  Scratch& sc = scratch();
  sc.reset(boost::num_vertices(g));
  // The search ends once every candidate's edge tail is settled: their distances and the routes
  // to them are final then.
  targets_.clear();
  for (const EdgePoint& p : to)
    if (!(p.arc == from.arc && p.offset_m >= from.offset_m))
      targets_.push_back(net.arc_tail(p.arc));
  std::sort(targets_.begin(), targets_.end());
  targets_.erase(std::unique(targets_.begin(), targets_.end()), targets_.end());
  std::size_t unsettled = targets_.size();
  auto& queue = heap_;
  queue.clear();
  const auto later = std::greater<>();
  const NodeId start = net.arc_head(from.arc);
  const double rest = index_->segment_length_m(from.arc) - from.offset_m;
  sc.reach(start, rest, from.arc);
  if (unsettled > 0) queue.push_back({rest, start});
  while (!queue.empty()) {
    std::pop_heap(queue.begin(), queue.end(), later);
    const auto [d, v] = queue.back();
    queue.pop_back();
    if (d > sc.dist[v]) continue;
    if (std::binary_search(targets_.begin(), targets_.end(), v) && --unsettled == 0) break;
    const NodeId came_from = net.arc_tail(sc.via[v]);
    const bool dead_end = boost::out_degree(v, g) == 1;
    for (auto e : boost::make_iterator_range(boost::out_edges(v, g))) {
      const EdgeProps& p = g[e];
      if (!(p.modes & params_.modes)) continue;
      // No turning round where the street goes on (a rider does not, and noise would).
      if (boost::target(e, g) == came_from && !dead_end) continue;
      const double nd = d + p.length_m;
      if (nd > limit_m) continue;
      const auto arc = static_cast<std::uint32_t>(boost::get(boost::edge_index, g, e));
      if (nd >= sc.dist[boost::target(e, g)]) continue;
      sc.reach(boost::target(e, g), nd, arc);
      queue.push_back({nd, boost::target(e, g)});
      std::push_heap(queue.begin(), queue.end(), later);
    }
  }
  for (std::size_t i = 0; i < to.size(); ++i) {
    if (to[i].arc == from.arc && to[i].offset_m >= from.offset_m) {
      out[i] = to[i].offset_m - from.offset_m;
      continue;
    }
    const NodeId tail = net.arc_tail(to[i].arc);
    if (sc.dist[tail] == kInf) continue;
    if (net.arc_head(to[i].arc) == net.arc_tail(sc.via[tail]) && boost::out_degree(tail, g) > 1)
      continue;  // turning round onto the edge back
    out[i] = sc.dist[tail] + to[i].offset_m;
    std::vector<std::uint32_t>& r = routes[i];
    r.push_back(to[i].arc);
    for (NodeId v = net.arc_tail(to[i].arc); v != start;) {
      const std::uint32_t via = sc.via[v];
      r.push_back(via);
      v = net.arc_tail(via);
    }
    std::reverse(r.begin(), r.end());
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
        const double len = index_->segment_length_m(state.behind[k]);
        if (state.behind[k] == to[i].arc) {
          back = acc + len - to[i].offset_m;
          break;
        }
        acc += len;
      }
    }
    if (back <= params_.backtrack_m && back < out[i]) {
      out[i] = back;
      routes[i].clear();
    }
  }
}

bool OnlineMapMatcher::comes_back(const State& prev,
                                  const std::vector<std::uint32_t>& route) const {
  const RoadNetwork& net = index_->network();
  const auto ridden = [&](std::uint32_t a) {
    const NodeId t = net.arc_tail(a), h = net.arc_head(a);
    const auto same = [&](std::uint32_t b) {
      return b == a || (net.arc_tail(b) == h && net.arc_head(b) == t);
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
    matched_.push_back({steps_[j].time_s, s.at, std::move(s.route), s.back < 0});
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
}

std::optional<EdgePoint> OnlineMapMatcher::add(LatLon ping, double time_s) {
  if (!steps_.empty() && time_s < steps_.back().time_s)
    throw std::invalid_argument("map matching: a ping earlier than the previous one");
  if (!steps_.empty() && haversine_m(ping, last_ping_) < params_.min_move_m) return current();
  std::vector<EdgePoint> candidates =
      index_->near(ping, params_.search_radius_m, params_.max_candidates);
  if (candidates.empty()) return std::nullopt;

  Step step{time_s, std::vector<State>(candidates.size())};
  for (std::size_t j = 0; j < candidates.size(); ++j) {
    step.states[j].at = candidates[j];
    step.states[j].log_p = -kInf;
  }
  if (!steps_.empty()) {
    const std::vector<State>& prev = steps_.back().states;
    const double straight = haversine_m(last_ping_, ping);
    const double limit =
        params_.max_speed_mps * (time_s - steps_.back().time_s) + 2 * params_.search_radius_m;
    std::vector<double> route;
    std::vector<std::vector<std::uint32_t>> routes;
    for (std::size_t i = 0; i < prev.size(); ++i) {
      if (prev[i].log_p == -kInf) continue;
      route_distances(prev[i], candidates, limit, route, routes);
      for (std::size_t j = 0; j < candidates.size(); ++j) {
        if (route[j] == kInf) continue;
        double lp = prev[i].log_p - std::abs(route[j] - straight) / params_.beta_m;
        if (comes_back(prev[i], routes[j])) lp -= params_.loop_penalty;
        if (lp > step.states[j].log_p) {
          step.states[j].log_p = lp;
          step.states[j].back = static_cast<std::int32_t>(i);
          State& s = step.states[j];
          s.route = std::move(routes[j]);
          set_behind(prev[i], s);
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
  const double inv_two_var = 1.0 / (2 * params_.sigma_m * params_.sigma_m);
  double top = -kInf;
  std::size_t best = 0;
  for (std::size_t j = 0; j < step.states.size(); ++j) {
    State& s = step.states[j];
    if (s.log_p == -kInf) continue;
    s.log_p -= s.at.distance_m * s.at.distance_m * inv_two_var;
    if (s.log_p > top) top = s.log_p, best = j;
  }
  for (State& s : step.states)
    if (s.log_p > -kInf) s.log_p -= top;  // the best is 0: no drift over a long shift
  steps_.push_back(std::move(step));
  best_ = best;
  last_ping_ = ping;
  commit_coalesced();
  return current();
}

}  // namespace routing
