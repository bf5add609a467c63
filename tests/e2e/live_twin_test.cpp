// The live twin end to end with a real Mosquitto broker: halfhour feed publishes an hour of
// Monaco (another seed than the twin's world) at 900x; halfhour twin follows it, is killed with
// SIGKILL mid-stream and restarted on the same log and broker session. Afterwards the ingest log
// (read here with its documented record format, not the twin's code) holds every published
// message exactly once, in order (the twin acknowledges a message only once logged, SCHEMA.md);
// the twin's state is the one an uninterrupted twin reaches on the messages from a file, every
// order placed is in it,
// and the orders the feed delivered in the first half hour are delivered there too. Its rolling
// forecast is on the broker, retained.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "sim/twin/local_broker.h"
#include "sim/twin/mqtt_source.h"
#include "tests/e2e/e2e_util.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kScenario = std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/monaco.yaml";

// The ingest log's records, as sim/twin/SCHEMA.md documents them: segment files starting with
// "HHTLOG1\n", each record a little-endian u32 length, a u32 CRC-32 and the message. A record
// cut short at the end (a twin killed while writing) ends the reading.
std::vector<std::string> log_records(const fs::path& dir) {
  std::vector<fs::path> segments;
  if (fs::exists(dir))
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().filename().string().rfind("segment-", 0) == 0) segments.push_back(e.path());
  std::sort(segments.begin(), segments.end());
  std::vector<std::string> out;
  for (const auto& s : segments) {
    const std::string bytes = e2e::slurp(s);
    if (bytes.compare(0, 8, "HHTLOG1\n") != 0) break;
    std::size_t at = 8;
    while (at + 8 <= bytes.size()) {
      std::uint32_t n = 0;
      std::memcpy(&n, bytes.data() + at, 4);
      if (at + 8 + n > bytes.size()) break;
      out.push_back(bytes.substr(at + 8, n));
      at += 8 + n;
    }
  }
  return out;
}

