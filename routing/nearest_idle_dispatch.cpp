#include "routing/dispatch.h"
#include "routing/route_insertion.h"

namespace routing {

std::vector<std::vector<Stop>> NearestIdleDispatch::plan(const DispatchProblem& problem,
                                                         const TravelOracle& travel) {
  std::vector<std::vector<Stop>> routes;
  routes.reserve(problem.vehicles.size());
  for (const DispatchVehicle& vehicle : problem.vehicles) routes.push_back(vehicle.route);

  std::vector<bool> taken(problem.vehicles.size(), false);
  for (std::size_t v = 0; v < problem.vehicles.size(); ++v) taken[v] = !routes[v].empty();

  for (const std::uint32_t j : plannable_open_jobs(problem)) {
    const DispatchJob& job = problem.jobs[j];
    std::size_t best = problem.vehicles.size();
    std::int64_t best_arrival = 0;
    for (std::size_t v = 0; v < problem.vehicles.size(); ++v) {
      const DispatchVehicle& vehicle = problem.vehicles[v];
      if (taken[v] || vehicle.load + job.size > vehicle.capacity) continue;
      const std::int64_t arrival = vehicle.free_ms + travel.travel_ms(vehicle.profile, vehicle.at,
                                                                      job.pickup, vehicle.free_ms);
      if (best == problem.vehicles.size() || arrival < best_arrival) {
        best = v;
        best_arrival = arrival;
      }
    }
    if (best == problem.vehicles.size()) continue;
    taken[best] = true;
    routes[best] = {{j, Stop::Kind::pickup}, {j, Stop::Kind::dropoff}};
  }
  return routes;
}

}  // namespace routing
