// Orders and demand: drawing the day's orders (sim/model/demand.h) and sending each to the
// nearest store by road whose radius covers the customer, their baskets over the catalog's SKU
// groups, and each store's book of the orders it took, from arrival to delivery or rejection.
#pragma once

#include <cstdint>
#include <deque>
#include <utility>
#include <vector>

#include "routing/road_network.h"
#include "sim/engine/time.h"
#include "sim/model/run_result.h"

namespace model {

struct StoreContext;
struct WorldSetup;
struct WorldState;
struct StoreState;

// A basket line: (SKU group, items).
using BasketLine = std::pair<std::uint16_t, std::uint16_t>;

// The orders of one store, from arrival to resolution.
struct StoreOrders {
  std::vector<std::uint32_t> arrivals;   // order ids placed here, in time order
  std::size_t arrived = 0;               // of arrivals
  std::deque<std::uint32_t> unassigned;  // accepted, waiting for a rider or drone, oldest first
  std::vector<std::uint32_t> forward;    // to move to another store at the next barrier
  std::uint32_t pending_in = 0;          // forwarded here, not yet arrived
  std::uint32_t open = 0;                // accepted and not yet resolved
  std::uint32_t accepted = 0;
  std::uint32_t resolved = 0;  // delivered or rejected here
  bool demand_over = false;
  sim::Time finished_at = -1;  // when the last of its orders was resolved after the demand ended
};

// Draws the whole demand into state.orders, sends each order to its store (arrivals) or rejects
// it where it is placed, and fills the baskets.
void place_orders(const WorldSetup& w, WorldState& state, int threads);
// The same for the orders a demand drawn with `seed` places at or after `from`, appended to
// state.orders (their arrivals are not scheduled: the caller does that).
void place_orders_from(const WorldSetup& w, WorldState& state, sim::Time from, std::uint64_t seed,
                       int threads);
// An order the live twin observed: appended to state.orders as placed at `t` (at or after the
// last order's placement) at `store` (index) for the customer at `customer` / `location`, its
// basket of `items` drawn from the catalog with `seed` as the demand draws baskets. Returns its
// id; the caller schedules its arrival (kArrival at t on the store's process). An order the
// store cannot reach by road is rejected as unreachable at t and not added to the arrivals.
std::uint32_t add_observed_order(const WorldSetup& w, WorldState& state, sim::Time t,
                                 std::uint32_t store, routing::NodeId customer,
                                 routing::LatLon location, std::uint32_t items, std::uint64_t seed);
// The order's weight, volume and cold lines from its basket.
void basket_totals(const WorldSetup& w, WorldState& state, std::uint32_t order);

// An order reaches the store (`forwarded` from another store, or placed).
void on_arrival(StoreContext& s, std::uint32_t order, bool forwarded);
void reject(WorldState& state, StoreState& store, std::uint32_t order, RejectReason reason,
            sim::Time now);
// The order reaches the customer at `at`; its cold goods may turn it into a refusal.
void deliver(StoreContext& s, std::uint32_t order, sim::Time at);
// Once the demand is over and every order resolved, the store closes: idle riders go home and
// busy ones when they are back.
void check_finished(WorldState& state, StoreState& store, sim::Time now);

}  // namespace model
