// The frame-time benchmark of the visual twin: a road map with N vehicles and N order pins that
// move every frame, drawn off screen at a size; frames per second and the share of frame time
// spent building vertices against drawing.
#pragma once

#include <string>

#include "routing/road_network.h"

namespace viz {

struct FrameBenchResult {
  double fps_median = 0;
  double frame_ms_median = 0;
  double build_share = 0;  // of frame time, summed over all frames
  double draw_share = 0;   // draw calls, display and waiting for OpenGL to finish
  int frames = 0;
};

FrameBenchResult bench_frames(const routing::RoadNetwork& network, int items, int frames,
                              unsigned width, unsigned height);

}  // namespace viz
