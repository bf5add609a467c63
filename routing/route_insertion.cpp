#include "routing/route_insertion.h"

#include <algorithm>
#include <tuple>

namespace routing {

std::size_t MemoTravel::KeyHash::operator()(const Key& k) const {
  std::uint64_t h = (static_cast<std::uint64_t>(k.from) << 32) | k.to;
  h ^= static_cast<std::uint64_t>(k.depart_ms) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h ^= static_cast<std::uint64_t>(k.profile) * 0xff51afd7ed558ccdULL;
  return std::hash<std::uint64_t>{}(h);
}

std::int64_t MemoTravel::travel_ms(std::uint32_t profile, NodeId from, NodeId to,
                                   std::int64_t depart_ms) const {
  const Key key{profile, from, to, depart_ms};
  if (const auto it = cache_.find(key); it != cache_.end()) return it->second;
  const std::int64_t t = inner_.travel_ms(profile, from, to, depart_ms);
  cache_.emplace(key, t);
  return t;
}

namespace {

// `inner` with every leg to or from `node` at its lower bound.
class BoundedAt : public TravelOracle {
 public:
  BoundedAt(const TravelOracle& inner, NodeId node) : inner_(inner), node_(node) {}
  std::int64_t travel_ms(std::uint32_t profile, NodeId from, NodeId to,
                         std::int64_t depart_ms) const override {
    if (from == node_ || to == node_) return inner_.lower_bound_ms(profile, from, to);
    return inner_.travel_ms(profile, from, to, depart_ms);
  }

 private:
  const TravelOracle& inner_;
  NodeId node_;
};

}  // namespace

Insertion best_insertion(const DispatchProblem& problem, const DispatchVehicle& vehicle,
                         const std::vector<Stop>& route, std::uint32_t job,
                         const TravelOracle& travel, std::int64_t bound) {
  Insertion best;
  const std::int64_t before = route_cost(time_route(problem, vehicle, route, travel));
  const std::size_t n = route.size();
  std::vector<Stop> candidate(n + 2);
  auto make_candidate = [&](std::size_t i, std::size_t j) {
    for (std::size_t pos = 0, old = 0; pos < n + 2; ++pos) {
      if (pos == i) {
        candidate[pos] = {job, Stop::Kind::pickup};
      } else if (pos == j) {
        candidate[pos] = {job, Stop::Kind::dropoff};
      } else {
        candidate[pos] = route[old++];
      }
    }
  };
  // load[k]: units on board after the route's first k stops. Carrying the job from before stop i
  // to before stop j - 1 needs room over load[i..j-1]; checked before asking for any travel time.
  std::vector<int> load(n + 1, vehicle.load);
  for (std::size_t k = 0; k < n; ++k) {
    const int size = route[k].job < problem.jobs.size() ? problem.jobs[route[k].job].size : 0;
    load[k + 1] = load[k] + (route[k].kind == Stop::Kind::pickup ? size : -size);
  }
  const int size = job < problem.jobs.size() ? problem.jobs[job].size : 0;
  // Each position that fits, priced by its lower bound; i and j are the pickup's and drop-off's
  // positions in the new route. Feasibility does not depend on travel times, so a position the
  // bound finds infeasible is.
  struct Position {
    std::int64_t lower_bound;
    std::uint32_t i, j;
  };
  std::vector<Position> positions;
  const BoundedAt bounded(travel, job < problem.jobs.size() ? problem.jobs[job].dropoff : kNoNode);
  for (std::size_t i = 0; i <= n; ++i) {
    int peak = load[i];
    for (std::size_t j = i + 1; j <= n + 1; ++j) {
      peak = std::max(peak, load[j - 1]);
      if (peak + size > vehicle.capacity) break;
      make_candidate(i, j);
      const RouteTiming timing = time_route(problem, vehicle, candidate, bounded);
      if (!timing.feasible) continue;
      const std::int64_t lower_bound = route_cost(timing) - before;
      if (lower_bound >= bound) continue;
      positions.push_back(
          {lower_bound, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j)});
    }
  }
  // Timed cheapest bound first; ties of cost go to the earlier (i, j), as a scan in order would.
  std::sort(positions.begin(), positions.end(), [](const Position& a, const Position& b) {
    return std::tie(a.lower_bound, a.i, a.j) < std::tie(b.lower_bound, b.i, b.j);
  });
  std::uint32_t best_i = 0, best_j = 0;
  for (const Position& p : positions) {
    if (best.found && p.lower_bound > best.added_cost) break;
    make_candidate(p.i, p.j);
    const RouteTiming timing = time_route(problem, vehicle, candidate, travel);
    const std::int64_t added = route_cost(timing) - before;
    if (added >= bound) continue;
    if (!best.found || std::tie(added, p.i, p.j) < std::tie(best.added_cost, best_i, best_j)) {
      best.found = true;
      best.added_cost = added;
      best.route = candidate;
      best_i = p.i;
      best_j = p.j;
    }
  }
  return best;
}

std::vector<std::uint32_t> plannable_open_jobs(const DispatchProblem& problem) {
  std::vector<bool> seen(problem.jobs.size(), false);
  for (const DispatchVehicle& vehicle : problem.vehicles) {
    for (const Stop& stop : vehicle.route) {
      if (stop.job < seen.size()) seen[stop.job] = true;
    }
  }
  std::vector<std::uint32_t> jobs;
  jobs.reserve(problem.open.size());
  for (const std::uint32_t j : problem.open) {
    if (j >= seen.size() || seen[j]) continue;
    seen[j] = true;
    jobs.push_back(j);
  }
  return jobs;
}

}  // namespace routing
