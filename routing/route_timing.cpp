#include <algorithm>

#include "routing/dispatch.h"

namespace routing {

RouteTiming time_route(const DispatchProblem& problem, const DispatchVehicle& vehicle,
                       const std::vector<Stop>& route, const TravelOracle& travel) {
  RouteTiming timing;
  timing.arrive_ms.reserve(route.size());
  timing.done_ms.reserve(route.size());
  timing.end_ms = vehicle.free_ms;
  if (vehicle.load < 0 || vehicle.load > vehicle.capacity) timing.feasible = false;

  RouteClock clock{vehicle.at, vehicle.free_ms, 0};
  int load = vehicle.load;
  int pickups_awaiting_dropoff = 0;
  for (std::size_t i = 0; i < route.size(); ++i) {
    const Stop& stop = route[i];
    if (stop.job >= problem.jobs.size()) {
      timing.feasible = false;
      timing.arrive_ms.push_back(clock.done_ms);
      timing.done_ms.push_back(clock.done_ms);
      continue;
    }
    const bool is_pickup = stop.kind == Stop::Kind::pickup;
    // Routes are short, so a scan of the earlier stops is cheaper than a per-job table.
    bool picked_up_earlier = false;
    for (std::size_t k = 0; k < i; ++k) {
      if (route[k].job != stop.job) continue;
      if (route[k].kind == stop.kind) timing.feasible = false;
      if (is_pickup) timing.feasible = false;  // its drop-off came first
      if (route[k].kind == Stop::Kind::pickup) picked_up_earlier = true;
    }

    const DispatchJob& job = problem.jobs[stop.job];
    const std::int64_t arrive = ride_to(job, stop.kind, vehicle.profile, travel, clock);
    if (is_pickup) {
      load += job.size;
      ++pickups_awaiting_dropoff;
    } else {
      load -= job.size;
      if (picked_up_earlier) --pickups_awaiting_dropoff;
    }
    if (load > vehicle.capacity || load < 0) timing.feasible = false;
    timing.arrive_ms.push_back(arrive);
    timing.done_ms.push_back(clock.done_ms);
  }
  if (pickups_awaiting_dropoff != 0) timing.feasible = false;
  timing.end_ms = clock.done_ms;
  timing.lateness_ms = clock.lateness_ms;
  return timing;
}

}  // namespace routing
