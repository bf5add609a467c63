// End-to-end: the real `halfhour` binary on the shipped scenarios, as a user runs it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "e2e_util.h"

namespace fs = std::filesystem;

namespace {

using Result = e2e::Run;

Result halfhour(const std::string& args) { return e2e::run_halfhour(args); }

using e2e::slurp;

std::string scenario(const std::string& name) {
  return std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/" + name;
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("halfhour-e2e-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(Cli, RunWritesEveryOutput) {
  const auto r = halfhour("run " + scenario("grid-small.yaml") + " --out " + dir_.string());
  ASSERT_EQ(r.code, 0) << r.out;
  std::string name;
  for (const auto& e : fs::directory_iterator(dir_)) name = e.path().filename().string();
  ASSERT_FALSE(name.empty());
  for (const char* f :
       {"scenario.yaml", "kpis.json", "orders.csv", "timeseries.csv", "report.html"})
    EXPECT_TRUE(fs::exists(dir_ / name / f)) << f;
  EXPECT_NE(r.out.find("on time"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("report.html"), std::string::npos) << r.out;
}

TEST_F(Cli, SameSeedIsByteIdenticalAndAnotherSeedDiffers) {
  const auto a =
      halfhour("run -q " + scenario("grid-small.yaml") + " --out " + (dir_ / "a").string());
  const auto b =
      halfhour("run -q " + scenario("grid-small.yaml") + " --out " + (dir_ / "b").string());
  const auto c = halfhour("run -q " + scenario("grid-small.yaml") + " --seed 999 --out " +
                          (dir_ / "c").string());
  ASSERT_EQ(a.code, 0) << a.out;
  ASSERT_EQ(b.code, 0) << b.out;
  ASSERT_EQ(c.code, 0) << c.out;
  const auto run_dir = [](const fs::path& root) { return fs::directory_iterator(root)->path(); };
  for (const char* f : {"orders.csv", "timeseries.csv"})
    EXPECT_EQ(slurp(run_dir(dir_ / "a") / f), slurp(run_dir(dir_ / "b") / f)) << f;
  // kpis.json differs only in its closing "performance" object (wall time, events per second).
  const auto kpis = [&](const char* run) {
    const auto text = slurp(run_dir(dir_ / run) / "kpis.json");
    return text.substr(0, text.find("\"performance\""));
  };
  EXPECT_EQ(kpis("a"), kpis("b"));
  EXPECT_NE(kpis("a").find("orders"), std::string::npos);
  EXPECT_NE(slurp(run_dir(dir_ / "a") / "orders.csv"), slurp(run_dir(dir_ / "c") / "orders.csv"));
}

// The parallel engine: byte-identical outputs at any thread count, on three scenarios.
TEST_F(Cli, OutputsAreIdenticalAtOneTwoAndFourThreads) {
  const std::string scenarios[] = {
      scenario("grid-small.yaml"), scenario("monaco.yaml"),
      std::string(HALFHOUR_SOURCE_DIR) + "/tests/data/trace-city.yaml"};
  for (const auto& s : scenarios) {
    std::string reference[3];
    for (int threads : {1, 2, 4}) {
      const fs::path out = dir_ / std::to_string(threads);
      const auto r = halfhour("run -q " + s + " --threads " + std::to_string(threads) + " --out " +
                              out.string());
      ASSERT_EQ(r.code, 0) << s << ": " << r.out;
      const fs::path run = fs::directory_iterator(out)->path();
      const auto kpis = slurp(run / "kpis.json");
      const std::string files[3] = {slurp(run / "orders.csv"), slurp(run / "timeseries.csv"),
                                    kpis.substr(0, kpis.find("\"performance\""))};
      for (int f = 0; f < 3; ++f) {
        if (threads == 1) {
          reference[f] = files[f];
          EXPECT_GT(reference[f].size(), 100u);
        } else {
          EXPECT_EQ(files[f], reference[f]) << s << " at " << threads << " threads, file " << f;
        }
      }
      fs::remove_all(out);
    }
  }
}

TEST_F(Cli, ReplicationsAreTheSingleRunsOfTheirSeeds) {
  const auto r = halfhour("run -q " + scenario("grid-small.yaml") + " --replications 3 --out " +
                          (dir_ / "reps").string());
  ASSERT_EQ(r.code, 0) << r.out;
  const fs::path reps = dir_ / "reps" / "grid-small";
  // grid-small has seed 7: replication 2 is the run with seed 9.
  const auto single = halfhour("run -q " + scenario("grid-small.yaml") + " --seed 9 --out " +
                               (dir_ / "one").string());
  ASSERT_EQ(single.code, 0) << single.out;
  EXPECT_EQ(slurp(reps / "rep-2" / "orders.csv"),
            slurp(dir_ / "one" / "grid-small" / "orders.csv"));
  EXPECT_NE(slurp(reps / "rep-0" / "orders.csv"), slurp(reps / "rep-1" / "orders.csv"));
  // The summary's mean of orders placed is the mean of the three kpis.json files.
  double sum = 0;
  for (int k = 0; k < 3; ++k) {
    const auto kpis = slurp(reps / ("rep-" + std::to_string(k)) / "kpis.json");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(kpis, m, std::regex("\"placed\": ([0-9]+)")));
    sum += std::stod(m[1]);
  }
  const auto summary = slurp(reps / "replications.json");
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(summary, m, std::regex("\"orders_placed\": \\{\\s*\"mean\": ([0-9.]+)")))
      << summary;
  EXPECT_NEAR(std::stod(m[1]), sum / 3, 1e-9);
}

TEST_F(Cli, SetOverridesAKeyByItsDottedPath) {
  const auto a = halfhour("run -q " + scenario("grid-small.yaml") + " --out " +
                          (dir_ / "a").string() + " --set fleet.riders[0].count=1");
  ASSERT_EQ(a.code, 0) << a.out;
  const auto resolved = slurp(fs::directory_iterator(dir_ / "a")->path() / "scenario.yaml");
  EXPECT_TRUE(std::regex_search(resolved, std::regex("count: 1[^0-9]"))) << resolved;
  EXPECT_FALSE(std::regex_search(resolved, std::regex("count: 6[^0-9]"))) << resolved;
}

TEST_F(Cli, BadScenarioExitsTwoWithFileAndLineAndWritesNothing) {
  const fs::path bad = dir_ / "bad.yaml";
  std::ofstream(bad) << "name: broken\nnetwork:\n  grid: {rows: 5, cols: 5, spacing_m: 100}\n"
                        "stores:\n  - id: a\n    location: {lat: 0, lon: 0}\n    pikers: 3\n";
  const auto r = halfhour("run " + bad.string() + " --out " + (dir_ / "out").string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find(bad.string() + ":7:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("pickers"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

TEST_F(Cli, MissingScenarioFileExitsTwo) {
  const auto r = halfhour("validate " + (dir_ / "nope.yaml").string());
  EXPECT_EQ(r.code, 2) << r.out;
}

TEST_F(Cli, UnknownFlagExitsTwo) {
  const auto r = halfhour("run --no-such-flag " + scenario("grid-small.yaml"));
  EXPECT_EQ(r.code, 2) << r.out;
}

TEST_F(Cli, ValidateAcceptsTheShippedScenarios) {
  for (const char* s : {"grid-small.yaml", "monaco.yaml", "monaco-drones-coldchain.yaml"}) {
    const auto r = halfhour("validate " + scenario(s));
    EXPECT_EQ(r.code, 0) << s << ": " << r.out;
    EXPECT_NE(r.out.find("ok"), std::string::npos) << r.out;
  }
}

TEST_F(Cli, MonacoDayRunsEndToEnd) {
  const auto r = halfhour("run -q " + scenario("monaco.yaml") + " --out " + dir_.string());
  ASSERT_EQ(r.code, 0) << r.out;
  const auto kpis = slurp(dir_ / "monaco" / "kpis.json");
  EXPECT_NE(kpis.find("\"on_time_share\""), std::string::npos);
  const auto report = slurp(dir_ / "monaco" / "report.html");
  EXPECT_NE(report.find("<svg"), std::string::npos);
}

// A CSV file as rows of named fields.
std::vector<std::map<std::string, std::string>> read_csv(const fs::path& p) {
  std::istringstream in(slurp(p));
  std::string line;
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream ls(line);
    std::string f;
    while (std::getline(ls, f, ',')) fields.push_back(f);
    if (header.empty()) {
      header = fields;
      continue;
    }
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i) row[header[i]] = fields[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

// The "done when": drones and riders share the demand, the weather grounds the drones in
// the hours the scenario says, and the freezer failure shows in the spoilage; at any thread count
// the same bytes.
TEST_F(Cli, DronesAndTheColdChainInMonaco) {
  const std::string s = scenario("monaco-drones-coldchain.yaml");
  const char* files[] = {"orders.csv", "timeseries.csv", "sensors.csv", "drones.csv", "stock.csv"};
  std::map<std::string, std::string> reference;
  for (int threads : {1, 2}) {
    const fs::path out = dir_ / std::to_string(threads);
    const auto r = halfhour("run -q " + s + " --threads " + std::to_string(threads) + " --out " +
                            out.string());
    ASSERT_EQ(r.code, 0) << r.out;
    for (const char* f : files) {
      const auto text = slurp(out / "monaco-drones-coldchain" / f);
      EXPECT_GT(text.size(), 100u) << f;
      if (threads == 1)
        reference[f] = text;
      else
        EXPECT_EQ(text, reference[f]) << f;
    }
  }
  const fs::path run = dir_ / "1" / "monaco-drones-coldchain";
  std::map<std::string, int> delivered_by;
  // Frozen-spoiled orders per store, placed 18:00 to 21:00 (t = 0 is 07:00) and otherwise.
  std::map<std::string, int> spoiled_evening, spoiled_else;
  for (const auto& o : read_csv(run / "orders.csv")) {
    if (o.at("status") == "delivered") ++delivered_by[o.at("mode")];
    if (o.at("spoiled") != "1") continue;
    const double placed_h = std::stod(o.at("placed_s")) / 3600;
    (placed_h >= 11 && placed_h < 14 ? spoiled_evening : spoiled_else)[o.at("store")] += 1;
  }
  EXPECT_GT(delivered_by["drone"], 100);
  EXPECT_GT(delivered_by["rider"], 10 * delivered_by["drone"]);
  EXPECT_GT(spoiled_evening["condamine"], 50);
  int elsewhere = 0;
  for (const auto& [store, n] : spoiled_else) elsewhere += n;
  for (const auto& [store, n] : spoiled_evening) elsewhere += store == "condamine" ? 0 : n;
  EXPECT_LT(elsewhere, spoiled_evening["condamine"] / 10);
  // Grounded (both hubs) from 11:00 to 11:45 (the storm) and from 16:00 to 18:00 (the wind).
  for (const auto& row : read_csv(run / "timeseries.csv")) {
    if (row.at("store") != "city") continue;  // each store's rows count its own hub
    const double h = 7 + std::stod(row.at("time_s")) / 3600;
    const bool grounded = (h >= 11 && h < 11.75) || (h >= 16 && h < 18);
    EXPECT_EQ(row.at("drones_grounded"), grounded ? "2" : "0") << h;
  }
  const auto report = slurp(run / "report.html");
  EXPECT_NE(report.find("Drones and riders"), std::string::npos);
  EXPECT_NE(report.find("Cold chain"), std::string::npos);
}

// The visual twin headless: a picture of the Monaco day at 19:00 (needs a display; check.sh runs
// it under xvfb-run).
TEST_F(Cli, CliViewHeadlessWritesAScreenshot) {
  const char* display = std::getenv("DISPLAY");
  if (!display || !*display) GTEST_SKIP() << "needs a display";
  const fs::path png = dir_ / "monaco-19h.png";
  const auto r = halfhour("view " + scenario("monaco.yaml") +
                          " --headless --at 19:00 --size 640x360 --screenshot " + png.string());
  ASSERT_EQ(r.code, 0) << r.out;
  const auto bytes = slurp(png);
  ASSERT_GT(bytes.size(), 1000u);
  EXPECT_EQ(bytes.substr(1, 3), "PNG");
  // 640 x 360 in the header's IHDR chunk, big-endian.
  EXPECT_EQ(static_cast<unsigned char>(bytes[18]) * 256 + static_cast<unsigned char>(bytes[19]),
            640);
  EXPECT_EQ(static_cast<unsigned char>(bytes[22]) * 256 + static_cast<unsigned char>(bytes[23]),
            360);
  EXPECT_FALSE(fs::exists(png.string() + ".tmp.png"));
}

TEST_F(Cli, CliViewRecordsAVideoHeadless) {
  const char* display = std::getenv("DISPLAY");
  if (!display || !*display) GTEST_SKIP() << "needs a display";
  const fs::path mp4 = dir_ / "lunch.mp4";
  // Two simulated minutes at 60x and 10 frames a second: a frame every 6 s, both ends included.
  const auto r =
      halfhour("view " + scenario("grid-small.yaml") + " --headless --record " + mp4.string() +
               " --from 11:00 --to 11:02 --fps 10 --speed 60 --size 320x240");
  ASSERT_EQ(r.code, 0) << r.out;
  const auto probe = [&] {
    Result p;
    const std::string cmd =
        "ffprobe -v error -count_frames -select_streams v:0 -show_entries "
        "stream=nb_read_frames,width,height -of csv=p=0 " +
        mp4.string() + " 2>&1";
    FILE* pipe = popen(cmd.c_str(), "r");
    char buf[256];
    while (std::size_t n = fread(buf, 1, sizeof buf, pipe)) p.out.append(buf, n);
    p.code = pclose(pipe);
    return p;
  }();
  EXPECT_EQ(probe.out, "320,240,21\n");
  EXPECT_FALSE(fs::exists(mp4.string() + ".tmp.mp4"));
}

TEST_F(Cli, CliViewReplaysARecordedRun) {
  const char* display = std::getenv("DISPLAY");
  if (!display || !*display) GTEST_SKIP() << "needs a display";
  auto r =
      halfhour("run -q " + scenario("grid-small.yaml") + " --record-twin --out " + dir_.string());
  ASSERT_EQ(r.code, 0) << r.out;
  const fs::path run = fs::directory_iterator(dir_)->path();
  ASSERT_TRUE(fs::exists(run / "twin.bin"));
  const fs::path png = dir_ / "replay.png";
  r = halfhour("replay " + run.string() + " --headless --at 12:00 --size 320x240 --screenshot " +
               png.string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(slurp(png).substr(1, 3), "PNG");
  // The recording as a video: two minutes at 60x and 10 frames a second, both ends included.
  const fs::path mp4 = dir_ / "replay.mp4";
  r = halfhour("replay " + run.string() + " --headless --record " + mp4.string() +
               " --from 12:00 --to 12:02 --fps 10 --speed 60 --size 320x240");
  ASSERT_EQ(r.code, 0) << r.out;
  std::string frames;
  {
    FILE* pipe = popen(("ffprobe -v error -count_frames -select_streams v:0 -show_entries "
                        "stream=nb_read_frames,width,height -of csv=p=0 " +
                        mp4.string() + " 2>&1")
                           .c_str(),
                       "r");
    char buf[256];
    while (std::size_t n = fread(buf, 1, sizeof buf, pipe)) frames.append(buf, n);
    pclose(pipe);
  }
  EXPECT_EQ(frames, "320,240,21\n");
  // A damaged recording is bad input.
  std::ofstream(run / "twin.bin", std::ios::binary) << "HHTW0001 and then nonsense";
  r = halfhour("replay " + run.string() + " --headless --at 12:00 --screenshot " + png.string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("twin.bin"), std::string::npos) << r.out;
}

TEST_F(Cli, CliViewRejectsABadTimeOrSizeWithExitTwo) {
  for (const char* args : {" --headless --at 25:00 --screenshot x.png", " --size 12x7",
                           " --headless --screenshot x.png"}) {
    const auto r = halfhour("view " + scenario("grid-small.yaml") + args);
    EXPECT_EQ(r.code, 2) << args << ": " << r.out;
  }
  // Monaco runs from 07:00 to 02:00 the next day (16 h of orders, 3 h to drain): 05:00 is outside
  // it, 01:30 the next day inside.
  const fs::path png = dir_ / "x.png";
  auto r = halfhour("view " + scenario("monaco.yaml") + " --headless --at 05:00 --screenshot " +
                    png.string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("07:00 to 02:00 the next day"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(png));
  r = halfhour("view " + scenario("monaco.yaml") +
               " --headless --record x.mp4 --from 06:00 --to 08:00");
  EXPECT_EQ(r.code, 2) << r.out;
}

// A sweep stopped midway (SIGINT, as Ctrl-C) and resumed equals an uninterrupted one row for
// row; the summary shows the on-time share rising with riders; a run alone repeats its KPIs.
TEST_F(Cli, SweepResumesToTheSameDatabaseAndRepeatsARunAlone) {
  const fs::path sweep = dir_ / "s.yaml";
  std::ofstream(sweep) << "name: s\nbase: " << scenario("grid-small.yaml")
                       << "\nseed: 3\nreplications: 8\nfactors:\n"
                          "  - {key: \"fleet.riders[0].count\", values: [3, 10]}\n";
  const fs::path full = dir_ / "full.sqlite", cut = dir_ / "cut.sqlite";
  auto r = halfhour("sweep " + sweep.string() + " -q --jobs 2 --db " + full.string() + " --csv " +
                    (dir_ / "full.csv").string());
  ASSERT_EQ(r.code, 0) << r.out;
  {
    const std::string cmd = "timeout -s INT 0.3 " + std::string(HALFHOUR_BINARY) + " sweep " +
                            sweep.string() + " -q --jobs 1 --db " + cut.string() + " 2>/dev/null";
    const int status = std::system(cmd.c_str());
    ASSERT_TRUE(WIFEXITED(status)) << status;
  }
  r = halfhour("sweep " + sweep.string() + " -q --resume --db " + cut.string() + " --csv " +
               (dir_ / "cut.csv").string());
  ASSERT_EQ(r.code, 0) << r.out;
  const std::string csv = slurp(dir_ / "full.csv");
  EXPECT_EQ(slurp(dir_ / "cut.csv"), csv);
  // The summary: more riders, more orders on time.
  r = halfhour("sweep --summary " + full.string());
  ASSERT_EQ(r.code, 0) << r.out;
  std::vector<double> on_time;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("  on_time_share ", 0) == 0)  // the city's line; a store's starts with its id
      on_time.push_back(std::stod(line.substr(line.find("on_time_share") + 14)));
  ASSERT_EQ(on_time.size(), 2u) << r.out;
  EXPECT_LT(on_time[0], on_time[1]);
  // A finished sweep's database exports the same CSV, alone or with the summary; a database
  // given as the sweep without --csv is an error, not YAML.
  r = halfhour("sweep -q --csv " + (dir_ / "export.csv").string() + " " + full.string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(slurp(dir_ / "export.csv"), csv);
  r = halfhour("sweep --summary " + full.string() + " --csv " + (dir_ / "summary.csv").string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(slurp(dir_ / "summary.csv"), csv);
  r = halfhour("sweep " + full.string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("a database goes with --csv"), std::string::npos) << r.out;
  // Point 1, replication 5 alone: the KPI it prints is the recorded one, and so is the KPI of
  // the command it prints, run as printed.
  r = halfhour("sweep " + sweep.string() + " --only point=1,rep=5");
  ASSERT_EQ(r.code, 0) << r.out;
  const std::string command = r.out.substr(0, r.out.find('\n'));
  ASSERT_EQ(command.rfind("halfhour run ", 0), 0u) << command;
  const auto alone = r.out.substr(r.out.find("on_time_share ") + 14);
  const std::string printed = alone.substr(0, alone.find('\n'));
  std::istringstream rows(csv);
  std::string header, row;
  std::getline(rows, header);
  int column = 0;
  for (std::size_t at = 0; at < header.find("on_time_share"); ++at) column += header[at] == ',';
  while (std::getline(rows, row) && row.rfind("1,5,", 0) != 0) {
  }
  std::string field;
  std::istringstream fields(row);
  for (int c = 0; c <= column; ++c) std::getline(fields, field, ',');
  EXPECT_EQ(printed, field);
  const auto rerun = halfhour(command.substr(9) + " -q --out " + (dir_ / "alone").string());
  ASSERT_EQ(rerun.code, 0) << rerun.out;
  const auto kpis = slurp(dir_ / "alone" / "grid-small" / "kpis.json");
  EXPECT_NE(kpis.find("\"on_time_share\": " + field), std::string::npos) << field;
  // Resuming with another definition changes nothing.
  const std::string before = slurp(cut);
  std::ofstream(sweep, std::ios::app) << "  - {key: promise, values: [20m]}\n";
  r = halfhour("sweep " + sweep.string() + " -q --resume --db " + cut.string());
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_EQ(slurp(cut), before);
}

// The same sweep over 3 MPI ranks (rank 0 hands out the runs and writes the database) gives
// the one-machine database, row for row.
TEST_F(Cli, SweepUnderMpirunEqualsTheOneMachineSweep) {
  if (std::system("command -v mpirun >/dev/null 2>&1") != 0) GTEST_SKIP() << "no mpirun";
  const fs::path sweep = dir_ / "s.yaml";
  std::ofstream(sweep) << "name: s\nbase: " << scenario("grid-small.yaml")
                       << "\nseed: 11\nreplications: 5\nfactors:\n"
                          "  - {key: \"fleet.riders[0].count\", values: [2, 5]}\n"
                          "  - {key: promise, values: [20m, 40m]}\n";
  auto r = halfhour("sweep " + sweep.string() + " -q --jobs 2 --db " +
                    (dir_ / "one.sqlite").string() + " --csv " + (dir_ / "one.csv").string());
  ASSERT_EQ(r.code, 0) << r.out;
  const std::string cmd =
      "ASAN_OPTIONS=detect_leaks=0 mpirun --oversubscribe --allow-run-as-root -np 3 " +
      std::string(HALFHOUR_BINARY) + " sweep " + sweep.string() + " -q --db " +
      (dir_ / "mpi.sqlite").string() + " --csv " + (dir_ / "mpi.csv").string() + " 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  const std::string one = slurp(dir_ / "one.csv");
  EXPECT_EQ(std::count(one.begin(), one.end(), '\n'), 21);  // a header and 4 x 5 runs
  EXPECT_EQ(slurp(dir_ / "mpi.csv"), one);
}

TEST(CliBenchRouting, AgreesWithDijkstraOnRomeAndPrintsItsFigures) {
  const auto r = halfhour("bench routing " + scenario("maps/rome99.gr") +
                          " --pairs 200 --dijkstra-pairs 50 --repeat 1");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("\"nodes\": 3353, \"edges\": 8870"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"mismatches\": 0}"), std::string::npos) << r.out;
  for (const char* key : {"preprocessing_seconds", "dijkstra_us", "ch_distance_us", "ch_path_us",
                          "one_to_100_us", "speedup_vs_dijkstra"})
    EXPECT_NE(r.out.find(key), std::string::npos) << key;
}

TEST(CliBenchRouting, BadMapsExitTwoWithTheReason) {
  for (const auto& [map, why] :
       {std::pair{"grid:0x5", "rows and cols must be at least 1"},
        std::pair{"/no/such/map.gr", "no such file"}, std::pair{"city.shp", "expected a map"}}) {
    const auto r = halfhour(std::string("bench routing ") + map);
    EXPECT_EQ(r.code, 2) << map << ": " << r.out;
    EXPECT_NE(r.out.find(why), std::string::npos) << r.out;
  }
}

TEST(CliVersion, PrintsVersion) {
  const auto r = halfhour("--version");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("halfhour"), std::string::npos);
}

// Issue 16: what the map importer kept and left out is printed on every run and validate, and a
// store on a part of the map cut off from the main road network is exit 2 with its key.
TEST_F(Cli, TheMapReportIsPrintedOnRunAndValidate) {
  const std::string cases = std::string(HALFHOUR_SOURCE_DIR) + "/tests/data/cases/";
  const auto v = halfhour("validate " + scenario("monaco.yaml"));
  ASSERT_EQ(v.code, 0) << v.out;
  EXPECT_NE(v.out.find("map: kept 14"), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("map: parts with no road to it: 19"), std::string::npos) << v.out;
  const auto r =
      halfhour("run -q " + cases + "05-negative-ids/new-street.yaml --out " + dir_.string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("map: kept 16 of 16 street nodes (8.0 km"), std::string::npos) << r.out;
  for (const char* island : {"island-far.yaml", "island-near.yaml"}) {
    const auto e = halfhour("run " + cases + "10-islands/" + island + " --out " + dir_.string());
    EXPECT_EQ(e.code, 2) << e.out;
    EXPECT_NE(e.out.find("stores[1].location: expected a location on the main road network"),
              std::string::npos)
        << e.out;
    EXPECT_NE(e.out.find("not connected to the main road network"), std::string::npos) << e.out;
  }
}

}  // namespace
