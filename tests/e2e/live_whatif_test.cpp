// What-ifs on the live state end to end with a real Mosquitto broker: halfhour twin follows the
// first part of a grid-small feed over MQTT; a request with three alternatives published on
// halfhour/whatif/v1/request is answered on halfhour/whatif/v1/result/<id> with "as is" and the
// three, made from the instant the twin had reached; a request naming a store the scenario lacks
// is refused with its reason, one without an id on halfhour/whatif/v1/rejected; the twin goes on
// ingesting the rest of the feed, and no request is in its ingest log.
#include <signal.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>

#include <nlohmann/json.hpp>

#include "sim/twin/live_whatif.h"
#include "sim/twin/local_broker.h"
#include "sim/twin/messages.h"
#include "sim/twin/mqtt_publisher.h"
#include "sim/twin/mqtt_source.h"
#include "tests/e2e/e2e_util.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Messages = std::vector<std::pair<std::string, std::string>>;  // topic, body

const std::string kScenario = std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/grid-small.yaml";

// The replies on halfhour/whatif/v1/#, by topic, as a client of the operation sees them.
struct Listener {
  std::mutex mutex;
  std::map<std::string, std::string> replies;
  twin::MqttSubscriber sub;
  explicit Listener(int port)
      : sub(options(port), [this](std::string_view topic, std::string_view payload) {
          std::lock_guard lock(mutex);
          replies[std::string(topic)] = std::string(payload);
        }) {}
  static twin::MqttOptions options(int port) {
    twin::MqttOptions o;
    o.port = port;
    o.client_id = "e2e-whatif-listener";
    o.clean_session = true;
    o.topic = "halfhour/whatif/v1/#";
    return o;
  }
  // Polls until `topic` has a reply or `limit` passed; the reply or "".
  std::string wait(const std::string& topic, std::chrono::seconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      sub.poll(50);
      std::lock_guard lock(mutex);
      if (replies.count(topic)) return replies[topic];
    }
    return "";
  }
};

void publish(int port, const std::string& topic, const std::string& body) {
  twin::MqttOptions o;
  o.port = port;
  o.client_id = "";
  twin::MqttPublisher p(o);
  p.publish(topic, body);
  p.wait_for_acks(std::chrono::seconds(5));
}

}  // namespace

