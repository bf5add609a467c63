// End to end over a real broker: a Mosquitto of the test's own on a free loopback port, N
// messages published with libmosquitto at QoS 1, all N in the ingest log exactly once, alone or
// in batches; a broker restarted under a running twin is subscribed to again; a non-loopback broker
// without TLS and credentials is refused.
#include <gtest/gtest.h>
#include <mosquitto.h>

#include <atomic>
#include <set>
#include <thread>

#include "sim/twin/ingest.h"
#include "sim/twin/local_broker.h"
#include "sim/twin/message_batch.h"
#include "sim/twin/mqtt_source.h"
#include "tests/twin/twin_fixtures.h"

using namespace twin;

namespace {

// A broker of the test's own and a twin's ingest following it over MQTT at QoS 1, with a
// persistent session under `client_id`; store S1, source rider-app.
struct Following {
  LocalBroker broker;
  twin_test::TempDir tmp;
  Ingestor ingest;
  MqttSubscriber sub;
  explicit Following(const std::string& client_id)
      : ingest(options(), tmp.path, {}),
        sub(mqtt(broker.port(), client_id),
            [this](std::string_view topic, std::string_view payload) {
              ingest.ingest(payload, topic);
            }) {}
  static IngestOptions options() {
    IngestOptions opt;
    opt.validation.stores = {"S1"};
    opt.validation.sources = {"rider-app"};
    return opt;
  }
  static MqttOptions mqtt(int port, const std::string& client_id) {
    MqttOptions mo;
    mo.port = port;
    mo.client_id = client_id;
    return mo;
  }
};

}  // namespace

TEST(TwinMqtt, EveryPublishedMessageIsLoggedOnce) {
  Following f("twin-test");
  LocalBroker& broker = f.broker;
  Ingestor& ingest = f.ingest;
  MqttSubscriber& sub = f.sub;

  constexpr int n = 5000;
  std::vector<std::pair<std::string, std::string>> messages;
  for (int i = 1; i <= n; ++i) {
    std::string id = "p";
    id += std::to_string(i);
    const std::string body = twin_test::ping("rider-app", id, static_cast<std::uint64_t>(i)).dump();
    messages.emplace_back("halfhour/v1/S1/rider/r7", body);
    // The same message twice now and then, as a publisher retrying after a lost PUBACK does.
    if (i % 100 == 0) messages.emplace_back("halfhour/v1/S1/rider/r7", body);
  }
  std::size_t acked = 0;
  std::thread publisher(
      [&] { acked = publish_all(broker.port(), messages, std::chrono::seconds(30)); });
  // Waits for every distinct message, not for a count of deliveries: a reconnect makes the broker
  // send again what it had not seen acknowledged, and those redeliveries are duplicates too.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while ((ingest.counters().accepted < n || ingest.counters().duplicates < n / 100) &&
         std::chrono::steady_clock::now() < deadline)
    sub.poll(50);
  publisher.join();
  ingest.flush();
  EXPECT_EQ(acked, messages.size());
  EXPECT_EQ(ingest.counters().accepted, static_cast<std::uint64_t>(n));
  // Every delivery after a message's first is counted as a duplicate and not logged again: the
  // publisher's own repeats, and any the broker or the publisher's library sent again.
  EXPECT_EQ(ingest.counters().duplicates, sub.received() - n);
  EXPECT_GE(ingest.counters().duplicates, static_cast<std::uint64_t>(n / 100));
  EXPECT_EQ(ingest.counters().gaps, 0u);
  EXPECT_EQ(ingest.counters().dead_total(), 0u);
  const auto log = read_ingest_log(f.tmp.path);
  ASSERT_EQ(log.size(), static_cast<std::size_t>(n));
  std::set<std::string> ids;
  for (const auto& r : log) ids.insert(nlohmann::json::parse(r)["id"].get<std::string>());
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(n));
  EXPECT_TRUE(ids.count("p1") && ids.count("p5000"));
}

// A broker restarted without persistence has forgotten the twin's session: the twin, still
// running, must subscribe again on its own, or it would stay connected and hear nothing.
TEST(TwinMqtt, ARestartedBrokerIsSubscribedToAgainAndTheRestArrives) {
  Following f("twin-restart");
  LocalBroker& broker = f.broker;
  Ingestor& ingest = f.ingest;
  MqttSubscriber& sub = f.sub;
  auto batch = [](int from, int to) {
    std::vector<std::pair<std::string, std::string>> m;
    for (int i = from; i <= to; ++i) {
      std::string id = "p";
      id += std::to_string(i);
      m.emplace_back("halfhour/v1/S1/rider/r7",
                     twin_test::ping("rider-app", id, static_cast<std::uint64_t>(i)).dump());
    }
    return m;
  };
  auto poll_until = [&](auto done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!done() && std::chrono::steady_clock::now() < deadline) sub.poll(50);
    return done();
  };
  ASSERT_EQ(publish_all(broker.port(), batch(1, 100), std::chrono::seconds(20)), 100u);
  ASSERT_TRUE(poll_until([&] { return ingest.counters().accepted == 100; }));
  EXPECT_EQ(sub.reconnects(), 0u);

  broker.restart();
  ASSERT_TRUE(poll_until([&] { return sub.reconnects() == 1 && sub.subscribed(); }));
  EXPECT_EQ(sub.sessions_lost(), 1u);
  ASSERT_EQ(publish_all(broker.port(), batch(101, 200), std::chrono::seconds(20)), 100u);
  EXPECT_TRUE(poll_until([&] { return ingest.counters().accepted == 200; }));
  ingest.flush();
  EXPECT_EQ(ingest.counters().accepted, 200u);
  EXPECT_EQ(ingest.counters().gaps, 0u);
  EXPECT_EQ(read_ingest_log(f.tmp.path).size(), 200u);
}