// `publish`: the feed's flags for how it publishes over MQTT (one message at a time, or batches).
void follow_through_a_kill(const std::string& publish) {
  const fs::path dir =
      fs::temp_directory_path() / ("halfhour-live-twin-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  twin::LocalBroker broker;
  const std::string feed =
      "feed " + kScenario + " --seed 5 --start 2026-12-01T07:00:00Z --to 08:00 --ping-every 15s";
  // The same stream to a file: the reference for the uninterrupted twin.
  auto r = e2e::run_halfhour(feed + " --speed 0 -o " + (dir / "feed.ndjson").string() +
                             " --truth " + (dir / "truth.ndjson").string());
  ASSERT_EQ(r.code, 0) << r.out;
  std::vector<json> published;
  {
    std::ifstream in(dir / "feed.ndjson");
    for (std::string l; std::getline(in, l);) published.push_back(json::parse(l));
  }
  ASSERT_GT(published.size(), 5000u);

  const std::string twin =
      "twin " + kScenario + " --mqtt 127.0.0.1:" + std::to_string(broker.port()) +
      " --client-id e2e-twin --allow-source shop --allow-source store-ops "
      "--allow-source rider-app --log " +
      (dir / "log").string() + " --state " + (dir / "state.json").string() + " --forecast " +
      (dir / "forecast.json").string() + " --forecast-every 15m --replications 4";
  pid_t twin_pid = e2e::spawn_halfhour(twin, dir / "twin-1.out");
  ASSERT_GT(twin_pid, 0);
  ASSERT_TRUE(e2e::wait_for(
      [&] { return e2e::slurp(dir / "twin-1.out").find("connected to") != std::string::npos; },
      std::chrono::seconds(120)))
      << e2e::slurp(dir / "twin-1.out");
  const pid_t feed_pid = e2e::spawn_halfhour(
      feed + " --speed 900 " + publish + " --mqtt 127.0.0.1:" + std::to_string(broker.port()),
      dir / "feed.out");
  ASSERT_GT(feed_pid, 0);
  // Kill it once a third of the stream is in its log.
  ASSERT_TRUE(e2e::wait_for([&] { return log_records(dir / "log").size() > published.size() / 3; },
                            std::chrono::seconds(120)));
  ASSERT_EQ(kill(twin_pid, SIGKILL), 0);
  EXPECT_EQ(e2e::wait_exit(twin_pid), 128 + SIGKILL);
  twin_pid = e2e::spawn_halfhour(twin, dir / "twin-2.out");
  ASSERT_GT(twin_pid, 0);
  EXPECT_EQ(e2e::wait_exit(feed_pid), 0) << e2e::slurp(dir / "feed.out");
  // Until every message is logged, or, once the restarted twin is connected (its replay takes
  // long under sanitizers), the log has not grown for 30 s.
  ASSERT_TRUE(e2e::wait_for(
      [&] { return e2e::slurp(dir / "twin-2.out").find("connected to") != std::string::npos; },
      std::chrono::seconds(300)))
      << e2e::slurp(dir / "twin-2.out");
  std::size_t logged = 0;
  auto grew = std::chrono::steady_clock::now();
  e2e::wait_for(
      [&] {
        const std::size_t n = log_records(dir / "log").size();
        if (n != logged) logged = n, grew = std::chrono::steady_clock::now();
        return n >= published.size() ||
               std::chrono::steady_clock::now() - grew > std::chrono::seconds(30);
      },
      std::chrono::seconds(300));
  ASSERT_EQ(kill(twin_pid, SIGTERM), 0);
  ASSERT_EQ(e2e::wait_exit(twin_pid), 0) << e2e::slurp(dir / "twin-2.out");
  const std::string second = e2e::slurp(dir / "twin-2.out");
  EXPECT_EQ(second.find("(0 records replayed)"), std::string::npos) << second;
  // The twin acknowledges a message (PUBACK) only once it is logged (SCHEMA.md): what the kill
  // interrupted the broker sends again, so nothing is lost and nothing is missing.
  const auto records = log_records(dir / "log");
  ASSERT_EQ(records.size(), published.size());
  EXPECT_NE(second.find("gaps 0 (missing 0)"), std::string::npos) << second;

  // The last forecast is on the broker, retained, as in the file.
  std::string retained;
  {
    twin::MqttOptions mo;
    mo.port = broker.port();
    mo.client_id = "e2e-forecast-reader";
    mo.clean_session = true;
    mo.topic = "halfhour/forecast/v1";
    twin::MqttSubscriber sub(
        mo, [&](std::string_view, std::string_view payload) { retained = std::string(payload); });
    for (int i = 0; i < 100 && retained.empty(); ++i) sub.poll(50);
  }
  EXPECT_FALSE(retained.empty());
  EXPECT_EQ(retained, e2e::slurp(dir / "forecast.json"));
  EXPECT_FALSE(json::parse(retained)["orders"].empty());

  // Every published message is in the log exactly once, in the order published.
  for (std::size_t i = 0; i < published.size(); ++i) {
    const json m = json::parse(records[i]);
    ASSERT_TRUE(m["source"] == published[i]["source"] && m["id"] == published[i]["id"])
        << "record " << i << " is not the published message " << i;
  }

  // The state equals an uninterrupted twin's on the same messages.
  r = e2e::run_halfhour("twin " + kScenario + " --follow " + (dir / "feed.ndjson").string() +
                        " --stop-at-end --allow-source shop --allow-source store-ops "
                        "--allow-source rider-app --log " +
                        (dir / "ref-log").string() + " --state " + (dir / "ref.json").string());
  ASSERT_EQ(r.code, 0) << r.out;
  const json state = json::parse(e2e::slurp(dir / "state.json"));
  const json ref = json::parse(e2e::slurp(dir / "ref.json"));
  EXPECT_EQ(state["counters"], ref["counters"]);
  EXPECT_EQ(state["orders"], ref["orders"]);
  EXPECT_EQ(state["riders"], ref["riders"]);

  // Every order the feed placed is in the twin; those it delivered in the first half hour are
  // delivered in the twin by the end of the hour.
  std::set<std::string> placed;
  for (const auto& m : published)
    if (m["type"] == "halfhour.order.placed.v1") placed.insert(m["data"]["order"]);
  std::map<std::string, std::string> phase;
  for (const auto& o : state["orders"]) phase[o["order"]] = o["phase"];
  EXPECT_EQ(phase.size(), placed.size());
  for (const auto& id : placed) EXPECT_TRUE(phase.contains(id)) << id;
  std::size_t early = 0;
  std::ifstream truth(dir / "truth.ndjson");
  for (std::string l; std::getline(truth, l);) {
    const json t = json::parse(l);
    if (!t.contains("order") || t["delivered_s"].is_null() || t["delivered_s"] > 1800) continue;
    ++early;
    EXPECT_EQ(phase[t["order"].get<std::string>()], "delivered") << t.dump();
  }
  EXPECT_GT(early, 20u);
  std::printf(
      "%zu messages, %zu orders (%zu delivered in the first half hour); after the kill: %s\n",
      published.size(), placed.size(), early,
      second.substr(second.find("halfhour twin: log"), 90).c_str());
  fs::remove_all(dir);
}

}  // namespace

