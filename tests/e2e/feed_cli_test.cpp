// halfhour feed on the command line: half an hour of grid-small as NDJSON, every line a schema v1
// message that halfhour twin accepts without a gap or a dead letter; the same bytes on stdout;
// the ground truth beside it; two destinations, or none, is bad input.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_util.h"

namespace {

const std::string kScenario = std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/grid-small.yaml";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = text.find('\n', at);
    lines.push_back(text.substr(at, end - at));
    at = end == std::string::npos ? text.size() : end + 1;
  }
  return lines;
}

}  // namespace

TEST(FeedCli, WritesNdjsonThatTheTwinAccepts) {
  const auto dir = std::filesystem::temp_directory_path() / "halfhour-feed-cli";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string common = "feed " + kScenario +
                             " --speed 0 --seed 3 --start 2025-11-30T11:00:00Z --from 12:00 "
                             "--to 12:30 --gps-noise 5";
  auto r = e2e::run_halfhour(common + " -o " + (dir / "feed.ndjson").string() + " --truth " +
                             (dir / "truth.ndjson").string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("2025-11-30T12:00:00.000Z to 2025-11-30T12:29:55.000Z"), std::string::npos)
      << r.out;
  const auto lines = lines_of(e2e::slurp(dir / "feed.ndjson"));
  ASSERT_GT(lines.size(), 100u);
  EXPECT_NE(r.out.find(std::to_string(lines.size()) + " messages"), std::string::npos) << r.out;
  const auto first = nlohmann::json::parse(lines.front());
  EXPECT_EQ(first["type"], "halfhour.store.status.v1");
  EXPECT_EQ(first["time"], "2025-11-30T12:00:00.000Z");
  std::size_t pings = 0;
  for (const auto& l : lines) {
    const auto j = nlohmann::json::parse(l);
    if (j["type"] == "halfhour.rider.ping.v1") {
      ++pings;
      EXPECT_EQ(j["data"]["accuracy_m"], 5);
    }
  }
  // The truth: one frame per ping, then the orders.
  std::size_t frames = 0;
  for (const auto& l : lines_of(e2e::slurp(dir / "truth.ndjson")))
    frames += nlohmann::json::parse(l).contains("t_s");
  EXPECT_EQ(frames, pings);

  // The same messages to stdout (the summary goes to stderr).
  r = e2e::run_shell(std::string("(") + HALFHOUR_BINARY + " " + common + " -o - > " +
                     (dir / "stdout.ndjson").string() + ")");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find(" messages ("), std::string::npos) << r.out;
  EXPECT_TRUE(e2e::slurp(dir / "stdout.ndjson") == e2e::slurp(dir / "feed.ndjson"));

  // halfhour twin takes every one: no gap (sequences from 1), nothing dead-lettered.
  r = e2e::run_halfhour("twin " + kScenario + " --follow " + (dir / "feed.ndjson").string() +
                        " --stop-at-end --allow-source shop --allow-source store-ops "
                        "--allow-source rider-app --log " +
                        (dir / "log").string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("accepted " + std::to_string(lines.size()) +
                       ", replayed 0, duplicates 0, gaps 0 (missing 0), late 0, dead-lettered 0"),
            std::string::npos)
      << r.out;
  std::filesystem::remove_all(dir);
}

TEST(FeedCli, OneDestinationExactly) {
  auto r = e2e::run_halfhour("feed " + kScenario + " --mqtt 127.0.0.1:1883 -o x.ndjson");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("excludes"), std::string::npos) << r.out;
  r = e2e::run_halfhour("feed " + kScenario);
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("one destination: --mqtt HOST:PORT or -o FILE|-"), std::string::npos)
      << r.out;
  r = e2e::run_halfhour("feed " + kScenario + " -o - --from 25:00");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("--from"), std::string::npos) << r.out;
  r = e2e::run_halfhour("feed " + kScenario + " --mqtt 10.1.2.3:1883");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("needs TLS (--mqtt-ca FILE)"), std::string::npos) << r.out;
}

// The same feed in batches (--batch, sim/twin/message_batch.h): fewer lines, each a JSON array,
// and halfhour twin takes every event and ends in the same world, state for state, as from the
// feed one message a line.
TEST(FeedCli, ABatchedFeedGivesTheTwinTheSameWorld) {
  const auto dir = std::filesystem::temp_directory_path() / "halfhour-feed-cli-batch";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string common = "feed " + kScenario +
                             " --speed 0 --seed 3 --start 2025-11-30T11:00:00Z --from 12:00 "
                             "--to 12:30";
  auto r = e2e::run_halfhour(common + " -o " + (dir / "one.ndjson").string());
  ASSERT_EQ(r.code, 0) << r.out;
  r = e2e::run_halfhour(common + " --batch 40 -o " + (dir / "batched.ndjson").string());
  ASSERT_EQ(r.code, 0) << r.out;
  const auto one = lines_of(e2e::slurp(dir / "one.ndjson"));
  const auto batched = lines_of(e2e::slurp(dir / "batched.ndjson"));
  // Unpaced (--speed 0), every batch but the last is full.
  ASSERT_EQ(batched.size(), (one.size() + 39) / 40);
  EXPECT_NE(r.out.find(std::to_string(one.size()) + " messages"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("in " + std::to_string(batched.size()) + " batches of at most 40 and 1 MiB"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(nlohmann::json::parse(batched.front()).size(), 40u);
  EXPECT_EQ(nlohmann::json::parse(batched.front())[1], nlohmann::json::parse(one[1]));

  std::string states[2], worlds[2];
  for (int k = 0; k < 2; ++k) {
    const std::string name = k == 0 ? "one" : "batched";
    r = e2e::run_halfhour("twin " + kScenario + " --follow " + (dir / (name + ".ndjson")).string() +
                          " --stop-at-end --allow-source shop --allow-source store-ops "
                          "--allow-source rider-app --log " +
                          (dir / (name + "-log")).string() + " --state " +
                          (dir / (name + "-state.json")).string());
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("accepted " + std::to_string(one.size()) +
                         ", replayed 0, duplicates 0, gaps 0 (missing 0), late 0, dead-lettered 0"),
              std::string::npos)
        << r.out;
    states[k] = e2e::slurp(dir / (name + "-state.json"));
    const auto at = r.out.find("world at ");
    ASSERT_NE(at, std::string::npos) << r.out;
    worlds[k] = r.out.substr(at, r.out.find('\n', at) - at);
  }
  EXPECT_NE(r.out.find("batches " + std::to_string(batched.size())), std::string::npos) << r.out;
  EXPECT_EQ(worlds[0], worlds[1]);
  EXPECT_FALSE(states[0].empty());
  EXPECT_TRUE(states[0] == states[1]);
  std::filesystem::remove_all(dir);
}
