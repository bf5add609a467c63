// Dispatch as a solver on its own plain types, like a pickup-and-delivery solver: jobs (goods to
// carry from a pickup to a drop-off, with a ready time and a promised deadline) and vehicles
// (where and when they are free, their capacity and the stops they are committed to but have not
// started) in, a route per vehicle out. It knows nothing of the simulation, so policies are
// tested alone; the model adapts its orders and riders to these types. Times are milliseconds
// since the scenario start.
//
// Adding a policy: derive from DispatchPolicy, implement plan(), and call
// register_dispatch_policy("name", factory) before the scenario is loaded; `dispatch.policy:
// name` then selects it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "routing/road_network.h"

namespace routing {

struct DispatchJob {
  std::uint32_t id = 0;
  NodeId pickup = kNoNode;
  NodeId dropoff = kNoNode;
  std::int64_t ready_ms = 0;     // when the goods are ready at the pickup, as far as known
  std::int64_t deadline_ms = 0;  // the promised drop-off time
  int size = 1;                  // capacity units it takes in the vehicle
  std::int64_t pickup_service_ms = 0;
  std::int64_t dropoff_service_ms = 0;
};

struct Stop {
  enum class Kind : std::uint8_t { pickup, dropoff };
  std::uint32_t job = 0;  // index into DispatchProblem::jobs
  Kind kind = Kind::pickup;
  bool operator==(const Stop&) const = default;
};

struct DispatchVehicle {
  std::uint32_t id = 0;
  NodeId at = kNoNode;       // where it is free
  std::int64_t free_ms = 0;  // when it is free there
  int capacity = 1;
  std::uint32_t profile = 0;  // how it travels, as the TravelOracle knows it
  int load = 0;               // units already on board at free_ms (their drop-offs are in `route`)
  // Stops it is committed to and has not started, in order. A policy may reorder them and insert
  // new stops, never drop one.
  std::vector<Stop> route;
};

struct DispatchProblem {
  std::int64_t now = 0;
  std::vector<DispatchJob> jobs;    // every job named by a route or by `open`
  std::vector<std::uint32_t> open;  // unassigned jobs (indices into `jobs`), oldest first
  std::vector<DispatchVehicle> vehicles;
};

// Travel times between nodes for a vehicle profile and a departure time; implemented by the model
// over its routing. Times are FIFO: leaving later never arrives earlier (policies rely on it when
// they bound a route's cost by its legs' lower bounds).
class TravelOracle {
 public:
  virtual ~TravelOracle() = default;
  virtual std::int64_t travel_ms(std::uint32_t profile, NodeId from, NodeId to,
                                 std::int64_t depart_ms) const = 0;
  // A time no trip from `from` to `to` by `profile` beats, at any departure: never more than
  // travel_ms(). Policies use it to skip insertions that cannot win before timing them, so a
  // tighter bound only saves work; 0 (the default) is always right.
  virtual std::int64_t lower_bound_ms(std::uint32_t /*profile*/, NodeId /*from*/,
                                      NodeId /*to*/) const {
    return 0;
  }
};

// When each stop of a route happens, by the rules every policy and the model share: a vehicle
// leaves `at` at free_ms, rides to each stop, waits there for the goods at a pickup, and spends
// the stop's service time.
struct RouteTiming {
  std::vector<std::int64_t> arrive_ms;  // per stop
  std::vector<std::int64_t> done_ms;    // per stop, after waiting and service
  std::int64_t end_ms = 0;              // done_ms of the last stop (free_ms if none)
  std::int64_t lateness_ms = 0;         // sum over drop-offs of max(0, done - deadline)
  bool feasible = true;                 // capacity never exceeded, each pickup before its drop-off
};
RouteTiming time_route(const DispatchProblem& problem, const DispatchVehicle& vehicle,
                       const std::vector<Stop>& route, const TravelOracle& travel);

// Where and when a vehicle is done, and the lateness so far, as time_route walks a route.
struct RouteClock {
  NodeId at = kNoNode;
  std::int64_t done_ms = 0;
  std::int64_t lateness_ms = 0;
};
// One step of time_route: ride from clock.at to the stop, wait for the goods at a pickup, spend
// the stop's service time. Returns the arrival; clock becomes the stop's.
inline std::int64_t ride_to(const DispatchJob& job, Stop::Kind kind, std::uint32_t profile,
                            const TravelOracle& travel, RouteClock& clock) {
  const bool pickup = kind == Stop::Kind::pickup;
  const NodeId node = pickup ? job.pickup : job.dropoff;
  const std::int64_t arrive =
      clock.done_ms + travel.travel_ms(profile, clock.at, node, clock.done_ms);
  if (pickup) {
    clock.done_ms = std::max(arrive, job.ready_ms) + job.pickup_service_ms;
  } else {
    clock.done_ms = arrive + job.dropoff_service_ms;
    clock.lateness_ms += std::max<std::int64_t>(0, clock.done_ms - job.deadline_ms);
  }
  clock.at = node;
  return arrive;
}

class DispatchPolicy {
 public:
  virtual ~DispatchPolicy() = default;
  // Returns one route per vehicle of the problem, in the same order. Jobs of `open` left out of
  // every route wait for the next call. Deterministic: equal inputs give equal outputs.
  virtual std::vector<std::vector<Stop>> plan(const DispatchProblem& problem,
                                              const TravelOracle& travel) = 0;
  // A policy that learns between calls keeps that state as bytes here, so that a paused world
  // (checkpoint, fork) continues it exactly; restore_state() gets what save_state() gave, or ""
  // for a fresh policy. The built-in policies keep no state between calls.
  virtual std::string save_state() const { return {}; }
  virtual void restore_state(const std::string& /*state*/) {}
  // Whether plan() tells vehicles apart only by what DispatchVehicle holds besides the id, and of
  // equal ones takes the earliest in the list first. The model then offers, of each class of
  // equal idle vehicles, only as many as there are open jobs: the plan is the same, and its cost
  // does not grow with the idle fleet. False unless a policy says so.
  virtual bool takes_earliest_of_equal_vehicles() const { return false; }
  // Whether plan() gives jobs only to vehicles whose route is empty and returns every other
  // vehicle's route as it was. The model then leaves out vehicles whose routes hold only jobs
  // already given out: the plan is the same. False unless a policy says so.
  virtual bool plans_only_empty_routes() const { return false; }
};

using DispatchFactory = std::function<std::unique_ptr<DispatchPolicy>()>;
// Registers a policy under `name` (replacing one of that name); built-ins: nearest_idle,
// batch_insertion, assignment.
void register_dispatch_policy(const std::string& name, DispatchFactory factory);
// nullptr when no policy has that name.
std::unique_ptr<DispatchPolicy> make_dispatch_policy(const std::string& name);
std::vector<std::string> dispatch_policy_names();  // sorted

// Each open job in turn goes, alone, to the vehicle with an empty route that reaches its pickup
// first (ties: the earlier vehicle in the list).
class NearestIdleDispatch : public DispatchPolicy {
 public:
  std::vector<std::vector<Stop>> plan(const DispatchProblem& problem,
                                      const TravelOracle& travel) override;
  bool takes_earliest_of_equal_vehicles() const override { return true; }
  bool plans_only_empty_routes() const override { return true; }
};

// Each open job in turn is inserted (pickup and drop-off positions) into the route where it adds
// least cost, respecting capacity and pickup-before-drop-off; cost is route end time plus ten
// times the lateness, so a promise is broken only when keeping it costs ten times as much time.
class BatchInsertionDispatch : public DispatchPolicy {
 public:
  std::vector<std::vector<Stop>> plan(const DispatchProblem& problem,
                                      const TravelOracle& travel) override;
  // Each job searches only the first empty vehicle of each kind, so k jobs use at most the first
  // k of a kind.
  bool takes_earliest_of_equal_vehicles() const override { return true; }
};

// A min-cost assignment of open jobs to vehicles (Boost.Graph min-cost flow): a vehicle of
// capacity c offers c slots whose cost grows with the slot, and a job's cost on a vehicle is its
// estimated drop-off time plus lateness. Jobs given to one vehicle are then sequenced by
// insertion.
class AssignmentDispatch : public DispatchPolicy {
 public:
  std::vector<std::vector<Stop>> plan(const DispatchProblem& problem,
                                      const TravelOracle& travel) override;
};

}  // namespace routing
