// What the handler of one store event works with: the world's fixed setup, the state it may
// change (the world's orders, riders and drones, and this store's parts), the engine's context
// for scheduling, and the store's route cache and dispatch policy. Built by the store's logical
// process for each event and passed to the parts' functions; it owns nothing.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "routing/dispatch.h"
#include "sim/engine/simulator.h"
#include "sim/model/store_routes.h"
#include "sim/model/world_setup.h"
#include "sim/model/world_state.h"

namespace model {

// What on_dispatch builds at every call, kept by the store's process between calls so that a warm
// dispatch allocates only the routes its policy returns. Nothing in it outlives a call.
struct DispatchScratch {
  routing::DispatchProblem problem;
  std::vector<std::vector<routing::Stop>> spare_routes;     // of vehicles past a call's count
  std::vector<std::uint32_t> rider_of;                      // per vehicle
  std::vector<std::pair<std::uint32_t, sim::Time>> others;  // (rider, when free)
  std::vector<std::pair<std::uint64_t, std::size_t>> classes;
  // Order id -> job index by open addressing (a power of two slots); a slot is taken in the call
  // whose stamp it holds.
  struct Slot {
    std::uint32_t order = 0;
    std::uint32_t job = 0;
    std::uint32_t stamp = 0;
  };
  std::vector<Slot> job_of;
  std::uint32_t stamp = 0;
};

struct StoreContext {
  const WorldSetup& world;
  WorldState& state;
  StoreState& store;
  const StoreSetup& site;
  std::uint32_t index;
  sim::Context& ctx;
  StoreRoutes& routes;
  routing::DispatchPolicy& policy;
  DispatchScratch& scratch;

  sim::Time now() const { return ctx.now(); }
  const WorldConfig& config() const { return world.config; }
};

// Asks for a dispatch at the next epoch (at once without epochs), unless one is already due.
void request_dispatch(StoreContext& s);
// The time a dispatch asked for at `now` runs, marked as due in the store; -1 when one is already
// due by then. For callers that schedule it themselves (what-if actions, between runs).
sim::Time claim_dispatch(const WorldConfig& c, StoreState& store, sim::Time now);
// Gives the store's unassigned orders to its riders through the dispatch policy.
void on_dispatch(StoreContext& s);
// A service time drawn from the store's stream.
sim::Time draw(StoreContext& s, const Distribution& d);
// A time drawn from a stream of its own.
sim::Time draw_from(sim::RandomStream& rng, const Distribution& d);
// The time for `items` items of a per-item distribution: one draw of `items` times its mean
// (0 for no items, without drawing).
sim::Time draw_items(StoreContext& s, const Distribution& per_item, std::uint32_t items);

}  // namespace model
