// Checkpoints end to end: a run paused at a random time, written to a checkpoint file, read back
// into a fresh world built from the scenario and run to the end gives byte-identical outputs to
// the uninterrupted run; and the command line's run --checkpoint-at and resume, with every way a
// checkpoint can be wrong.
#include "sim/model/checkpoint.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "e2e_util.h"
#include "scenarios/scenario.h"
#include "sim/model/kpis.h"
#include "sim/model/world.h"
#include "sim/output/run_writer.h"

namespace fs = std::filesystem;

namespace {

using e2e::slurp;

std::string scenario(const std::string& name) {
  return std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/" + name;
}

constexpr const char* kFiles[] = {"orders.csv", "timeseries.csv", "sensors.csv",
                                  "drones.csv", "stock.csv",      "kpis.json"};

// The run's files as run writes them, kpis.json less its "performance" object.
std::array<std::string, 6> outputs(const scenarios::Scenario& s, const model::RunResult& r) {
  const auto kpis =
      output::kpis_json({s.name, s.world.seed, s.resolved_yaml}, model::compute_kpis(r));
  return {output::orders_csv(r),  output::timeseries_csv(r),
          output::sensors_csv(r), output::drones_csv(r),
          output::stock_csv(r),   kpis.substr(0, kpis.find("\"performance\""))};
}

fs::path temp_dir(const std::string& name) {
  // Per process: ctest runs tests side by side, and several checkouts may run them at once.
  const fs::path d =
      fs::temp_directory_path() / ("halfhour-ckpt-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// 20 times spread over the day (one per twentieth of it, at a random point within) and three in
// the drain, in order; a paused world visits them one after the other and each checkpoint is
// resumed in a fresh world at 1, 2 and 4 threads in turn.
void resumes_exactly(const std::string& name) {
  const scenarios::Scenario s = scenarios::load_scenario(scenario(name));
  const auto network = scenarios::load_network(s);
  model::World reference(s.world, network, 2);
  const auto want = outputs(s, reference.run());
  ASSERT_GT(want[0].size(), 1000u);

  std::mt19937_64 rng(14);
  std::vector<sim::Time> times;
  const sim::Time day = s.world.duration, drain = s.world.drain;
  for (int k = 0; k < 20; ++k)
    times.push_back(day * k / 20 + std::uniform_int_distribution<sim::Time>(0, day / 20 - 1)(rng));
  for (int k = 0; k < 3; ++k)
    times.push_back(day + std::uniform_int_distribution<sim::Time>(0, drain - 1)(rng));
  std::sort(times.begin(), times.end());

  const fs::path dir = temp_dir(name);
  const std::string file = (dir / "state.ckpt").string();
  model::World paused(s.world, network, 2);
  std::vector<std::unique_ptr<model::World>> fresh;
  for (int threads : {1, 2, 4})
    fresh.push_back(std::make_unique<model::World>(s.world, network, threads));
  for (std::size_t i = 0; i < times.size(); ++i) {
    paused.run_until(times[i]);
    ASSERT_GE(paused.now(), times[i]);
    model::Checkpoint c;
    c.at = paused.now();
    c.state = paused.state();
    model::write_checkpoint(file, c);
    model::Checkpoint back = model::read_checkpoint(file);
    EXPECT_EQ(back.at, paused.now());
    model::World& world = *fresh[i % 3];
    world.restore(std::move(back.state));
    const auto got = outputs(s, world.run());
    for (int f = 0; f < 6; ++f)
      EXPECT_EQ(got[f], want[f]) << name << ": " << kFiles[f] << " resumed at " << times[i]
                                 << " ms with " << (1 << (i % 3)) << " threads";
  }
  fs::remove_all(dir);
}

TEST(Checkpoint, MonacoResumesExactlyFromTwentyThreeTimes) { resumes_exactly("monaco.yaml"); }

TEST(Checkpoint, DronesAndColdChainResumeExactlyFromTwentyThreeTimes) {
  resumes_exactly("monaco-drones-coldchain.yaml");
}

TEST(Checkpoint, AStateOfAnotherWorldDoesNotFit) {
  const auto a = scenarios::load_scenario(scenario("monaco.yaml"));
  const auto b = scenarios::load_scenario(scenario("monaco-drones-coldchain.yaml"));
  const auto network = scenarios::load_network(a);
  model::World plain(a.world, network, 1);
  model::World drones(b.world, network, 1);
  EXPECT_THROW(drones.restore(plain.state()), std::invalid_argument);
  model::WorldState fewer = plain.state();
  fewer.stores.pop_back();
  EXPECT_THROW(plain.restore(fewer), std::invalid_argument);
}

model::Checkpoint small_checkpoint() {
  model::Checkpoint c;
  c.scenario.name = "x";
  c.scenario.path = "/x.yaml";
  c.state.orders.resize(3);
  c.state.stores.resize(2);
  c.state.engine.pending.push_back({5, 1, 0, 1, 2, {3, 4, 5}});
  return c;
}

std::string error_of(std::string_view bytes) {
  try {
    model::parse_checkpoint(bytes);
  } catch (const model::CheckpointError& e) {
    return e.what();
  }
  return "";
}

TEST(Checkpoint, ReadingSaysWhatIsWrong) {
  EXPECT_EQ(model::crc64("123456789"), 0x995DC9BBDF1939FAULL);  // CRC-64/XZ's check value
  const std::string bytes = model::checkpoint_bytes(small_checkpoint());
  const auto back = model::parse_checkpoint(bytes);
  EXPECT_EQ(back.scenario.path, "/x.yaml");
  EXPECT_EQ(back.state.orders.size(), 3u);
  ASSERT_EQ(back.state.engine.pending.size(), 1u);
  EXPECT_EQ(back.state.engine.pending[0].payload.b, 5u);
  EXPECT_EQ(model::checkpoint_bytes(back), bytes);

  EXPECT_EQ(error_of("name,placed\n1,2\n"), "not a halfhour checkpoint");
  EXPECT_EQ(error_of(bytes.substr(0, 100)),
            "truncated at byte 100 of " + std::to_string(bytes.size()));
  for (std::size_t at : {std::size_t{30}, bytes.size() / 2, bytes.size() - 1}) {
    std::string bad = bytes;
    bad[at] = static_cast<char>(bad[at] ^ 0x10);
    EXPECT_EQ(error_of(bad), "checksum mismatch: the file is corrupted") << at;
  }
  // A frame intact (sizes and checksum right) around a state cut short: the payload's shape.
  const auto u64 = [](std::string_view b, std::size_t at) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
    return v;
  };
  const auto put = [](std::string& b, std::size_t at, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) b[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
  };
  const std::size_t payload_at = 20 + 8 + u64(bytes, 20);
  std::string cut = bytes.substr(0, bytes.size() - 8 - 5);
  put(cut, 12, cut.size() + 8);
  put(cut, payload_at, u64(bytes, payload_at) - 5);
  cut.append(8, '\0');
  put(cut, cut.size() - 8, model::crc64(std::string_view(cut).substr(0, cut.size() - 8)));
  EXPECT_NE(error_of(cut).find("the checkpoint's state does not have the shape"), std::string::npos)
      << error_of(cut);

  auto old = small_checkpoint();
  old.version = "0.0.9";
  EXPECT_EQ(error_of(model::checkpoint_bytes(old)),
            std::string("written by halfhour 0.0.9, this is ") + model::halfhour_version());
}

// --- the command line ---

using Result = e2e::Run;

Result halfhour(const std::string& args) { return e2e::run_halfhour(args); }

std::array<std::string, 6> files_of(const fs::path& run) {
  std::array<std::string, 6> f;
  for (int k = 0; k < 6; ++k) f[k] = slurp(run / kFiles[k]);
  f[5] = f[5].substr(0, f[5].find("\"performance\""));
  return f;
}

TEST(CheckpointCli, ResumeWritesTheUninterruptedRunsOutputs) {
  const fs::path dir = temp_dir("cli");
  const std::string s = scenario("monaco-drones-coldchain.yaml");
  const fs::path ckpt = dir / "noon.ckpt";
  const auto run = halfhour("run -q " + s + " --threads 2 --checkpoint-at 12:00 " + ckpt.string() +
                            " --out " + (dir / "run").string());
  ASSERT_EQ(run.code, 0) << run.out;
  ASSERT_TRUE(fs::exists(ckpt));
  const auto want = files_of(dir / "run" / "monaco-drones-coldchain");
  EXPECT_GT(want[0].size(), 1000u);
  for (int threads : {1, 2, 4}) {
    const fs::path out = dir / ("resume" + std::to_string(threads));
    const auto r = halfhour("resume " + ckpt.string() + " --threads " + std::to_string(threads) +
                            " --out " + out.string());
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("resuming monaco-drones-coldchain from 12:00"), std::string::npos)
        << r.out;
    const auto got = files_of(out / "monaco-drones-coldchain");
    for (int f = 0; f < 6; ++f) EXPECT_EQ(got[f], want[f]) << kFiles[f] << " at " << threads;
  }
  fs::remove_all(dir);
}

// With cross-store dispatch the engine rests only at its 30 s barriers.
TEST(CheckpointCli, ATimeBetweenBarriersIsRoundedUpWithANote) {
  const fs::path dir = temp_dir("barrier");
  const fs::path ckpt = dir / "x.ckpt";
  const std::string set = " --set dispatch.cross_store=true";
  const auto run = halfhour("run " + scenario("monaco.yaml") + set + " --checkpoint-at 12:00:10 " +
                            ckpt.string() + " --out " + (dir / "run").string());
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_NE(run.out.find("checkpoint at 12:00:30 (12:00:10 rounded up to the engine's next "
                         "barrier)"),
            std::string::npos)
      << run.out;
  const auto r = halfhour("resume -q " + ckpt.string() + " --out " + (dir / "resumed").string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(files_of(dir / "resumed" / "monaco"), files_of(dir / "run" / "monaco"));
  fs::remove_all(dir);
}

TEST(CheckpointCli, EveryBadCheckpointExitsTwoAndWritesNothing) {
  const fs::path dir = temp_dir("bad");
  // A copy of monaco.yaml with its map's path made absolute, so that the test can change it.
  const auto copy_of = [](const std::string& name) {
    std::string text = slurp(scenario(name));
    const std::string map = "osm: maps/";
    text.replace(text.find(map), map.size(), "osm: " + scenario("maps/"));
    return text;
  };
  const fs::path yaml = dir / "scenario.yaml";
  std::ofstream(yaml) << copy_of("monaco.yaml");
  const fs::path ckpt = dir / "a.ckpt";
  const auto r = halfhour("run -q " + yaml.string() + " --checkpoint-at 2h " + ckpt.string() +
                          " --out " + (dir / "run").string());
  ASSERT_EQ(r.code, 0) << r.out;
  const std::string bytes = slurp(ckpt);
  ASSERT_GT(bytes.size(), 1000u);

  const auto expect_refused = [&](const std::string& file, const std::string& message) {
    const fs::path out = dir / "out";
    const auto res = halfhour("resume " + file + " --out " + out.string());
    EXPECT_EQ(res.code, 2) << res.out;
    EXPECT_NE(res.out.find(message), std::string::npos) << res.out;
    EXPECT_FALSE(fs::exists(out)) << message;
  };
  const auto write = [&](const std::string& name, const std::string& content) {
    std::ofstream(dir / name, std::ios::binary) << content;
    return (dir / name).string();
  };
  expect_refused(write("t.ckpt", bytes.substr(0, bytes.size() / 3)),
                 "truncated at byte " + std::to_string(bytes.size() / 3) + " of " +
                     std::to_string(bytes.size()));
  std::string corrupt = bytes;
  corrupt[bytes.size() / 2] = static_cast<char>(corrupt[bytes.size() / 2] ^ 1);
  expect_refused(write("c.ckpt", corrupt), "checksum mismatch: the file is corrupted");
  expect_refused(write("n.ckpt", "not a checkpoint at all"), "not a halfhour checkpoint");
  auto old = model::parse_checkpoint(bytes);
  old.version = "0.0.9";
  expect_refused(write("v.ckpt", model::checkpoint_bytes(old)), "written by halfhour 0.0.9");
  expect_refused((dir / "missing.ckpt").string(), "cannot read the checkpoint");
  // A checkpoint that cannot be written: exit 2 before the run's outputs.
  const auto unwritable =
      halfhour("run -q " + yaml.string() + " --checkpoint-at 2h " +
               (dir / "no" / "such" / "x.ckpt").string() + " --out " + (dir / "out").string());
  EXPECT_EQ(unwritable.code, 2) << unwritable.out;
  EXPECT_NE(unwritable.out.find("cannot write the checkpoint"), std::string::npos)
      << unwritable.out;
  EXPECT_FALSE(fs::exists(dir / "out"));
  EXPECT_FALSE(fs::exists(dir / "no"));

  // The scenario edited since (a store's pickers); then another scenario at the same path.
  std::string text = copy_of("monaco.yaml");
  text.replace(text.find("pickers: 12"), 11, "pickers: 11");
  std::ofstream(yaml) << text;
  expect_refused(ckpt.string(), "the scenario changed since the checkpoint was taken");
  std::ofstream(yaml) << copy_of("monaco-drones-coldchain.yaml");
  expect_refused(ckpt.string(), "a checkpoint of another scenario");
  fs::remove_all(dir);
}

}  // namespace
