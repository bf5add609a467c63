#include "viz/live_twin.h"

#include <algorithm>

#include "sim/model/world.h"

namespace viz {

namespace {
struct Cancelled {};
constexpr auto kPublishEvery = std::chrono::milliseconds(16);
constexpr double kLeadSeconds = 0.5;  // wall seconds the simulation may run ahead
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
  latest_ = previous_ = world_->twin_state(0);
  have_latest_ = true;
  last_tick_ = last_publish_ = std::chrono::steady_clock::now();
  thread_ = std::thread([this] {
    try {
      const model::RunResult r =
          world_->run([this](sim::Time now, std::uint32_t, std::uint32_t) { publish(now); });
      model::TwinState last = world_->twin_state(r.end_time);
      std::lock_guard lock(mutex_);
      previous_ = std::move(latest_);
      latest_ = std::move(last);
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
  bool must_wait;
  {
    std::lock_guard lock(mutex_);
    must_wait = ahead();
  }
  const auto now = std::chrono::steady_clock::now();
  // Before waiting for the display, the viewer gets the state it will wait at.
  if (must_wait || now - last_publish_ >= kPublishEvery) {
    model::TwinState s = world_->twin_state(t);
    std::lock_guard lock(mutex_);
    previous_ = std::move(latest_);
    latest_ = std::move(s);
    last_publish_ = now;
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
    display_ms_ = std::min(display_ms_, static_cast<double>(latest_.time));
    t = static_cast<sim::Time>(display_ms_);
  }
  last_tick_ = now;
  wake_.notify_all();
  return t;
}

model::TwinState LiveTwin::state_at(sim::Time t) const {
  std::lock_guard lock(mutex_);
  if (t <= previous_.time) return interpolate(previous_, previous_, previous_.time);
  return interpolate(previous_, latest_, std::min(t, latest_.time));
}

}  // namespace viz
