// Dispatch as a solver on its own plain types, like a VRP solver: jobs (orders to carry from a
// pickup to a drop-off) and vehicles (where they are and when they are free) in, assignments out.
// It knows nothing of the simulation, so policies are tested alone; the model adapts its orders
// and riders to these types. Times are milliseconds since the scenario start.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "routing/road_network.h"

namespace routing {

struct DispatchJob {
  std::uint32_t id = 0;
  NodeId pickup = kNoNode;
  NodeId dropoff = kNoNode;
  std::int64_t ready_ms = 0;  // when the goods are ready at the pickup, as far as known
};

struct DispatchVehicle {
  std::uint32_t id = 0;
  std::int64_t eta_pickup_ms = 0;  // when it can be at the job's pickup
  int capacity = 1;
};

struct Assignment {
  std::uint32_t job = 0;
  std::uint32_t vehicle = 0;
};

class DispatchPolicy {
 public:
  virtual ~DispatchPolicy() = default;
  // Jobs come in priority order (oldest first). Returns at most one assignment per job; a job
  // left out waits for the next call. Deterministic: equal inputs give equal outputs.
  virtual std::vector<Assignment> assign(std::span<const DispatchJob> jobs,
                                         std::span<const DispatchVehicle> vehicles) = 0;
};

// Each job in turn goes to the free vehicle that reaches its pickup first (ties: the earlier
// vehicle in the list), one job per vehicle.
class NearestIdleDispatch : public DispatchPolicy {
 public:
  std::vector<Assignment> assign(std::span<const DispatchJob> jobs,
                                 std::span<const DispatchVehicle> vehicles) override;
};

}  // namespace routing
