// What the handler of one store event works with: the world's fixed setup, the state it may
// change (the world's orders, riders and drones, and this store's parts), the engine's context
// for scheduling, and the store's route cache and dispatch policy. Built by the store's logical
// process for each event and passed to the parts' functions; it owns nothing.
#pragma once

#include <cstdint>

#include "routing/dispatch.h"
#include "sim/engine/simulator.h"
#include "sim/model/store_routes.h"
#include "sim/model/world_setup.h"
#include "sim/model/world_state.h"

namespace model {

struct StoreContext {
  const WorldSetup& world;
  WorldState& state;
  StoreState& store;
  const StoreSetup& site;
  std::uint32_t index;
  sim::Context& ctx;
  StoreRoutes& routes;
  routing::DispatchPolicy& policy;

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