TEST(LiveTwinWhatIf, ARequestOverMqttIsAnsweredWithThreeAlternativesAndTheTwinGoesOn) {
  const fs::path dir = fs::temp_directory_path() / ("halfhour-whatif-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto r = e2e::run_halfhour("feed " + kScenario +
                             " --speed 0 --seed 4 --start 2026-12-01T11:00:00Z --from 12:00 --to "
                             "12:30 -o " +
                             (dir / "feed.ndjson").string());
  ASSERT_EQ(r.code, 0) << r.out;
  Messages feed;
  {
    std::ifstream in(dir / "feed.ndjson");
    for (std::string l; std::getline(in, l);) {
      const auto m = twin::parse_message(l, {});
      ASSERT_TRUE(std::holds_alternative<twin::Message>(m)) << l;
      feed.emplace_back(twin::topic_of(std::get<twin::Message>(m)), l);
    }
  }
  ASSERT_GT(feed.size(), 1000u);
  const std::size_t half = feed.size() / 2;
  const std::string half_time = json::parse(feed[half - 1].second)["time"].get<std::string>();

  twin::LocalBroker broker;
  const int port = broker.port();
  const pid_t pid = e2e::spawn_halfhour(
      "twin " + kScenario + " --mqtt 127.0.0.1:" + std::to_string(port) +
          " --client-id e2e-whatif-twin --log " + (dir / "log").string() + " --state " +
          (dir / "state.json").string() + " --whatif-replications 10 --horizon 20m",
      dir / "twin.out");
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(e2e::wait_for(
      [&] { return e2e::slurp(dir / "twin.out").find("connected to") != std::string::npos; },
      std::chrono::seconds(120)))
      << e2e::slurp(dir / "twin.out");
  Listener listener(port);
  const Messages first(feed.begin(), feed.begin() + static_cast<std::ptrdiff_t>(half));
  ASSERT_EQ(twin::publish_all(port, first, std::chrono::seconds(60)), first.size());
  // The twin has applied the first half once its state says so; its log is the witness.
  ASSERT_TRUE(e2e::wait_for(
      [&] {
        std::size_t n = 0;
        for (const auto& e : fs::directory_iterator(dir / "log"))
          n += e.path().filename().string().rfind("segment-", 0) == 0 ? fs::file_size(e.path()) : 0;
        std::size_t bytes = 0;
        for (const auto& m : first) bytes += m.second.size() + 8;
        return n >= bytes + 8;
      },
      std::chrono::seconds(60)));

  const json request = {
      {"version", 1},
      {"id", "w-1"},
      {"alternatives",
       {{{"name", "move 2 north to south"}, {"actions", {"move-riders:north:south:2"}}},
        {{"name", "close south"}, {"actions", {"close:south"}}},
        {{"name", "more pickers"}, {"actions", {"pickers:north:8", "add-riders:north:3"}}}}}};
  publish(port, twin::kWhatIfRequestTopic, request.dump());
  const std::string reply =
      listener.wait("halfhour/whatif/v1/result/w-1", std::chrono::seconds(60));
  ASSERT_FALSE(reply.empty()) << e2e::slurp(dir / "twin.out");
  const json res = json::parse(reply);
  EXPECT_EQ(res["status"], "done") << reply;
  EXPECT_EQ(res["replications"], 10);
  EXPECT_EQ(res["horizon_min"], 20);
  // Made from where the twin was: the first half's last message, or not much later.
  EXPECT_GE(res["made_at"].get<std::string>(), half_time.substr(0, 19));
  EXPECT_LT(res["made_at"].get<std::string>(), "2026-12-01T12:30");
  ASSERT_EQ(res["alternatives"].size(), 4u);
  EXPECT_EQ(res["alternatives"][0]["name"], "as is");
  EXPECT_EQ(res["alternatives"][2]["actions"][0], "close:south");
  for (std::size_t a = 1; a < 4; ++a) {
    const json& d = res["alternatives"][a]["difference"]["late"];
    EXPECT_LE(d["low"].get<double>(), d["high"].get<double>()) << a;
    EXPECT_EQ(res["alternatives"][a]["difference"]["orders"]["mean"], 0) << a;  // the same demand
  }

  // Refused, with the reason and where, on the request's topic; without an id on its own topic.
  json bad = request;
  bad["id"] = "w-2";
  bad["alternatives"][1]["actions"][0] = "close:east";
  publish(port, twin::kWhatIfRequestTopic, bad.dump());
  publish(port, twin::kWhatIfRequestTopic, "{\"version\": 1, \"alternatives\": [");
  const json no =
      json::parse(listener.wait("halfhour/whatif/v1/result/w-2", std::chrono::seconds(30)));
  EXPECT_EQ(no["status"], "rejected");
  EXPECT_EQ(no["reason"], "unknown_store");
  EXPECT_EQ(no["field"], "alternatives[1].actions[0]");
  const json anon =
      json::parse(listener.wait(twin::kWhatIfRejectedTopic, std::chrono::seconds(30)));
  EXPECT_EQ(anon["reason"], "malformed_json");
  EXPECT_TRUE(anon["request"].is_null());

  // The twin goes on: the rest of the feed is ingested, every order of the feed is in its state.
  const Messages rest(feed.begin() + static_cast<std::ptrdiff_t>(half), feed.end());
  ASSERT_EQ(twin::publish_all(port, rest, std::chrono::seconds(60)), rest.size());
  ASSERT_TRUE(e2e::wait_for(
      [&] {
        std::size_t n = 0;
        for (const auto& e : fs::directory_iterator(dir / "log"))
          n += e.path().filename().string().rfind("segment-", 0) == 0 ? fs::file_size(e.path()) : 0;
        std::size_t bytes = 8;
        for (const auto& m : feed) bytes += m.second.size() + 8;
        return n >= bytes;
      },
      std::chrono::seconds(60)));
  ASSERT_EQ(kill(pid, SIGTERM), 0);
  ASSERT_EQ(e2e::wait_exit(pid), 0) << e2e::slurp(dir / "twin.out");
  const std::string out = e2e::slurp(dir / "twin.out");
  EXPECT_NE(out.find("1 what-if(s) answered, 2 refused"), std::string::npos) << out;
  EXPECT_NE(out.find("accepted " + std::to_string(feed.size())), std::string::npos) << out;
  std::size_t placed = 0;
  for (const auto& m : feed)
    placed += m.second.find("halfhour.order.placed.v1") != std::string::npos;
  EXPECT_EQ(json::parse(e2e::slurp(dir / "state.json"))["orders"].size(), placed);
  // Requests change nothing and are not logged.
  for (const auto& e : fs::directory_iterator(dir / "log"))
    EXPECT_EQ(e2e::slurp(e.path()).find("move-riders"), std::string::npos) << e.path();
  fs::remove_all(dir);
}
