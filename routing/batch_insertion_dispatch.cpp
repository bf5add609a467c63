#include "routing/dispatch.h"
#include "routing/route_insertion.h"

namespace routing {

std::vector<std::vector<Stop>> BatchInsertionDispatch::plan(const DispatchProblem& problem,
                                                            const TravelOracle& travel) {
  const MemoTravel memo(travel);
  std::vector<std::vector<Stop>> routes;
  routes.reserve(problem.vehicles.size());
  for (const DispatchVehicle& vehicle : problem.vehicles) routes.push_back(vehicle.route);

  for (const std::uint32_t j : plannable_open_jobs(problem)) {
    std::size_t best_vehicle = problem.vehicles.size();
    Insertion best;
    for (std::size_t v = 0; v < problem.vehicles.size(); ++v) {
      Insertion ins = best_insertion(problem, problem.vehicles[v], routes[v], j, memo);
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
