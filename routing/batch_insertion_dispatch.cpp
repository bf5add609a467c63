#include <algorithm>
#include <limits>
#include <tuple>

#include "routing/dispatch.h"
#include "routing/route_insertion.h"

namespace routing {

namespace {
constexpr std::int64_t kNoBound = std::numeric_limits<std::int64_t>::max();
}  // namespace

std::vector<std::vector<Stop>> BatchInsertionDispatch::plan(const DispatchProblem& problem,
                                                            const TravelOracle& travel) {
  const MemoTravel memo(travel);
  std::vector<std::vector<Stop>> routes;
  routes.reserve(problem.vehicles.size());
  for (const DispatchVehicle& vehicle : problem.vehicles) routes.push_back(vehicle.route);

  for (const std::uint32_t j : plannable_open_jobs(problem)) {
    std::size_t best_vehicle = problem.vehicles.size();
    Insertion best;
    // Empty vehicles alike in place, time, capacity, profile and load cost the same, and ties go
    // to the earlier one: try only the first of each kind (a store's idle riders are all alike).
    std::vector<std::tuple<NodeId, std::int64_t, int, std::uint32_t, int>> tried;
    for (std::size_t v = 0; v < problem.vehicles.size(); ++v) {
      const DispatchVehicle& vehicle = problem.vehicles[v];
      if (routes[v].empty()) {
        const auto kind = std::tuple(vehicle.at, vehicle.free_ms, vehicle.capacity, vehicle.profile,
                                     vehicle.load);
        if (std::find(tried.begin(), tried.end(), kind) != tried.end()) continue;
        tried.push_back(kind);
      }
      // Only a cheaper insertion can win, so the best so far bounds this route's search.
      Insertion ins = best_insertion(problem, vehicle, routes[v], j, memo,
                                     best.found ? best.added_cost : kNoBound);
      if (ins.found && (!best.found || ins.added_cost < best.added_cost)) {
        best = std::move(ins);
        best_vehicle = v;
      }
    }
    if (best.found) routes[best_vehicle] = std::move(best.route);
  }
  return routes;
}

}  // namespace routing
