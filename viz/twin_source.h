// What the interactive window draws from: a clock the viewer ticks every frame and the world's
// state at a time. LiveTwin (a world run paced by the viewer) and FollowedTwin (states pushed by
// the live twin's ingest as an operation's messages arrive) are the two sources.
#pragma once

#include "sim/model/twin_state.h"

namespace viz {

class TwinSource {
 public:
  virtual ~TwinSource() = default;
  // Simulated seconds per wall second the display clock runs at.
  virtual void set_speed(double simulated_seconds_per_second) = 0;
  virtual double speed() const = 0;
  virtual void set_paused(bool paused) = 0;
  virtual bool paused() const = 0;
  // Advances the display clock by the wall time since the last call and returns it.
  virtual sim::Time tick() = 0;
  virtual model::TwinState state_at(sim::Time t) const = 0;
};

}  // namespace viz
