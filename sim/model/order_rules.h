// A store's rules for the orders it is sent (WorldConfig::operations): the busy rule, which turns
// new orders away while the store cannot keep its promise, and customers' patience, which
// cancels an order no rider or drone has picked up in time.
#pragma once

#include <cstdint>

#include "sim/engine/time.h"
#include "sim/model/run_result.h"

namespace model {

struct StoreContext;

// Random stream ids of the customers' patience: order k's from (seed, base + k), so that it is
// the same at whichever store the order arrives and draws nothing from the stores' streams.
inline constexpr std::uint64_t kPatienceStreamBase = std::uint64_t{1} << 40;

// Whether the busy rule turns the arriving order away: too many orders waiting for a picker, or
// its predicted click-to-door (its wait so far, the queue's and its own picking and packing at
// the mean times, the hand-over, the ride from the store on the first rider's vehicle and the
// door's mean time) above the limit.
bool store_busy(StoreContext& s, const OrderRecord& order);
// Schedules the accepted order's cancellation at its placing time plus the customer's patience,
// when the scenario has patience.
void schedule_patience(StoreContext& s, std::uint32_t order);
// The customer's patience ran out: the order is cancelled unless it is resolved, a rider or
// drone has picked it up, a rider is at the counter taking it, or a drone is assigned to it. It
// leaves the pick queue and its rider's plan; a picker already on it finishes (the goods go back
// to the shelves).
void on_patience(StoreContext& s, std::uint32_t order);

}  // namespace model
