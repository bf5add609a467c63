#include "routing/route_insertion.h"

#include <algorithm>
#include <limits>
#include <span>
#include <tuple>
#include <utility>

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

// A route with the job's pickup at position i and its drop-off at j of the new route.
void insert_at(const std::vector<Stop>& route, std::uint32_t job, std::size_t i, std::size_t j,
               std::vector<Stop>& out) {
  out.resize(route.size() + 2);
  for (std::size_t pos = 0, old = 0; pos < out.size(); ++pos) {
    if (pos == i) {
      out[pos] = {job, Stop::Kind::pickup};
    } else if (pos == j) {
      out[pos] = {job, Stop::Kind::dropoff};
    } else {
      out[pos] = route[old++];
    }
  }
}

struct Position {
  std::int64_t lower_bound;  // of the added cost
  std::uint32_t rank;        // the route's place among those searched
  std::uint32_t i, j;        // the pickup's and drop-off's positions in the new route
};

// A searched route (set by the caller) as time_route times it (set by price_positions), kept so
// that each position is timed only from its pickup on: the stops before it keep their times.
struct Base {
  const DispatchVehicle* vehicle = nullptr;
  const std::vector<Stop>* route = nullptr;
  std::int64_t cost = 0;          // route_cost as it is
  std::vector<RouteClock> after;  // after[k]: once its first k stops are done
};

// The cost of `candidate`, whose first `first` stops are the base route's, timed on from there.
std::int64_t cost_from(const DispatchProblem& problem, const Base& base,
                       const std::vector<Stop>& candidate, std::size_t first,
                       const TravelOracle& travel) {
  RouteClock clock = base.after[first];
  for (std::size_t k = first; k < candidate.size(); ++k) {
    ride_to(problem.jobs[candidate[k].job], candidate[k].kind, base.vehicle->profile, travel,
            clock);
  }
  return route_cost(clock);
}

// Times base's route into `base` and appends each position of `job` that fits the vehicle and may
// add less than `bound`, priced by its lower bound.
void price_positions(const DispatchProblem& problem, std::uint32_t job, const TravelOracle& travel,
                     std::int64_t bound, std::uint32_t rank, Base& base,
                     std::vector<Position>& out) {
  const DispatchVehicle& vehicle = *base.vehicle;
  const std::vector<Stop>& route = *base.route;
  const RouteTiming timing = time_route(problem, vehicle, route, travel);
  base.cost = route_cost(timing);
  // A route time_route finds infeasible stays so with the job in it, as does one that holds the
  // job already; otherwise only capacity can rule a position out, and travel times cannot.
  if (!timing.feasible || job >= problem.jobs.size()) return;
  const std::size_t n = route.size();
  base.after.assign(n + 1, {vehicle.at, vehicle.free_ms, 0});
  for (std::size_t k = 0; k < n; ++k) {
    const DispatchJob& stop_job = problem.jobs[route[k].job];
    if (route[k].job == job) return;
    RouteClock& c = base.after[k + 1];
    c.at = route[k].kind == Stop::Kind::pickup ? stop_job.pickup : stop_job.dropoff;
    c.done_ms = timing.done_ms[k];
    c.lateness_ms = base.after[k].lateness_ms;
    if (route[k].kind == Stop::Kind::dropoff)
      c.lateness_ms += std::max<std::int64_t>(0, c.done_ms - stop_job.deadline_ms);
  }
  // load[k]: units on board after the route's first k stops. Carrying the job from before stop i
  // to before stop j - 1 needs room over load[i..j-1]; checked before asking for any travel time.
  std::vector<int> load(n + 1, vehicle.load);
  for (std::size_t k = 0; k < n; ++k) {
    const int size = problem.jobs[route[k].job].size;
    load[k + 1] = load[k] + (route[k].kind == Stop::Kind::pickup ? size : -size);
  }
  const int size = problem.jobs[job].size;
  const BoundedAt bounded(travel, problem.jobs[job].dropoff);
  std::vector<Stop> candidate;
  for (std::size_t i = 0; i <= n; ++i) {
    int peak = load[i];
    for (std::size_t j = i + 1; j <= n + 1; ++j) {
      peak = std::max(peak, load[j - 1]);
      if (peak + size > vehicle.capacity) break;
      insert_at(route, job, i, j, candidate);
      const std::int64_t lower_bound = cost_from(problem, base, candidate, i, bounded) - base.cost;
      if (lower_bound >= bound) continue;
      out.push_back(
          {lower_bound, rank, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j)});
    }
  }
}

// The cheapest insertion over the routes of `bases` (vehicle and route set); returns it and the
// index of its route.
std::pair<Insertion, std::uint32_t> search(const DispatchProblem& problem, std::span<Base> bases,
                                           std::uint32_t job, const TravelOracle& travel,
                                           std::int64_t bound) {
  std::vector<Position> positions;
  for (std::size_t r = 0; r < bases.size(); ++r) {
    price_positions(problem, job, travel, bound, static_cast<std::uint32_t>(r), bases[r],
                    positions);
  }
  // Timed cheapest bound first; ties of cost go to the earlier route, then the earlier (i, j), as
  // a scan in that order would.
  std::sort(positions.begin(), positions.end(), [](const Position& a, const Position& b) {
    return std::tie(a.lower_bound, a.rank, a.i, a.j) < std::tie(b.lower_bound, b.rank, b.i, b.j);
  });
  Insertion best;
  Position at{};
  std::vector<Stop> candidate;
  for (const Position& p : positions) {
    if (best.found && p.lower_bound > best.added_cost) break;
    const Base& base = bases[p.rank];
    insert_at(*base.route, job, p.i, p.j, candidate);
    const std::int64_t added = cost_from(problem, base, candidate, p.i, travel) - base.cost;
    if (added >= bound) continue;
    if (!best.found ||
        std::tie(added, p.rank, p.i, p.j) < std::tie(best.added_cost, at.rank, at.i, at.j)) {
      best = {true, added, candidate};
      at = p;
    }
  }
  return {std::move(best), at.rank};
}

}  // namespace

Insertion best_insertion(const DispatchProblem& problem, const DispatchVehicle& vehicle,
                         const std::vector<Stop>& route, std::uint32_t job,
                         const TravelOracle& travel, std::int64_t bound) {
  Base one;
  one.vehicle = &vehicle;
  one.route = &route;
  return search(problem, {&one, 1}, job, travel, bound).first;
}

RouteInsertion cheapest_insertion(const DispatchProblem& problem,
                                  std::span<const std::size_t> vehicles,
                                  const std::vector<std::vector<Stop>>& routes, std::uint32_t job,
                                  const TravelOracle& travel) {
  std::vector<Base> bases(vehicles.size());
  for (std::size_t r = 0; r < vehicles.size(); ++r) {
    bases[r].vehicle = &problem.vehicles[vehicles[r]];
    bases[r].route = &routes[vehicles[r]];
  }
  auto [insertion, rank] =
      search(problem, bases, job, travel, std::numeric_limits<std::int64_t>::max());
  RouteInsertion best;
  best.insertion = std::move(insertion);
  if (best.insertion.found) best.vehicle = vehicles[rank];
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
