#include "routing/route_insertion.h"

#include <algorithm>

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

Insertion best_insertion(const DispatchProblem& problem, const DispatchVehicle& vehicle,
                         const std::vector<Stop>& route, std::uint32_t job,
                         const TravelOracle& travel) {
  Insertion best;
  const std::int64_t before = route_cost(time_route(problem, vehicle, route, travel));
  const std::size_t n = route.size();
  std::vector<Stop> candidate(n + 2);
  // load[k]: units on board after the route's first k stops. Carrying the job from before stop i
  // to before stop j - 1 needs room over load[i..j-1]; checked before asking for any travel time.
  std::vector<int> load(n + 1, vehicle.load);
  for (std::size_t k = 0; k < n; ++k) {
    const int size = route[k].job < problem.jobs.size() ? problem.jobs[route[k].job].size : 0;
    load[k + 1] = load[k] + (route[k].kind == Stop::Kind::pickup ? size : -size);
  }
  const int size = job < problem.jobs.size() ? problem.jobs[job].size : 0;
  // i and j are the pickup's and drop-off's positions in the new route.
  for (std::size_t i = 0; i <= n; ++i) {
    int peak = load[i];
    for (std::size_t j = i + 1; j <= n + 1; ++j) {
      peak = std::max(peak, load[j - 1]);
      if (peak + size > vehicle.capacity) break;
      for (std::size_t pos = 0, old = 0; pos < n + 2; ++pos) {
        if (pos == i) {
          candidate[pos] = {job, Stop::Kind::pickup};
        } else if (pos == j) {
          candidate[pos] = {job, Stop::Kind::dropoff};
        } else {
          candidate[pos] = route[old++];
        }
      }
      const RouteTiming timing = time_route(problem, vehicle, candidate, travel);
      if (!timing.feasible) continue;
      const std::int64_t added = route_cost(timing) - before;
      if (!best.found || added < best.added_cost) {
        best.found = true;
        best.added_cost = added;
        best.route = candidate;
      }
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
