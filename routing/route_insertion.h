// Pieces the dispatch policies share: a travel cache for one plan() call, the route cost they
// minimise, the cheapest insertion of a job into a route, and the open jobs a call may place.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <unordered_map>
#include <vector>

#include "routing/dispatch.h"

namespace routing {

// Lateness counts this many times more than time spent on the road.
inline constexpr std::int64_t kLatenessWeight = 10;

inline std::int64_t route_cost(const RouteTiming& timing) {
  return timing.end_ms + kLatenessWeight * timing.lateness_ms;
}
// The same at the end of a route walked by ride_to.
inline std::int64_t route_cost(const RouteClock& end) {
  return end.done_ms + kLatenessWeight * end.lateness_ms;
}

// Answers each (from, to, departure) once from the wrapped oracle; policies re-time the same legs
// many times while comparing insertions. For one plan() call on one thread.
class MemoTravel : public TravelOracle {
 public:
  explicit MemoTravel(const TravelOracle& inner) : inner_(inner) {}
  std::int64_t travel_ms(std::uint32_t profile, NodeId from, NodeId to,
                         std::int64_t depart_ms) const override;
  std::int64_t lower_bound_ms(std::uint32_t profile, NodeId from, NodeId to) const override {
    return inner_.lower_bound_ms(profile, from, to);
  }

 private:
  struct Key {
    std::uint32_t profile;
    NodeId from;
    NodeId to;
    std::int64_t depart_ms;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const;
  };
  const TravelOracle& inner_;
  mutable std::unordered_map<Key, std::int64_t, KeyHash> cache_;
};

struct Insertion {
  bool found = false;
  std::int64_t added_cost = 0;  // route_cost after minus before
  std::vector<Stop> route;      // `route` with the job's pickup and drop-off inserted
};

// The feasible insertion of `job` into `route` (run by `vehicle`) of least added cost, trying
// every pickup position and every later drop-off position; ties go to the earlier pickup, then the
// earlier drop-off. The stops already in `route` keep their order. Only insertions that add less
// than `bound` count: a caller comparing vehicles passes the best it has, and gets found = false
// or an insertion no better than that one when this route cannot beat it.
//
// Exact, yet most positions are never timed: each is first priced with the legs to and from the
// job's drop-off at travel.lower_bound_ms() and the others at their travel times. Every stop's
// time is non-decreasing in each leg's time (a vehicle only waits for goods), so that price is a
// lower bound of the position's cost. Positions are then timed in order of their bound, and the
// search stops once the bound passes the best cost found (branch and bound over the positions).
Insertion best_insertion(const DispatchProblem& problem, const DispatchVehicle& vehicle,
                         const std::vector<Stop>& route, std::uint32_t job,
                         const TravelOracle& travel,
                         std::int64_t bound = std::numeric_limits<std::int64_t>::max());

// The cheapest insertion of `job` over the routes of problem.vehicles[v] for v in `vehicles`
// (`routes[v]` being v's current route): least added cost, ties to the vehicle listed first, then
// as best_insertion. One branch and bound over every route's positions at once, so a good route
// found anywhere spares timing the others.
struct RouteInsertion {
  std::size_t vehicle = 0;  // valid when insertion.found
  Insertion insertion;
};
RouteInsertion cheapest_insertion(const DispatchProblem& problem,
                                  std::span<const std::size_t> vehicles,
                                  const std::vector<std::vector<Stop>>& routes, std::uint32_t job,
                                  const TravelOracle& travel);

// The open jobs a policy may place: valid indices, first mention only, none already in a route.
std::vector<std::uint32_t> plannable_open_jobs(const DispatchProblem& problem);

}  // namespace routing
