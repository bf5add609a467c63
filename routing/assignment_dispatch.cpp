#include <algorithm>

#include "routing/dispatch.h"
#include "routing/min_cost_flow.h"
#include "routing/route_insertion.h"

namespace routing {
namespace {

// Bounds one arc's cost so that sums over many jobs stay far from overflow.
constexpr std::int64_t kMaxArcCost = 1'000'000'000'000;

int committed_units(const DispatchProblem& problem, const DispatchVehicle& vehicle) {
  int units = vehicle.load;
  for (const Stop& stop : vehicle.route) {
    if (stop.kind == Stop::Kind::pickup && stop.job < problem.jobs.size()) {
      units += problem.jobs[stop.job].size;
    }
  }
  return units;
}

struct Candidate {
  std::size_t job;  // position in the planned job list
  std::size_t vehicle;
  std::int64_t cost;
};

}  // namespace

std::vector<std::vector<Stop>> AssignmentDispatch::plan(const DispatchProblem& problem,
                                                        const TravelOracle& travel) {
  const MemoTravel memo(travel);
  const std::vector<std::uint32_t> jobs = plannable_open_jobs(problem);
  const std::size_t n_vehicles = problem.vehicles.size();
  std::vector<std::vector<Stop>> routes;
  routes.reserve(n_vehicles);
  for (const DispatchVehicle& vehicle : problem.vehicles) routes.push_back(vehicle.route);
  if (jobs.empty() || n_vehicles == 0) return routes;

  std::vector<int> slots(n_vehicles, 0);
  for (std::size_t v = 0; v < n_vehicles; ++v) {
    const DispatchVehicle& vehicle = problem.vehicles[v];
    slots[v] = std::max(0, vehicle.capacity - committed_units(problem, vehicle));
  }

  // A job's cost on a vehicle: when it would be dropped off after the vehicle's current route,
  // counted from now, plus its weighted lateness.
  std::vector<Candidate> candidates;
  std::vector<std::int64_t> max_cost(jobs.size(), 0);
  std::int64_t mean_trip_ms = 0;
  for (std::size_t k = 0; k < jobs.size(); ++k) {
    const std::uint32_t j = jobs[k];
    const DispatchJob& job = problem.jobs[j];
    mean_trip_ms +=
        job.pickup_service_ms +
        memo.travel_ms(problem.vehicles.front().profile, job.pickup, job.dropoff, problem.now) +
        job.dropoff_service_ms;
    for (std::size_t v = 0; v < n_vehicles; ++v) {
      if (job.size > slots[v]) continue;
      std::vector<Stop> route = routes[v];
      route.push_back({j, Stop::Kind::pickup});
      route.push_back({j, Stop::Kind::dropoff});
      const RouteTiming timing = time_route(problem, problem.vehicles[v], route, memo);
      if (!timing.feasible) continue;
      const std::int64_t done = timing.done_ms.back();
      const std::int64_t late = std::max<std::int64_t>(0, done - job.deadline_ms);
      const std::int64_t cost =
          std::clamp<std::int64_t>(done - problem.now + kLatenessWeight * late, 0, kMaxArcCost);
      candidates.push_back({k, v, cost});
      max_cost[k] = std::max(max_cost[k], cost);
    }
  }
  mean_trip_ms /= static_cast<std::int64_t>(jobs.size());
  // The k-th extra job given to one vehicle waits behind about k other deliveries.
  const std::int64_t slot_penalty = std::clamp<std::int64_t>(mean_trip_ms, 0, kMaxArcCost);

  // Vertices: source, jobs, the vehicles that can take some job, sink. Leaving out vehicles no
  // job can reach keeps every vertex reachable while any flow remains, as the solver needs.
  std::vector<std::size_t> vehicle_vertex(n_vehicles, 0);
  std::size_t n_vertices = 1 + jobs.size();
  for (const Candidate& c : candidates) {
    if (vehicle_vertex[c.vehicle] == 0) vehicle_vertex[c.vehicle] = n_vertices++;
  }
  const std::size_t source = 0;
  const std::size_t sink = n_vertices++;
  UnitFlowNetwork flow(n_vertices);

  // Every job may leave by a bypass arc to the sink, which keeps all vertices reachable for the
  // solver; a bypass costs more than any set of assignments, so the flow places as many jobs as it
  // can and, among those placements, the cheapest. Bypassed jobs stay open.
  std::int64_t max_slot_cost = 0;
  for (std::size_t v = 0; v < n_vehicles; ++v) {
    if (vehicle_vertex[v] == 0) continue;
    max_slot_cost = std::max(max_slot_cost, (slots[v] - 1) * slot_penalty);
  }
  std::int64_t bypass_cost = 1;
  for (const std::int64_t c : max_cost) bypass_cost += c + max_slot_cost;

  for (std::size_t k = 0; k < jobs.size(); ++k) {
    flow.add(source, 1 + k, 0);
    flow.add(1 + k, sink, bypass_cost);
  }
  std::vector<UnitFlowNetwork::Arc> candidate_edges;
  candidate_edges.reserve(candidates.size());
  for (const Candidate& c : candidates) {
    candidate_edges.push_back(flow.add(1 + c.job, vehicle_vertex[c.vehicle], c.cost));
  }
  for (std::size_t v = 0; v < n_vehicles; ++v) {
    if (vehicle_vertex[v] == 0) continue;
    for (int s = 0; s < slots[v]; ++s) flow.add(vehicle_vertex[v], sink, s * slot_penalty);
  }
  flow.solve(source, sink);

  std::vector<std::vector<std::uint32_t>> assigned(n_vehicles);
  for (std::size_t e = 0; e < candidates.size(); ++e) {
    if (flow.used(candidate_edges[e])) {
      assigned[candidates[e].vehicle].push_back(jobs[candidates[e].job]);
    }
  }

  // Each vehicle takes its jobs cheapest insertion first; ties go to the job opened earlier.
  for (std::size_t v = 0; v < n_vehicles; ++v) {
    std::vector<std::uint32_t>& pending = assigned[v];
    while (!pending.empty()) {
      std::size_t best_k = pending.size();
      Insertion best;
      for (std::size_t k = 0; k < pending.size(); ++k) {
        Insertion ins = best_insertion(problem, problem.vehicles[v], routes[v], pending[k], memo);
        if (ins.found && (!best.found || ins.added_cost < best.added_cost)) {
          best = std::move(ins);
          best_k = k;
        }
      }
      if (!best.found) break;
      routes[v] = std::move(best.route);
      pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(best_k));
    }
  }
  return routes;
}

}  // namespace routing
