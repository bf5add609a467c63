#include <algorithm>
#include <tuple>

#include "routing/dispatch.h"
#include "routing/route_insertion.h"

namespace routing {

std::vector<std::vector<Stop>> BatchInsertionDispatch::plan(const DispatchProblem& problem,
                                                            const TravelOracle& travel) {
  const MemoTravel memo(travel);
  std::vector<std::vector<Stop>> routes;
  routes.reserve(problem.vehicles.size());
  for (const DispatchVehicle& vehicle : problem.vehicles) routes.push_back(vehicle.route);

  std::vector<std::size_t> searched;
  for (const std::uint32_t j : plannable_open_jobs(problem)) {
    // Empty vehicles alike in place, time, capacity, profile and load cost the same, and ties go
    // to the earlier one: search only the first of each kind (a store's idle riders are all alike).
    searched.clear();
    std::vector<std::tuple<NodeId, std::int64_t, int, std::uint32_t, int>> tried;
    for (std::size_t v = 0; v < problem.vehicles.size(); ++v) {
      const DispatchVehicle& vehicle = problem.vehicles[v];
      if (routes[v].empty()) {
        const auto kind = std::tuple(vehicle.at, vehicle.free_ms, vehicle.capacity, vehicle.profile,
                                     vehicle.load);
        if (std::find(tried.begin(), tried.end(), kind) != tried.end()) continue;
        tried.push_back(kind);
      }
      searched.push_back(v);
    }
    RouteInsertion best = cheapest_insertion(problem, searched, routes, j, memo);
    if (best.insertion.found) routes[best.vehicle] = std::move(best.insertion.route);
  }
  return routes;
}

}  // namespace routing
