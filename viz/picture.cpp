#include "viz/picture.h"

#include <SFML/Graphics/RenderTexture.hpp>
#include <algorithm>
#include <stdexcept>

#include "sim/model/world.h"
#include "viz/twin_renderer.h"

namespace viz {

MapView fit_view(const routing::RoadNetwork& network, const std::vector<routing::LatLon>& stores,
                 float width, float height) {
  constexpr double kMarginM = 1200;
  routing::LatLon sw{90, 180}, ne{-90, -180};
  auto include = [&](routing::LatLon p) {
    sw = {std::min(sw.lat, p.lat), std::min(sw.lon, p.lon)};
    ne = {std::max(ne.lat, p.lat), std::max(ne.lon, p.lon)};
  };
  for (routing::NodeId n = 0; n < network.node_count(); ++n) include(network.position(n));
  if (stores.empty()) return MapView(sw, ne, width, height);
  const routing::LatLon net_sw = sw, net_ne = ne;
  sw = {90, 180}, ne = {-90, -180};
  for (const auto& s : stores) {
    include(routing::offset(s, -kMarginM, -kMarginM));
    include(routing::offset(s, kMarginM, kMarginM));
  }
  sw = {std::max(sw.lat, net_sw.lat), std::max(sw.lon, net_sw.lon)};
  ne = {std::min(ne.lat, net_ne.lat), std::min(ne.lon, net_ne.lon)};
  return MapView(sw, ne, width, height);
}

model::TwinState state_at(const model::WorldConfig& config,
                          std::shared_ptr<const routing::RoadNetwork> network, sim::Time at,
                          int threads, OnTimeHistory* history) {
  model::World world(config, std::move(network), threads);
  world.stop_at(at);
  if (!history) {
    world.run();
    return world.twin_state(at);
  }
  history->clear();
  world.set_window(sim::kMinute);  // a chart point at most a minute after each whole minute
  sim::Time next = std::max<sim::Time>(0, at - 2 * sim::kHour);
  world.run([&](sim::Time now, std::uint32_t, std::uint32_t) {
    if (now < next || now > at) return;
    const auto s = world.twin_state(now);
    history->emplace_back(now, chart_share(s));
    next = now + sim::kMinute;
  });
  return world.twin_state(at);
}

sf::Image render(const routing::RoadNetwork& network, const model::TwinState& state, unsigned width,
                 unsigned height, const OnTimeHistory* history, float ui_scale,
                 const MapLayers* layers) {
  sf::RenderTexture target;
  if (!target.create(width, height))
    throw std::runtime_error("cannot draw off screen: no OpenGL context (is there a display?)");
  std::vector<routing::LatLon> stores;
  for (const auto& s : state.stores) stores.push_back(s.at);
  const MapView view =
      fit_view(network, stores, static_cast<float>(width), static_cast<float>(height));
  TwinRenderer renderer(network, view);
  HudInfo hud;
  hud.still = true;
  hud.scale = ui_scale;
  if (history) renderer.seed_history(*history);
  if (layers) renderer.set_layers(*layers);
  renderer.draw(target, state, view, hud, true);
  target.display();
  return target.getTexture().copyToImage();
}

}  // namespace viz
