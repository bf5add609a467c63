#include "viz/recording.h"

#include <SFML/Graphics/RenderTexture.hpp>
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/model/world.h"
#include "viz/live_twin.h"
#include "viz/picture.h"
#include "viz/replay_view.h"
#include "viz/twin_renderer.h"
#include "viz/video_encoder.h"

namespace viz {

int record_video(const model::WorldConfig& config,
                 std::shared_ptr<const routing::RoadNetwork> network, const VideoSpec& spec,
                 int threads) {
  sf::RenderTexture target;
  if (!target.create(spec.width, spec.height))
    throw std::runtime_error("cannot draw off screen: no OpenGL context (is there a display?)");
  std::vector<routing::LatLon> stores;
  for (const auto& s : config.stores) stores.push_back(s.location);
  const MapView view =
      fit_view(*network, stores, static_cast<float>(spec.width), static_cast<float>(spec.height));
  TwinRenderer renderer(*network, view);
  renderer.set_layers(map_layers(config));
  VideoEncoder video(spec.path, spec.width, spec.height, spec.fps);
  HudInfo hud;
  hud.speed = spec.speed;
  hud.recording = true;
  hud.hints = false;
  hud.scale = spec.ui_scale;
  const double step = spec.speed * 1000 / spec.fps;  // simulated ms per frame
  const auto frame_count =
      static_cast<long long>(std::floor(static_cast<double>(spec.to - spec.from) / step)) + 1;
  const sim::Time window = std::clamp<sim::Time>(static_cast<sim::Time>(step), 1, sim::kSecond);
  model::World world(config, network, threads);
  world.set_window(window);
  world.stop_at(spec.to + window);
  long long next = 0;
  model::TwinState previous;
  bool have_previous = false;
  auto add_frame = [&](const model::TwinState& state) {
    renderer.draw(target, state, view, hud, (next / std::max(1, spec.fps / 2)) % 2 == 0);
    target.display();
    video.add(target.getTexture().copyToImage());
  };
  auto frame_time = [&](long long k) {
    return spec.from + static_cast<sim::Time>(std::llround(static_cast<double>(k) * step));
  };
  // The chart's two hours before the first frame, as a picture has them.
  OnTimeHistory history;
  world.run([&](sim::Time now, std::uint32_t, std::uint32_t) {
    if (next == 0 && now < spec.from && now >= spec.from - 2 * sim::kHour &&
        (history.empty() || now >= history.back().first + sim::kMinute)) {
      const auto s = world.twin_state(now);
      history.emplace_back(now, chart_share(s));
    }
    if (next == 0 && !history.empty() && now + window >= frame_time(0)) {
      renderer.seed_history(history);
      history.clear();
    }
    if (next >= frame_count || now + window < frame_time(next)) return;
    model::TwinState current = world.twin_state(now);
    for (; next < frame_count && frame_time(next) <= now; ++next) {
      const auto& from = have_previous ? previous : current;
      add_frame(interpolate(from, current, frame_time(next)));
    }
    previous = std::move(current);
    have_previous = true;
  });
  // Past the last event before the end nothing changes but movement: the world's own state
  // at each remaining frame.
  for (; next < frame_count; ++next) {
    add_frame(world.twin_state(frame_time(next)));
  }
  if (!video.finish()) throw std::runtime_error("ffmpeg could not write " + spec.path);
  return video.frames();
}

int record_replay(const std::vector<model::TwinState>& frames, const routing::RoadNetwork& network,
                  const VideoSpec& spec, const MapLayers& layers) {
  if (frames.empty()) throw std::runtime_error("a recording without frames");
  sf::RenderTexture target;
  if (!target.create(spec.width, spec.height))
    throw std::runtime_error("cannot draw off screen: no OpenGL context (is there a display?)");
  std::vector<routing::LatLon> stores;
  for (const auto& s : frames.front().stores) stores.push_back(s.at);
  const MapView view =
      fit_view(network, stores, static_cast<float>(spec.width), static_cast<float>(spec.height));
  TwinRenderer renderer(network, view);
  renderer.set_layers(layers);
  VideoEncoder video(spec.path, spec.width, spec.height, spec.fps);
  HudInfo hud;
  hud.speed = spec.speed;
  hud.hints = false;
  hud.scale = spec.ui_scale;
  const double step = spec.speed * 1000 / spec.fps;
  const auto count =
      static_cast<long long>(std::floor(static_cast<double>(spec.to - spec.from) / step)) + 1;
  for (long long k = 0; k < count; ++k) {
    const auto t = spec.from + static_cast<sim::Time>(std::llround(static_cast<double>(k) * step));
    renderer.draw(target, replay_state(frames, t), view, hud,
                  (k / std::max(1, spec.fps / 2)) % 2 == 0);
    target.display();
    video.add(target.getTexture().copyToImage());
  }
  if (!video.finish()) throw std::runtime_error("ffmpeg could not write " + spec.path);
  return video.frames();
}

}  // namespace viz