TEST(LiveTwin, FollowsAFeedOverMqttThroughAKillAndLosesNothing) { follow_through_a_kill(""); }

// The same in batches of up to 25 (sim/twin/message_batch.h): a kill amid a batch loses none of
// it either.
TEST(LiveTwin, FollowsABatchedFeedThroughAKillAndLosesNothing) {
  follow_through_a_kill("--batch 25");
}

// halfhour twin --forecast on half an hour of grid-small: forecasts are written while it follows
// the file, the last one names open orders the feed placed, with probabilities in their Wilson
// intervals, most at risk first, and every store.
TEST(LiveTwin, WritesItsRollingForecast) {
  const fs::path dir =
      fs::temp_directory_path() / ("halfhour-forecast-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string scenario = std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/grid-small.yaml";
  auto r = e2e::run_halfhour("feed " + scenario +
                             " --speed 0 --seed 4 --start 2026-12-01T11:00:00Z --from 12:00 --to "
                             "12:30 -o " +
                             (dir / "feed.ndjson").string());
  ASSERT_EQ(r.code, 0) << r.out;
  r = e2e::run_halfhour("twin " + scenario + " --follow " + (dir / "feed.ndjson").string() +
                        " --stop-at-end --log " + (dir / "log").string() + " --forecast " +
                        (dir / "forecast.json").string() +
                        " --forecast-every 5m --replications 10 --horizon 20m");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("forecast(s) written to"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(" 0 forecast(s)"), std::string::npos) << r.out;
  std::set<std::string> placed;
  {
    std::ifstream in(dir / "feed.ndjson");
    for (std::string l; std::getline(in, l);) {
      const json m = json::parse(l);
      if (m["type"] == "halfhour.order.placed.v1") placed.insert(m["data"]["order"]);
    }
  }
  const json f = json::parse(e2e::slurp(dir / "forecast.json"));
  EXPECT_EQ(f["replications"], 10);
  EXPECT_EQ(f["horizon_min"], 20);
  const std::string made = f["made_at"];
  EXPECT_GE(made, "2026-12-01T12:00:00");
  EXPECT_LT(made, "2026-12-01T12:30:00");
  ASSERT_FALSE(f["orders"].empty());
  double last = 0;
  for (const auto& o : f["orders"]) {
    EXPECT_TRUE(placed.contains(o["order"].get<std::string>())) << o.dump();
    const double p = o["p_on_time"], lo = o["lo"], hi = o["hi"];
    EXPECT_LE(lo, p);
    EXPECT_GE(hi, p);
    EXPECT_GE(p, last);
    last = p;
  }
  EXPECT_EQ(f["stores"].size(), 2u);
  fs::remove_all(dir);
}
