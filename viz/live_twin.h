// A world running in its own thread for the viewer, paced against the wall clock: between engine
// windows it publishes the world's TwinState whenever a display frame's worth of simulated time
// (speed / 60) has passed, and it never runs more than half a wall second ahead of the display
// clock. The display clock advances at the viewer's speed unless paused, and never past the
// last published state, so the viewer only ever interpolates between two states of the
// simulation itself that bracket the time it shows.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "routing/road_network.h"
#include "sim/model/twin_state.h"
#include "sim/model/world_config.h"
#include "viz/twin_source.h"

namespace model {
class World;
}

namespace viz {

// Positions moved linearly from a to b (the same vehicles in the same order) at time t in
// [a.time, b.time]; everything else as in a, at time t.
model::TwinState interpolate(const model::TwinState& a, const model::TwinState& b, sim::Time t);

class LiveTwin : public TwinSource {
 public:
  LiveTwin(model::WorldConfig config, std::shared_ptr<const routing::RoadNetwork> network,
           int threads);
  ~LiveTwin() override;
  LiveTwin(const LiveTwin&) = delete;
  LiveTwin& operator=(const LiveTwin&) = delete;

  void set_speed(double simulated_seconds_per_second) override;
  double speed() const override;
  void set_paused(bool paused) override;
  bool paused() const override;
  sim::Time tick() override;
  model::TwinState state_at(sim::Time t) const override;
  bool finished() const { return finished_; }

 private:
  void publish(sim::Time t);

  std::unique_ptr<model::World> world_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<model::TwinState> states_;  // published, in time order; the first at or before display
  double speed_ = 60;
  bool paused_ = false;
  double display_ms_ = 0;
  std::chrono::steady_clock::time_point last_tick_;
  std::atomic<bool> finished_{false}, quit_{false};
  std::thread thread_;
};

}  // namespace viz
