// The interactive window of `halfhour view`: the live twin drawn every frame, with the keys and
// the mouse to pause, change speed, zoom and pan.
#pragma once

#include <string>

#include "routing/road_network.h"
#include "viz/live_twin.h"
#include "viz/map_layers.h"

namespace viz {

// Opens a window and runs until it is closed. Returns 0.
// `ui_scale`: HudInfo::scale (0: by the window's height).
int run_live_view(LiveTwin& twin, const routing::RoadNetwork& network, const std::string& title,
                  unsigned width, unsigned height, float ui_scale = 0,
                  const MapLayers& layers = {});

}  // namespace viz