// Batches through the broker (sim/twin/message_batch.h): 5,000 events in batches of 100 on a
// gateway's topic, each event logged once as its own record; a batch on a message's topic is one
// dead letter.
TEST(TwinMqtt, BatchesOnAGatewaysTopicAreLoggedEventByEvent) {
  Following f("twin-batches");
  constexpr int n = 5000, per = 100;
  std::vector<std::pair<std::string, std::string>> batches;
  std::vector<std::string> bodies;
  for (int i = 1; i <= n; ++i) {
    std::string id = "p";
    id += std::to_string(i);
    bodies.push_back(twin_test::ping("rider-app", id, static_cast<std::uint64_t>(i)).dump());
    if (i % per == 0) {
      batches.emplace_back("halfhour/v1/batch/gw-1", join_batch(bodies));
      bodies.clear();
    }
  }
  batches.emplace_back("halfhour/v1/S1/rider/r7", batches.front().second);
  ASSERT_EQ(publish_all(f.broker.port(), batches, std::chrono::seconds(30)), batches.size());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while ((f.ingest.counters().accepted < n || f.ingest.counters().dead_total() == 0) &&
         std::chrono::steady_clock::now() < deadline)
    f.sub.poll(50);
  f.ingest.flush();
  EXPECT_EQ(f.ingest.counters().accepted, static_cast<std::uint64_t>(n));
  EXPECT_EQ(f.ingest.counters().batches, f.sub.received() - 1);
  EXPECT_GE(f.ingest.counters().batches, static_cast<std::uint64_t>(n / per));
  EXPECT_EQ(f.ingest.counters().gaps, 0u);
  EXPECT_EQ(f.ingest.counters().dead[static_cast<int>(Reason::topic_mismatch)], 1u);
  EXPECT_EQ(f.ingest.counters().dead_total(), 1u);
  const auto log = read_ingest_log(f.tmp.path);
  ASSERT_EQ(log.size(), static_cast<std::size_t>(n));
  EXPECT_EQ(nlohmann::json::parse(log.back())["id"], "p5000");
}

TEST(TwinMqtt, WrongTopicIsDeadLettered) {
  LocalBroker broker;
  twin_test::TempDir tmp;
  Ingestor ingest({}, tmp.path, {});
  MqttOptions mo;
  mo.port = broker.port();
  mo.clean_session = true;
  MqttSubscriber sub(
      mo, [&](std::string_view topic, std::string_view payload) { ingest.ingest(payload, topic); });
  mosquitto* pub = mosquitto_new(nullptr, true, nullptr);
  ASSERT_EQ(mosquitto_connect(pub, "127.0.0.1", broker.port(), 30), MOSQ_ERR_SUCCESS);
  const std::string body = twin_test::ping("rider-app", "x", 1).dump();
  mosquitto_publish(pub, nullptr, "halfhour/v1/S2/rider/r7", static_cast<int>(body.size()),
                    body.data(), 1, false);
  for (int i = 0; i < 20; ++i) mosquitto_loop(pub, 10, 1);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (ingest.counters().dead_total() == 0 && std::chrono::steady_clock::now() < deadline)
    sub.poll(50);
  mosquitto_destroy(pub);
  EXPECT_EQ(ingest.counters().dead[static_cast<int>(Reason::topic_mismatch)], 1u);
  EXPECT_EQ(ingest.counters().accepted, 0u);
}

TEST(TwinMqtt, RemoteBrokerNeedsTlsAndCredentials) {
  EXPECT_TRUE(is_loopback("127.0.0.1"));
  EXPECT_TRUE(is_loopback("127.3.2.1"));
  EXPECT_TRUE(is_loopback("localhost"));
  EXPECT_TRUE(is_loopback("::1"));
  EXPECT_FALSE(is_loopback("10.0.0.5"));
  EXPECT_FALSE(is_loopback("broker.example.com"));
  MqttOptions o;
  o.host = "broker.example.com";
  try {
    check_security(o);
    ADD_FAILURE() << "no error";
  } catch (const MqttError& e) {
    const std::string w = e.what();
    EXPECT_NE(w.find("--mqtt-ca"), std::string::npos) << w;
    EXPECT_NE(w.find("--mqtt-user"), std::string::npos) << w;
  }
  o.ca_file = "ca.pem";
  o.username = "twin";
  o.password = "secret";
  EXPECT_NO_THROW(check_security(o));
}
