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

  NodeId here = vehicle.at;
  std::int64_t clock = vehicle.free_ms;
  int load = vehicle.load;
  int pickups_awaiting_dropoff = 0;
  for (std::size_t i = 0; i < route.size(); ++i) {
    const Stop& stop = route[i];
    if (stop.job >= problem.jobs.size()) {
      timing.feasible = false;
      timing.arrive_ms.push_back(clock);
      timing.done_ms.push_back(clock);
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
    const NodeId node = is_pickup ? job.pickup : job.dropoff;
    const std::int64_t arrive = clock + travel.travel_ms(vehicle.profile, here, node, clock);
    std::int64_t done = 0;
    if (is_pickup) {
      done = std::max(arrive, job.ready_ms) + job.pickup_service_ms;
      load += job.size;
      ++pickups_awaiting_dropoff;
    } else {
      done = arrive + job.dropoff_service_ms;
      load -= job.size;
      if (picked_up_earlier) --pickups_awaiting_dropoff;
      timing.lateness_ms += std::max<std::int64_t>(0, done - job.deadline_ms);
    }
    if (load > vehicle.capacity || load < 0) timing.feasible = false;
    timing.arrive_ms.push_back(arrive);
    timing.done_ms.push_back(done);
    here = node;
    clock = done;
  }
  if (pickups_awaiting_dropoff != 0) timing.feasible = false;
  timing.end_ms = clock;
  return timing;
}

}  // namespace routing
