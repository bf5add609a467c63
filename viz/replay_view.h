// Playing back a recorded run (twin.bin): the state at any time between its frames, and the
// replay window with a time slider to scrub back and forth.
#pragma once

#include <string>
#include <vector>

#include "routing/road_network.h"
#include "sim/model/twin_state.h"
#include "viz/map_layers.h"

namespace viz {

// The recording at time t: positions interpolated between the frames around it; before the
// first frame the first, after the last the last. `frames` is in time order and not empty.
model::TwinState replay_state(const std::vector<model::TwinState>& frames, sim::Time t);

// Opens the replay window and runs until it is closed. Returns 0.
int run_replay_view(const std::vector<model::TwinState>& frames,
                    const routing::RoadNetwork& network, const std::string& title, unsigned width,
                    unsigned height, float ui_scale = 0, const MapLayers& layers = {});

}  // namespace viz
