// The simulated city: dark stores with their pickers, the riders and drones based at them and the
// demand that feeds them, run on the parallel discrete-event engine. Build it from a validated
// WorldConfig and a road network, run() it, and read everything that happened from the RunResult.
// Results are identical for any number of threads.
//
// Life of an order: placed -> taken by the nearest store (by road) whose radius covers the
// customer, or rejected -> queued for the store's pickers, picked and packed -> put on a rider's
// plan by the store's dispatch policy, or given to a drone -> picked up once packed -> ridden or
// flown to the customer -> delivered. Each part lives in its own files: orders.h (orders and
// demand), picking.h (pickers, queue, stock), fleet.h (riders), drones.h, cold_chain.h, and
// city_dispatch.h (the decisions that need the whole city, at barriers). Each store is one
// logical process (store_lp.h) that routes its events to the parts.
//
// The world is two things: its setup (world_setup.h: configuration, roads, travel times, zones;
// never changed by a run, shared by forks) and its state (world_state.h: everything a run
// changes, a plain value). Between runs the engine's pending events are part of the state, so a
// world paused with run_until() can be copied (fork()), saved (checkpoint.h) and continued, and
// every continuation is the run the original would have made.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "routing/road_network.h"
#include "sim/engine/time.h"
#include "sim/model/run_result.h"
#include "sim/model/twin_state.h"
#include "sim/model/world_config.h"
#include "sim/model/world_setup.h"
#include "sim/model/world_state.h"

namespace sim {
class ParallelSimulator;
}

namespace model {

class StoreLp;

class World {
 public:
  using ProgressFn =
      std::function<void(sim::Time now, std::uint32_t placed, std::uint32_t resolved)>;

  // Builds the setup (travel times, zones: the expensive part) and the state at time 0, with
  // the whole demand drawn. The network must outlive the world. `threads` = 0 uses every core.
  // Throws std::invalid_argument for a configuration the model cannot run (an unknown policy).
  World(WorldConfig config, std::shared_ptr<const routing::RoadNetwork> network, int threads = 1);
  // A world that continues from `state`, which must come from a world of this setup (a fork or
  // a checkpoint read back with it).
  World(std::shared_ptr<const WorldSetup> setup, WorldState state, int threads = 1);
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // An independent world that continues from this one's state: same setup (shared, read-only),
  // a copy of the state, and a copy of the route caches so it starts warm.
  // `threads`: the fork's own thread count (-1: this world's).
  std::unique_ptr<World> fork(int threads = -1) const;
  // Replaces the state with one of a world of this setup (a checkpoint read back, or another
  // world's state), from which run_until() and run() continue. Throws std::invalid_argument,
  // saying what differs, when it does not fit the setup (stores, riders, drones, sensors,
  // logical processes, orders).
  void restore(WorldState state);

  // Runs every event before `t`, then rests with now() == t. With barriers (cross-store dispatch,
  // repositioning or forwarding) t is rounded up to the next barrier, the only instants at which
  // the whole state is one consistent value. `progress` is called between engine windows.
  void run_until(sim::Time t, const ProgressFn& progress = {});
  // Runs from where the world is to the end of the scenario (or stop_at()) and returns the run.
  RunResult run(const ProgressFn& progress = {});

  // Where the world rests: every event before it is done.
  sim::Time now() const { return state_.engine.now; }
  // The end of the scenario: its duration plus the drain.
  sim::Time end() const { return setup_->config.duration + setup_->config.drain; }
  // The period of the engine's barriers; 0 when the world has none.
  sim::Time barrier_period() const;

  const WorldSetup& setup() const { return *setup_; }
  std::shared_ptr<const WorldSetup> shared_setup() const { return setup_; }
  const WorldState& state() const { return state_; }
  // For what-if actions between runs (sim/model/whatif_actions.h); changing the state by hand
  // otherwise voids the guarantees above.
  WorldState& state() { return state_; }
  int threads() const { return threads_; }

  // Changes the paused world at now() (what-if actions, sim/model/whatif.h): `change` may edit
  // the state and schedule the events the change causes on the engine it is given (LP = store).
  void change(
      const std::function<void(const WorldSetup&, WorldState&, sim::ParallelSimulator&)>& change);
  // Switches every store's dispatch policy (routing/dispatch.h) from now on; throws
  // std::invalid_argument for an unknown name.
  void set_policy(const std::string& name);

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
  void make_processes();
  sim::Time lookahead() const;
  RunResult collect(sim::Time end_time);
  void collect_operations(RunResult& r) const;
  void collect_samples(RunResult& r) const;

  std::shared_ptr<const WorldSetup> setup_;
  WorldState state_;
  int threads_;
  sim::Time window_ = 0;
  sim::Time stop_ = sim::kNever;
  std::vector<std::unique_ptr<StoreLp>> processes_;  // per store
  double wall_seconds_ = 0;
  double global_dispatch_seconds_ = 0;
};

}  // namespace model
