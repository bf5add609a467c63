// halfhour view, replay and bench frames: the visual twin of a scenario live in a window, drawn
// off screen at a time of day (--headless --at, a PNG) or as a video (--record, an MP4); a run
// recorded with --record-twin played back; and the twin's frames per second off screen. Each
// needs a display (xvfb-run on a server); without one it says so and returns 1.
#pragma once

#include <string>

#include "tools/run_options.h"

namespace CLI {
class App;
}

struct ViewOptions {
  bool headless = false;
  std::string at;
  std::string screenshot;
  std::string size = "1280x720";
  std::string record;  // an MP4, headless, from --from to --to
  std::string from, to;
  int fps = 30;
  double speed = 60;
  float ui_scale = 0;  // 0: by the window's height
};

struct FrameBenchOptions {
  int items = 20000;
  int frames = 120;
  std::string size = "1280x720";
};

struct ViewCommands {
  CLI::App* view = nullptr;
  CLI::App* replay = nullptr;
  CLI::App* bench_frames = nullptr;
  ViewOptions view_opt;
  std::string replay_folder;
  ViewOptions replay_opt;
  FrameBenchOptions frames_opt;
};

// WIDTHxHEIGHT, each 200 to 8192; throws scenarios::InputError naming `option` otherwise.
void parse_size(const std::string& size, unsigned& width, unsigned& height,
                const std::string& option = "--size");
// Whether there is a display to draw on; says how to get one on stderr when not.
bool have_display();

// Adds view and replay to `app`; their options fill `cmds` and `opt`, which outlive the parse.
void add_view_commands(CLI::App& app, RunOptions& opt, ViewCommands& cmds);
// Adds frames to `bench` the same way.
void add_frames_bench(CLI::App& bench, RunOptions& opt, ViewCommands& cmds);

// Runs whichever of them was given; returns its exit code, or -1 when none was. Throws
// scenarios::InputError for a bad option, routing::MapError, output::TwinFileError.
int run_view_commands(const RunOptions& opt, const ViewCommands& cmds);
