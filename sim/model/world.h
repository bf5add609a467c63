// The simulated city: dark stores with their pickers, the riders based at them and the demand
// that feeds them, run on the parallel discrete-event engine. Build it from a validated
// WorldConfig and a road network, call run() once, and read everything that happened from the
// RunResult. Results are identical for any number of threads.
//
// Life of an order: placed -> taken by the nearest store (by road) whose radius covers the
// customer, or rejected -> queued for the store's pickers (c parallel servers, FIFO), picked and
// packed -> put on a rider's plan by the store's dispatch policy (alone, or bundled with others
// up to the rider's capacity) -> picked up at the store once packed -> ridden to along the
// fastest route for the rider's vehicle at that time of day (contraction hierarchies, one per
// vehicle profile and congestion level) -> delivered; the rider rides on or back. Movement is
// analytic: a leg has a departure and an arrival time, and positions are interpolated on demand.
//
// Each store with its riders is one logical process. Demand does not depend on the state of the
// world, so it is drawn before the run from its own random stream and handed to the stores, which
// then run in parallel. Cross-store dispatch and repositioning, the decisions that need the whole
// city, run at the engine's barriers every dispatch epoch: they gather state from all stores in
// parallel, then decide in a fixed order.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "routing/road_network.h"
#include "sim/engine/event.h"
#include "sim/engine/time.h"
#include "sim/model/run_result.h"
#include "sim/model/twin_state.h"
#include "sim/model/world_config.h"

namespace sim {
class ParallelSimulator;
}
namespace routing {
class TravelTimes;
class Airspace;
}  // namespace routing

namespace model {

class FlightWeather;
class SensorLog;

enum class RiderState : std::uint8_t { off_shift, idle, to_store, waiting, delivering, returning };
inline constexpr int kRiderStates = 6;
const char* to_string(RiderState s);

class World {
 public:
  using ProgressFn =
      std::function<void(sim::Time now, std::uint32_t placed, std::uint32_t resolved)>;

  // The network must outlive the world. `threads` = 0 uses every core.
  World(WorldConfig config, std::shared_ptr<const routing::RoadNetwork> network, int threads = 1);
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // Runs the whole scenario once. `progress` is called between engine windows.
  RunResult run(const ProgressFn& progress = {});

  // Where a rider is at time t >= the start of its current (or last) trip, interpolated along it.
  routing::LatLon rider_position(std::uint32_t rider, sim::Time t) const;
  routing::LatLon drone_position(std::uint32_t drone, sim::Time t) const;

  // The engine's window: progress is reported (and the twin can look) between windows. Results
  // do not depend on it. Default: the sample period.
  void set_window(sim::Time window) { window_ = window; }
  // Ends run() at `t` with every event before it done: the world as it is at t, for a picture.
  void stop_at(sim::Time t) { stop_ = t; }
  // The world as the visual twin shows it at `t`, the time of the last progress report; call it
  // from the progress function (no store runs then) or after run().
  TwinState twin_state(sim::Time t) const;

 private:
  class StoreLp;
  class Oracle;
  struct Rider;
  struct Drone;

  void place_orders();
  // Draws each order's basket over the catalog's SKU groups, and its weight and cold lines.
  void fill_baskets();
  void basket_totals(std::uint32_t order);
  void setup_operations();
  bool store_open(std::size_t store, sim::Time t) const;
  // Orders a store could not stock go to the nearest other open store covering the customer.
  void forward_orders(sim::Time now, sim::ParallelSimulator& engine);
  void cross_store_dispatch(sim::Time now, sim::ParallelSimulator& engine);
  void reposition(sim::Time now, sim::ParallelSimulator& engine);
  // The ride from the k-th lender of store `to` to it, by a profile, leaving at `now`; -1 if none.
  sim::Time store_ride_ms(std::uint32_t to, std::size_t k, std::uint32_t travel,
                          sim::Time now) const;
  void transfer_rider(std::uint32_t rider, std::uint32_t from, std::uint32_t to, sim::Time now,
                      sim::Time eta, double distance_m, sim::ParallelSimulator& engine);
  RunResult collect(sim::Time end_time, std::uint64_t events);
  void collect_operations(RunResult& r);

  WorldConfig config_;
  std::shared_ptr<const routing::RoadNetwork> network_;
  int threads_;
  sim::Time window_ = 0;
  sim::Time stop_ = sim::kNever;
  std::vector<std::unique_ptr<routing::TravelTimes>> travel_;  // one per vehicle profile
  double routing_seconds_ = 0;
  std::vector<Rider> riders_;
  std::vector<OrderRecord> orders_;
  std::vector<std::unique_ptr<StoreLp>> stores_;
  std::vector<sim::LpId> lp_of_store_;
  // For each store, the stores whose riders can reach it: (store, road metres to it), nearest
  // first.
  std::vector<std::vector<std::pair<std::uint32_t, double>>> lenders_;
  // Per lender of lenders_: the ride's duration by each profile (in travel_ order) at each level.
  std::vector<std::vector<std::vector<std::uint32_t>>> lender_ms_;
  double global_dispatch_seconds_ = 0;
  std::uint32_t riders_lent_ = 0;
  std::uint32_t riders_repositioned_ = 0;
  // Drones, the cold chain and stock.
  std::vector<std::vector<std::pair<std::uint16_t, std::uint16_t>>> lines_;  // (group, items)
  std::vector<double> litres_;                                               // per order
  std::vector<std::uint32_t> cold_classes_;  // indices of the classes with a range
  std::unique_ptr<FlightWeather> flight_weather_;
  std::unique_ptr<routing::Airspace> airspace_;
  std::vector<Drone> drones_;
  std::vector<SensorInfo> sensor_info_;
  std::vector<SensorLog> mobile_logs_;  // riders' boxes, then drones' pods, by cold class
  std::vector<std::vector<std::uint32_t>> tried_;  // per order: stores it was forwarded from
  std::uint32_t orders_forwarded_ = 0;
};

}  // namespace model
