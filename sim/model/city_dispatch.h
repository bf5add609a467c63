// The decisions that need the whole city, taken at the engine's barriers (every dispatch epoch)
// with no store running: orders a store could not stock forwarded to another store, idle riders
// lent across stores, and riders repositioned towards forecast demand. Gathering and scoring run
// in parallel over stores; every choice is made in a fixed order, so results do not depend on the
// thread count. Events they cause are scheduled on the stores' logical processes (LP = store).
#pragma once

#include <cstdint>

#include "sim/engine/parallel_simulator.h"
#include "sim/model/world_setup.h"
#include "sim/model/world_state.h"

namespace model {

// Riders are repositioned at the first dispatch epoch of every such period: moving a rider costs
// a ride without an order, so the forecast it follows must be more than noise.
inline constexpr sim::Time kRepositionPeriod = 10 * sim::kMinute;

// Each order a store could not stock goes to the nearest other open store (by road) that covers
// the customer and has not had it yet; with none left it is rejected.
void forward_orders(const WorldSetup& w, WorldState& state, sim::Time now,
                    sim::ParallelSimulator& engine);
// Orders still waiting at a store with no idle rider of its own take an idle rider of another
// store when that rider can be there before the store's own returning riders.
void cross_store_dispatch(const WorldSetup& w, WorldState& state, sim::Time now,
                          sim::ParallelSimulator& engine, int threads);
// Idle riders follow predicted demand: one rider an epoch from a calm store to a busy one.
void reposition(const WorldSetup& w, WorldState& state, sim::Time now,
                sim::ParallelSimulator& engine, int threads);
// The ride from the k-th lender of store `to` to it, by a profile, leaving at `now`; -1 if none.
sim::Time store_ride_ms(const WorldSetup& w, std::uint32_t to, std::size_t k, std::uint32_t travel,
                        sim::Time now);
// An idle rider leaves `from` (its idle time is booked there) and rides to `to`, its new home,
// arriving at `eta`.
void transfer_rider(const WorldSetup& w, WorldState& state, std::uint32_t rider,
                    std::uint32_t from_store, std::uint32_t to_store, sim::Time now, sim::Time eta,
                    double distance_m, sim::ParallelSimulator& engine);

}  // namespace model
