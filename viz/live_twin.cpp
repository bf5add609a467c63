#include "viz/live_twin.h"

#include <algorithm>

#include "sim/model/world.h"

namespace viz {

namespace {
struct Cancelled {};
constexpr double kFramesPerSecond = 60;  // the display's, for how often states are published
constexpr double kLeadSeconds = 0.5;     // wall seconds the simulation may run ahead
}  // namespace

model::TwinState interpolate(const model::TwinState& a, const model::TwinState& b, sim::Time t) {
  model::TwinState s = a;
  s.time = t;
  if (b.time <= a.time) return s;
  const double f =
      std::clamp(static_cast<double>(t - a.time) / static_cast<double>(b.time - a.time), 0.0, 1.0);
  auto lerp = [&](std::vector<model::TwinState::Vehicle>& to,
                  const std::vector<model::TwinState::Vehicle>& from) {
    for (std::size_t i = 0; i < to.size() && i < from.size(); ++i) {
      to[i].at.lat += f * (from[i].at.lat - to[i].at.lat);
      to[i].at.lon += f * (from[i].at.lon - to[i].at.lon);
    }
  };
  lerp(s.riders, b.riders);
  lerp(s.drones, b.drones);
  return s;
}

LiveTwin::LiveTwin(model::WorldConfig config, std::shared_ptr<const routing::RoadNetwork> network,
                   int threads)
    : world_(std::make_unique<model::World>(std::move(config), std::move(network), threads)) {
  world_->set_window(sim::kSecond);
  states_.push_back(world_->twin_state(0));
  last_tick_ = std::chrono::steady_clock::now();
  thread_ = std::thread([this] {
    try {
      const model::RunResult r =
          world_->run([this](sim::Time now, std::uint32_t, std::uint32_t) { publish(now); });
      model::TwinState last = world_->twin_state(r.end_time);
      std::lock_guard lock(mutex_);
      if (last.time > states_.back().time) states_.push_back(std::move(last));
    } catch (const Cancelled&) {
    }
    finished_ = true;
  });
}

LiveTwin::~LiveTwin() {
  quit_ = true;
  wake_.notify_all();
  thread_.join();
}

// Called by the simulation thread between windows: nothing in the world runs now.
void LiveTwin::publish(sim::Time t) {
  if (quit_) throw Cancelled{};
  auto ahead = [&] { return static_cast<double>(t) > display_ms_ + kLeadSeconds * 1000 * speed_; };
  bool due;
  {
    std::lock_guard lock(mutex_);
    // A state per display frame of simulated time, and always the one it will wait at.
    due =
        ahead() || static_cast<double>(t - states_.back().time) >= speed_ * 1000 / kFramesPerSecond;
  }
  if (due) {
    model::TwinState s = world_->twin_state(t);
    std::lock_guard lock(mutex_);
    states_.push_back(std::move(s));
  }
  std::unique_lock lock(mutex_);
  while (!quit_ && ahead()) wake_.wait_for(lock, std::chrono::milliseconds(50));
  if (quit_) throw Cancelled{};
}

void LiveTwin::set_speed(double s) {
  std::lock_guard lock(mutex_);
  speed_ = std::clamp(s, 1.0, 3600.0);
}

double LiveTwin::speed() const {
  std::lock_guard lock(mutex_);
  return speed_;
}

void LiveTwin::set_paused(bool p) {
  std::lock_guard lock(mutex_);
  paused_ = p;
}

bool LiveTwin::paused() const {
  std::lock_guard lock(mutex_);
  return paused_;
}

sim::Time LiveTwin::tick() {
  const auto now = std::chrono::steady_clock::now();
  sim::Time t;
  {
    std::lock_guard lock(mutex_);
    const double wall_ms = std::chrono::duration<double, std::milli>(now - last_tick_).count();
    if (!paused_) display_ms_ += wall_ms * speed_;
    // Never ahead of what the simulation has shown; at its end, stop there.
    display_ms_ = std::min(display_ms_, static_cast<double>(states_.back().time));
    t = static_cast<sim::Time>(display_ms_);
    while (states_.size() > 2 && states_[1].time <= t) states_.pop_front();
  }
  last_tick_ = now;
  wake_.notify_all();
  return t;
}

model::TwinState LiveTwin::state_at(sim::Time t) const {
  std::lock_guard lock(mutex_);
  auto after = std::upper_bound(states_.begin(), states_.end(), t,
                                [](sim::Time x, const model::TwinState& s) { return x < s.time; });
  if (after == states_.begin()) return states_.front();
  if (after == states_.end())
    return interpolate(states_.back(), states_.back(), states_.back().time);
  return interpolate(*std::prev(after), *after, t);
}

}  // namespace viz
