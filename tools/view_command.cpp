#include "tools/view_command.h"

#include <cstdio>
#include <cstdlib>

#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include "scenarios/units.h"
#include "sim/output/time_format.h"
#include "sim/output/twin_file.h"
#include "viz/frame_bench.h"
#include "viz/live_twin.h"
#include "viz/live_view.h"
#include "viz/picture.h"
#include "viz/recording.h"
#include "viz/replay_view.h"

void parse_size(const std::string& size, unsigned& width, unsigned& height,
                const std::string& option) {
  if (std::sscanf(size.c_str(), "%ux%u", &width, &height) != 2 || width < 200 || height < 200 ||
      width > 8192 || height > 8192)
    bad_option(option, "WIDTHxHEIGHT, each 200 to 8192", size);
}

bool have_display() {
  const char* display = std::getenv("DISPLAY");
  if (display && *display) return true;
  fmt::print(stderr,
             "halfhour: error: no display (DISPLAY is not set); on a server run it under "
             "xvfb-run\n");
  return false;
}

namespace {

// --at as scenario time (the first time it is that time of day), when --headless.
sim::Time headless_time(const ViewOptions& v, const model::WorldConfig& w) {
  if (v.at.empty() || v.screenshot.empty())
    bad_option("--headless", "--at HH:MM and --screenshot FILE.png with it", "");
  return window_time("--at", v.at, w);
}

// Writes a picture beside its path and renames it, so a failed write leaves no half picture.
int save_picture(const sf::Image& image, const std::string& path, bool quiet) {
  const std::string tmp = path + ".tmp.png";
  if (!image.saveToFile(tmp) || std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    fmt::print(stderr, "halfhour: error: cannot write {}\n", path);
    return 1;
  }
  if (!quiet) fmt::print("screenshot: {}\n", path);
  return 0;
}

// The visual twin: a live window, or with --headless a picture of the world at --at.
int cmd_record(const RunOptions& opt, const ViewOptions& v, unsigned width, unsigned height) {
  if (v.from.empty() || v.to.empty())
    bad_option("--record", "--from HH:MM and --to HH:MM with it", "");
  const scenarios::Scenario s = load_map_scenario(opt);
  viz::VideoSpec spec;
  spec.path = v.record;
  spec.from = window_time("--from", v.from, s.world);
  spec.to = window_time("--to", v.to, s.world);
  if (spec.to <= spec.from) bad_option("--to", "a time after --from", v.to);
  spec.speed = v.speed;
  spec.fps = v.fps;
  spec.width = width;
  spec.height = height;
  spec.ui_scale = v.ui_scale;
  if (static_cast<double>(spec.to - spec.from) / 1000 / v.speed * v.fps > 200'000)
    bad_option("--to", "at most 200000 frames between --from and --to", v.to);
  if (!have_display()) return 1;
  const auto network = load_network_reported(s);
  const int frames = viz::record_video(s.world, network, spec, opt.threads);
  if (!opt.quiet) fmt::print("video: {} ({} frames)\n", v.record, frames);
  return 0;
}

int cmd_view(const RunOptions& opt, const ViewOptions& v) {
  unsigned width = 0, height = 0;
  parse_size(v.size, width, height);
  if (v.headless && !v.record.empty()) return cmd_record(opt, v, width, height);
  const scenarios::Scenario s = load_map_scenario(opt);
  const sim::Time at = v.headless ? headless_time(v, s.world) : 0;
  if (!have_display()) return 1;
  const auto network = load_network_reported(s);
  if (!v.headless) {
    viz::LiveTwin twin(s.world, network, opt.threads);
    twin.set_speed(v.speed);
    return viz::run_live_view(twin, *network, "halfhour: " + s.name, width, height, v.ui_scale,
                              viz::map_layers(s.world));
  }
  viz::OnTimeHistory history;
  const auto state = viz::state_at(s.world, network, at, opt.threads, &history);
  const auto layers = viz::map_layers(s.world);
  return save_picture(viz::render(*network, state, width, height, &history, v.ui_scale, &layers),
                      v.screenshot, opt.quiet);
}

// A recorded run played back: its folder holds scenario.yaml (for the map) and twin.bin.
int cmd_replay(const std::string& folder, const ViewOptions& v, bool quiet) {
  unsigned width = 0, height = 0;
  parse_size(v.size, width, height);
  RunOptions opt;
  opt.scenario = folder + "/scenario.yaml";
  const scenarios::Scenario s = load_map_scenario(opt);
  const bool record = v.headless && !v.record.empty();
  const sim::Time at = v.headless && !record ? headless_time(v, s.world) : 0;
  viz::VideoSpec spec;
  if (record) {
    if (v.from.empty() || v.to.empty())
      bad_option("--record", "--from HH:MM and --to HH:MM with it", "");
    spec = {v.record,
            window_time("--from", v.from, s.world),
            window_time("--to", v.to, s.world),
            v.speed,
            v.fps,
            width,
            height,
            v.ui_scale};
    if (spec.to <= spec.from) bad_option("--to", "a time after --from", v.to);
    if (static_cast<double>(spec.to - spec.from) / 1000 / v.speed * v.fps > 200'000)
      bad_option("--to", "at most 200000 frames between --from and --to", v.to);
  }
  const auto frames = output::read_twin(folder + "/twin.bin");
  if (frames.empty()) throw output::TwinFileError(folder + "/twin.bin: no frames");
  if (!have_display()) return 1;
  const auto network = load_network_reported(s);
  if (!v.headless)
    return viz::run_replay_view(frames, *network, "halfhour replay: " + s.name, width, height,
                                v.ui_scale, viz::map_layers(s.world));
  if (record) {
    const int n = viz::record_replay(frames, *network, spec, viz::map_layers(s.world));
    if (!quiet) fmt::print("video: {} ({} frames)\n", v.record, n);
    return 0;
  }
  // The chart's history: the recorded frames of the two hours before.
  viz::OnTimeHistory history;
  for (const auto& f : frames)
    if (f.time <= at && f.time >= at - 2 * sim::kHour)
      history.emplace_back(f.time, viz::chart_share(f));
  const auto layers = viz::map_layers(s.world);
  return save_picture(viz::render(*network, viz::replay_state(frames, at), width, height, &history,
                                  v.ui_scale, &layers),
                      v.screenshot, quiet);
}

// Frames per second of the visual twin with `items` vehicles and as many pins on the scenario's
// map, off screen.
int cmd_bench_frames(const RunOptions& opt, const FrameBenchOptions& f) {
  unsigned width = 0, height = 0;
  parse_size(f.size, width, height);
  const scenarios::Scenario s = load_map_scenario(opt);
  if (!have_display()) return 1;
  const auto network = load_network_reported(s);
  const auto r = viz::bench_frames(*network, f.items, f.frames, width, height);
  fmt::print(
      "{{\"map\": \"{}\", \"size\": \"{}\", \"vehicles\": {}, \"pins\": {}, \"frames\": {}, "
      "\"fps_median\": {:.1f}, \"frame_ms_median\": {:.2f}, \"build_share\": {:.3f}, "
      "\"draw_share\": {:.3f}}}\n",
      s.name, f.size, f.items, f.items, r.frames, r.fps_median, r.frame_ms_median, r.build_share,
      r.draw_share);
  return 0;
}

}  // namespace

namespace {

// --record, --from, --to, --fps, --speed and --ui-scale, as view and replay share them.
void add_video_options(CLI::App* cmd, ViewOptions& v) {
  cmd->add_option("--record", v.record, "With --headless: the MP4 to write, from --from to --to");
  cmd->add_option("--from", v.from, "With --record: the time of day to start (HH:MM)");
  cmd->add_option("--to", v.to, "With --record: the time of day to end (HH:MM)");
  cmd->add_option("--fps", v.fps, "With --record: frames per second")->check(CLI::Range(1, 120));
  cmd->add_option("--speed", v.speed, "Simulated seconds per second (video or window)")
      ->check(CLI::Range(1.0, 3600.0));
  cmd->add_option("--ui-scale", v.ui_scale,
                  "Text, markers and panels this many times their 720p size (default: by the "
                  "height, e.g. 1.5 at 1080p)")
      ->check(CLI::Range(0.5, 4.0));
}

}  // namespace

void add_view_commands(CLI::App& app, RunOptions& opt, ViewCommands& cmds) {
  cmds.view = app.add_subcommand(
      "view", "Watch the scenario live in the visual twin, or draw it at a time (--headless)");
  add_scenario_options(cmds.view, opt);
  cmds.view->add_flag("--headless", cmds.view_opt.headless,
                      "Draw off screen instead of opening a window");
  cmds.view->add_option("--at", cmds.view_opt.at,
                        "With --headless: the time of day to draw (HH:MM)");
  cmds.view->add_option("--screenshot", cmds.view_opt.screenshot,
                        "With --headless: the PNG to write");
  cmds.view->add_option("--size", cmds.view_opt.size, "Window or picture size, WIDTHxHEIGHT");
  add_video_options(cmds.view, cmds.view_opt);
  cmds.view->add_flag("--quiet,-q", opt.quiet, "Print nothing on success");

  cmds.replay = app.add_subcommand(
      "replay", "Play back a run recorded with run --record-twin, with a time slider");
  cmds.replay->add_option("folder", cmds.replay_folder, "The run's output folder (out/<name>)")
      ->required();
  cmds.replay->add_flag("--headless", cmds.replay_opt.headless,
                        "Draw off screen instead of opening a window");
  cmds.replay->add_option("--at", cmds.replay_opt.at,
                          "With --headless: the time of day to draw (HH:MM)");
  cmds.replay->add_option("--screenshot", cmds.replay_opt.screenshot,
                          "With --headless: the PNG to write");
  cmds.replay->add_option("--size", cmds.replay_opt.size, "Window or picture size, WIDTHxHEIGHT");
  add_video_options(cmds.replay, cmds.replay_opt);
  cmds.replay->add_flag("--quiet,-q", opt.quiet, "Print nothing on success");
}

void add_frames_bench(CLI::App& bench, RunOptions& opt, ViewCommands& cmds) {
  cmds.bench_frames = bench.add_subcommand(
      "frames", "Frames per second of the visual twin off screen (needs a display or xvfb-run)");
  add_scenario_options(cmds.bench_frames, opt);
  cmds.bench_frames
      ->add_option("--items", cmds.frames_opt.items, "Moving vehicles, and as many pins")
      ->check(CLI::Range(0, 10000000));
  cmds.bench_frames->add_option("--frames", cmds.frames_opt.frames, "Frames to draw")
      ->check(CLI::Range(1, 100000));
  cmds.bench_frames->add_option("--size", cmds.frames_opt.size, "Frame size, WIDTHxHEIGHT");
}

int run_view_commands(const RunOptions& opt, const ViewCommands& cmds) {
  if (*cmds.view) return cmd_view(opt, cmds.view_opt);
  if (*cmds.replay) return cmd_replay(cmds.replay_folder, cmds.replay_opt, opt.quiet);
  if (*cmds.bench_frames) return cmd_bench_frames(opt, cmds.frames_opt);
  return -1;
}
