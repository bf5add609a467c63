// The store's picking: c pickers as parallel servers over one FIFO queue of accepted orders
// (an M/G/c queue when arrivals are Poisson), each order picked then packed with times drawn
// from the store's distributions, and the stock the picks take from, per SKU group.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "sim/engine/time.h"
#include "sim/model/run_result.h"
#include "sim/model/stock.h"
#include "sim/model/world_config.h"

namespace model {

struct StoreContext;

struct PickingState {
  int pickers = 0;  // on duty
  int busy_pickers = 0;
  std::deque<std::uint32_t> queue;  // order ids waiting for a picker
  sim::Time queue_since = 0;        // queue_area_ms covers the queue up to then
  double queue_area_ms = 0;         // integral of the queue's length over time, order * ms
};

// Per SKU group of the catalog; empty without one.
struct StockState {
  std::vector<StockLevel> levels;
  std::vector<int> min_on_hand;
  std::vector<std::uint32_t> stockouts;  // orders that found the group short
};

// Starts picking queued orders while a picker is free.
void start_picking(StoreContext& s);
// Picked and packed: the goods are staged, a waiting rider or drone sets off.
void on_pick_done(StoreContext& s, std::uint32_t order);
// A picker's mean time on an order of `items` items: pick start, picking and packing.
sim::Time mean_pick_work(const StoreConfig& cfg, std::uint32_t items);
// When an order's goods will be ready, as the store can tell: packed, being picked (started plus
// the mean work), or queued (its place in the queue over the pickers, times the mean work).
sim::Time ready_estimate(const StoreContext& s, const OrderRecord& order, sim::Time now);
// Books the queue's length up to `now` into the queue area.
void account_queue(PickingState& picking, sim::Time now);
// The stock check of an arriving order: takes its items (or what the scenario's stock-out rule
// allows); false when the order leaves the store (rejected, or to be forwarded).
bool take_stock(StoreContext& s, std::uint32_t order);

}  // namespace model
