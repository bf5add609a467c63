// The interactive window of `halfhour view`: the live twin drawn every frame, with the keys and
// the mouse to pause, change speed, zoom and pan.
#pragma once

#include <functional>
#include <string>

#include "routing/road_network.h"
#include "viz/map_layers.h"
#include "viz/twin_source.h"
#include "viz/whatif_menu.h"

namespace viz {

// Opens a window and runs until it is closed, or until `keep_open` (when given) returns false.
// Returns 0.
// `ui_scale`: HudInfo::scale (0: by the window's height). With a `desk` (the live twin's), key w
// opens the what-if menu for the selected store (viz/whatif_menu.h) and shows its answer.
int run_live_view(TwinSource& twin, const routing::RoadNetwork& network, const std::string& title,
                  unsigned width, unsigned height, float ui_scale = 0, const MapLayers& layers = {},
                  const std::function<bool()>& keep_open = {}, WhatIfDesk* desk = nullptr);

}  // namespace viz
