#include "viz/followed_twin.h"

#include <algorithm>

namespace viz {

FollowedTwin::FollowedTwin(model::TwinState first)
    : latest_(std::move(first)), pushed_at_(std::chrono::steady_clock::now()) {
  shown_ = latest_.time;
}

void FollowedTwin::push(model::TwinState state) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  const double wall_s = std::chrono::duration<double>(now - pushed_at_).count();
  if (wall_s > 0 && state.time > latest_.time)
    speed_ =
        0.8 * speed_ +
        0.2 * std::clamp(static_cast<double>(state.time - latest_.time) / 1000 / wall_s, 0.0, 1e6);
  pushed_at_ = now;
  latest_ = std::move(state);
}

double FollowedTwin::speed() const {
  std::lock_guard lock(mutex_);
  return speed_;
}

void FollowedTwin::set_paused(bool paused) {
  std::lock_guard lock(mutex_);
  if (paused && !paused_) frozen_ = latest_;
  paused_ = paused;
}

bool FollowedTwin::paused() const {
  std::lock_guard lock(mutex_);
  return paused_;
}

sim::Time FollowedTwin::tick() {
  std::lock_guard lock(mutex_);
  if (!paused_) shown_ = latest_.time;
  return shown_;
}

model::TwinState FollowedTwin::state_at(sim::Time) const {
  std::lock_guard lock(mutex_);
  return paused_ ? frozen_ : latest_;
}

}  // namespace viz
