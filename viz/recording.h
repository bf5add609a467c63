// A video of the twin made headless: the world run from the start, and from `from` to `to`
// (scenario times) a frame every speed/fps simulated seconds, interpolated between the world's
// states around it exactly as the live view does, drawn off screen and encoded to MP4, without
// the interface's hints ("? for keys", REC).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "routing/road_network.h"
#include "sim/model/twin_state.h"
#include "sim/model/world_config.h"
#include "viz/map_layers.h"

namespace viz {

struct VideoSpec {
  std::string path;
  sim::Time from = 0, to = 0;
  double speed = 60;  // simulated seconds per video second
  int fps = 30;
  unsigned width = 1280, height = 720;
  float ui_scale = 0;  // HudInfo::scale (0: by the height)
};

// Returns the number of frames written. Throws std::runtime_error when the video cannot be made.
int record_video(const model::WorldConfig& config,
                 std::shared_ptr<const routing::RoadNetwork> network, const VideoSpec& spec,
                 int threads);

// The same from a recorded run's frames (twin.bin), each video frame the replay's state at its
// time (replay_state), so the video shows what `halfhour replay` shows. `spec.from` and `spec.to`
// are scenario times within the recording.
int record_replay(const std::vector<model::TwinState>& frames, const routing::RoadNetwork& network,
                  const VideoSpec& spec, const MapLayers& layers = {});

}  // namespace viz
