// The twin as a picture: the world run up to a time, drawn off screen at a size. What the
// headless `halfhour view --screenshot` writes and what the pixel tests look at.
#pragma once

#include <SFML/Graphics/Image.hpp>
#include <memory>
#include <vector>

#include "routing/road_network.h"
#include "sim/model/twin_state.h"
#include "sim/model/world_config.h"
#include "viz/map_layers.h"
#include "viz/map_view.h"

namespace viz {

// The map view that opens on the city: its stores with a margin around them, within the road
// network's extent (all of the network when there are no stores).
MapView fit_view(const routing::RoadNetwork& network, const std::vector<routing::LatLon>& stores,
                 float width, float height);

// The on-time share of delivered orders over time, (scenario time, share), for the display's
// rolling chart.
using OnTimeHistory = std::vector<std::pair<sim::Time, double>>;

// A state's point on that chart: on time / delivered so far, 1 before the first delivery.
inline double chart_share(const model::TwinState& s) {
  return s.delivered ? static_cast<double>(s.on_time) / s.delivered : 1.0;
}

// The world's TwinState at scenario time `at` (every event before it done); with `history`, also
// the on-time share of delivered orders every simulated minute of the two hours before it.
model::TwinState state_at(const model::WorldConfig& config,
                          std::shared_ptr<const routing::RoadNetwork> network, sim::Time at,
                          int threads, OnTimeHistory* history = nullptr);

// Draws `state` off screen, with the chart's `history` when given; `ui_scale` as
// HudInfo::scale. Throws std::runtime_error when no OpenGL context can be made (no display).
sf::Image render(const routing::RoadNetwork& network, const model::TwinState& state, unsigned width,
                 unsigned height, const OnTimeHistory* history = nullptr, float ui_scale = 0,
                 const MapLayers* layers = nullptr);

}  // namespace viz
