#include "viz/frame_bench.h"

#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/OpenGL.hpp>
#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <vector>

#include "sim/engine/random.h"
#include "viz/picture.h"
#include "viz/twin_renderer.h"

namespace viz {

FrameBenchResult bench_frames(const routing::RoadNetwork& network, int items, int frames,
                              unsigned width, unsigned height) {
  sf::RenderTexture target;
  if (!target.create(width, height))
    throw std::runtime_error("cannot draw off screen: no OpenGL context (is there a display?)");
  const MapView view = fit_view(network, {}, static_cast<float>(width), static_cast<float>(height));
  TwinRenderer renderer(network, view);
  // Vehicles and pins on road nodes; each frame every vehicle moves a little towards another.
  sim::RandomStream rng(1, 0);
  model::TwinState s;
  s.promise = 30 * sim::kMinute;
  auto node = [&] {
    return network.position(static_cast<routing::NodeId>(rng.below(network.node_count())));
  };
  std::vector<routing::LatLon> from, to;
  for (int i = 0; i < items; ++i) {
    from.push_back(node());
    to.push_back(node());
    model::TwinState::Vehicle v;
    v.at = from.back();
    v.id = static_cast<std::uint32_t>(i);
    v.state = static_cast<std::uint8_t>(1 + i % 5);
    s.riders.push_back(std::move(v));
    s.orders.push_back({node(), static_cast<std::uint32_t>(i),
                        -static_cast<sim::Time>(rng.below(40 * sim::kMinute)), sim::kNever});
  }
  std::vector<double> frame_ms;
  double build = 0, total = 0;
  for (int f = 0; f < frames; ++f) {
    const double k = static_cast<double>(f) / frames;
    for (int i = 0; i < items; ++i)
      s.riders[i].at = {from[i].lat + k * (to[i].lat - from[i].lat),
                        from[i].lon + k * (to[i].lon - from[i].lon)};
    s.time = f * sim::kSecond;
    const auto t0 = std::chrono::steady_clock::now();
    renderer.draw(target, s, view, HudInfo{}, f % 30 < 15);
    target.display();
    target.setActive(true);
    glFinish();
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    frame_ms.push_back(ms);
    build += renderer.last_times().build_seconds * 1000;
    total += ms;
  }
  FrameBenchResult r;
  r.frames = frames;
  std::sort(frame_ms.begin(), frame_ms.end());
  r.frame_ms_median = frame_ms[frame_ms.size() / 2];
  r.fps_median = 1000.0 / r.frame_ms_median;
  r.build_share = build / total;
  r.draw_share = 1 - r.build_share;
  return r;
}

}  // namespace viz
