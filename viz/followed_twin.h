// The viewer's source when it follows a live operation (halfhour twin --view): the twin's ingest
// thread pushes the synchronised world's state as the operation's clock advances, and the window
// shows the newest one. The operation sets the pace, so the speed is what the pushed states show
// (simulated seconds per wall second, measured) and cannot be changed; pausing freezes the
// picture while the twin goes on.
#pragma once

#include <chrono>
#include <mutex>

#include "viz/twin_source.h"

namespace viz {

class FollowedTwin : public TwinSource {
 public:
  explicit FollowedTwin(model::TwinState first);

  // Called from the ingest thread: the world as it is now (its time not before the last one's).
  void push(model::TwinState state);

  void set_speed(double) override {}
  double speed() const override;
  void set_paused(bool paused) override;
  bool paused() const override;
  // The newest pushed state's time, or while paused the time it was paused at.
  sim::Time tick() override;
  // The newest state, or while paused the one shown when paused.
  model::TwinState state_at(sim::Time t) const override;

 private:
  mutable std::mutex mutex_;
  model::TwinState latest_;
  model::TwinState frozen_;  // what was shown when paused
  bool paused_ = false;
  sim::Time shown_ = 0;
  double speed_ = 1;  // measured between pushes
  std::chrono::steady_clock::time_point pushed_at_;
};

}  // namespace viz
