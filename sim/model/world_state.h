// Everything a run changes, as one value: at any engine barrier, copying a WorldState (with the
// WorldSetup it was made from) gives a world that continues exactly as the original would, and
// sim/model/checkpoint.h writes it to a file and reads it back. It holds ids, numbers and vectors
// only: no pointers into other parts, no statics. Each part's state type lives beside its logic:
// orders.h, picking.h, fleet.h, drones.h, cold_chain.h.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/engine/engine_state.h"
#include "sim/engine/random.h"
#include "sim/model/cold_chain.h"
#include "sim/model/drones.h"
#include "sim/model/fleet.h"
#include "sim/model/orders.h"
#include "sim/model/picking.h"
#include "sim/model/run_result.h"
#include "sim/model/sensor_log.h"

namespace model {

// One dark store's parts.
struct StoreState {
  StoreOrders orders;
  PickingState picking;
  StockState stock;
  FleetState fleet;
  DroneHubsState drones;
  ColdChainState cold;
  sim::RandomStream rng{0, 0};  // service times
  sim::Time dispatch_at = -1;   // the dispatch already asked for, -1: none
  std::vector<Sample> samples;
  std::string policy_state;  // the dispatch policy's own state between calls (DispatchPolicy)
  std::vector<std::pair<sim::Time, sim::Time>> closed;  // [from, to) it takes no orders
};

// Random stream ids (sim/engine/random.h): store k's service times and sensor noise draw from
// (seed, base + k), baskets from (seed, kBasketStream).
inline constexpr std::uint64_t kStoreStreamBase = 0x1000;
inline constexpr std::uint64_t kSensorStreamBase = 0x2000;
inline constexpr std::uint64_t kBasketStream = 0x3000;

// Whether the store takes orders at t.
bool store_open(const StoreState& store, sim::Time t);

struct WorldState {
  std::vector<OrderRecord> orders;                // by id, in placement order
  std::vector<std::vector<BasketLine>> baskets;   // per order
  std::vector<double> litres;                     // per order
  std::vector<std::vector<std::uint32_t>> tried;  // per order: stores it was forwarded from
  std::vector<Rider> riders;
  std::vector<Drone> drones;
  // Box and pod sensors: rider r's of cold class k at r * cold classes + k, and drones' alike.
  std::vector<SensorLog> rider_logs;
  std::vector<SensorLog> drone_logs;
  std::vector<SensorInfo> sensors_added;  // of riders added during the run, after the setup's
  std::vector<StoreState> stores;
  std::string policy;  // the dispatch policy's name (routing/dispatch.h)
  std::uint32_t orders_forwarded = 0;
  std::uint32_t riders_lent = 0;
  std::uint32_t riders_repositioned = 0;
  sim::EngineState engine;  // every event still to happen; engine.now is the world's time
};

}  // namespace model
