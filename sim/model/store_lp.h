// A dark store's logical process: a thin composition that routes each of the store's events to
// the part that owns it (orders.h, picking.h, fleet.h, drones.h, cold_chain.h). It holds no
// state of the world, only pointers to the world's setup and state, the store's route cache and
// its dispatch policy object; it writes only its own store's parts, its riders and drones and the
// orders it took.
#pragma once

#include <cstdint>
#include <memory>

#include "routing/dispatch.h"
#include "sim/engine/logical_process.h"
#include "sim/engine/parallel_simulator.h"
#include "sim/model/store_context.h"
#include "sim/model/store_routes.h"
#include "sim/model/world_setup.h"
#include "sim/model/world_state.h"

namespace model {

class StoreLp : public sim::LogicalProcess {
 public:
  // Throws std::invalid_argument when the configuration names no known dispatch policy.
  StoreLp(const WorldSetup& world, WorldState& state, std::uint32_t index);

  void handle(const sim::Event& event, sim::Context& ctx) override;

  // Schedules what is known before the run: shifts, arrivals, the end of demand, sampling.
  void schedule_start(sim::ParallelSimulator& engine, sim::LpId self) const;

  routing::DispatchPolicy& policy() { return *policy_; }
  StoreRoutes& routes() { return routes_; }

 private:
  const WorldSetup* world_;
  WorldState* state_;
  std::uint32_t index_;
  StoreRoutes routes_;
  std::unique_ptr<routing::DispatchPolicy> policy_;
  DispatchScratch scratch_;
};

}  // namespace model
