// The live twin end to end in one process: an hour of Monaco published by halfhour feed's core
// (rider pings every 5 s, orders, phases, statuses; another seed than the twin's world) goes
// through the whole pipeline: validated, deduplicated, sequence-checked, logged (fsync'd in its
// default batches) and applied to the twin's world (TwinSync: orders placed, pings map-matched,
// legs re-anchored, contradictions).
//   FeedToWorld/ndjson: from memory, as fast as it goes: the sustained rate (messages/s).
//   FeedToWorld/broker: through a Mosquitto broker of its own (loopback, sim/twin/BROKER.md
//     limits), published at QoS 1 at a fixed rate by a thread of this process, each message alone
//     or in batches (sim/twin/message_batch.h: what is due within 10 ms, up to N); counters: the
//     lag from when a message was due to its being applied to the world (p50, p99, max, ms) and
//     messages lost.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <thread>

#include "scenarios/scenario.h"
#include "sim/twin/apply_thread.h"
#include "sim/twin/feed.h"
#include "sim/twin/ingest.h"
#include "sim/twin/local_broker.h"
#include "sim/twin/message_batch.h"
#include "sim/twin/message_writer.h"
#include "sim/twin/mqtt_publisher.h"
#include "sim/twin/mqtt_source.h"
#include "sim/twin/sync.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr twin::UnixMillis kStart = 1796108400000LL;  // 2026-12-01T07:00:00Z

struct Setup {
  scenarios::Scenario scenario;
  std::shared_ptr<const routing::RoadNetwork> network;
  std::vector<std::pair<std::string, std::string>> messages;  // topic, body
};

const Setup& setup() {
  static const Setup s = [] {
    Setup s;
    s.scenario =
        scenarios::load_scenario(std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/monaco.yaml");
    s.network = scenarios::load_network(s.scenario);
    model::WorldConfig c = s.scenario.world;
    c.seed = 5;
    twin::FeedOptions f;
    f.start = kStart;
    f.to = sim::kHour;
    const twin::Feed feed = twin::make_feed(c, s.network, f);
    for (const auto& m : feed.messages)
      s.messages.emplace_back(twin::topic_of(m), twin::to_json(m));
    return s;
  }();
  return s;
}

std::filesystem::path temp_dir(const char* name) {
  auto p = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p;
}

twin::IngestOptions options(const Setup& s) {
  twin::IngestOptions o;
  for (const auto& st : s.scenario.world.stores) o.validation.stores.insert(st.id);
  o.validation.sources = {"shop", "store-ops", "rider-app", "drone-gw"};
  return o;
}

// state.range(0): 1 to apply on a thread of its own (twin::ApplyThread, as halfhour twin
// does), 0 to apply inline on the ingest's thread.
void FeedToWorldNdjson(benchmark::State& state) {
  const Setup& s = setup();
  const bool threaded = state.range(0) != 0;
  std::uint64_t applied = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const auto dir = temp_dir("halfhour-twin-sync-bench");
    twin::SyncOptions so;
    so.start = kStart;
    twin::TwinSync sync(s.scenario.world, s.network, so);
    applied = 0;
    state.ResumeTiming();
    {
      const auto apply = [&](const twin::Message& m) {
        sync.apply(m);
        ++applied;
      };
      std::optional<twin::ApplyThread> world;
      if (threaded) world.emplace(apply);
      twin::Ingestor in(options(s), dir / "log", [&](const twin::Message& m, bool) {
        if (world)
          world->push(m);
        else
          apply(m);
      });
      for (const auto& [topic, body] : s.messages) in.ingest(body, topic);
      in.flush();
      if (world) world->drain();
    }
    state.PauseTiming();
    std::filesystem::remove_all(dir);
    state.ResumeTiming();
  }
  if (applied != s.messages.size()) state.SkipWithError("not every message was applied");
  state.counters["messages"] = static_cast<double>(s.messages.size());
  state.SetItemsProcessed(static_cast<std::int64_t>(s.messages.size()) * state.iterations());
}

// state.range(0): messages per second published; state.range(1): at most this many in one
// batch (1: each alone on its topic).
void FeedToWorldBroker(benchmark::State& state) {
  const Setup& s = setup();
  const double rate = static_cast<double>(state.range(0));
  const auto batch = static_cast<std::size_t>(state.range(1));
  const std::size_t n = s.messages.size();
  std::vector<double> lag_ms;
  std::atomic<std::uint64_t> applied = 0;
  for (auto _ : state) {
    state.PauseTiming();
    twin::LocalBroker broker;
    const auto dir = temp_dir("halfhour-twin-sync-bench-mqtt");
    twin::SyncOptions so;
    so.start = kStart;
    twin::TwinSync sync(s.scenario.world, s.network, so);
    // Publish times, ns since t0, written by the publisher and read by the subscriber.
    const auto t0 = Clock::now();
    std::unique_ptr<std::atomic<std::int64_t>[]> sent(new std::atomic<std::int64_t>[n]);
    std::vector<double> lags;
    lags.reserve(n);
    applied = 0;
    twin::ApplyThread world([&](const twin::Message& m) {
      sync.apply(m);
      // The message's place in the feed: its body is what was published.
      const auto k = static_cast<std::size_t>(applied.load());
      if (k < n)
        lags.push_back(
            static_cast<double>(
                std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count() -
                sent[k].load()) /
            1e6);
      ++applied;
    });
    twin::Ingestor in(options(s), dir / "log",
                      [&](const twin::Message& m, bool) { world.push(m); });
    twin::MqttOptions mo;
    mo.port = broker.port();
    mo.client_id = "bench-twin";
    twin::MqttSubscriber sub(
        mo, [&](std::string_view topic, std::string_view payload) { in.ingest(payload, topic); });
    state.ResumeTiming();
    std::atomic<bool> published{false};
    std::thread publisher([&] {
      twin::MqttOptions po;
      po.port = broker.port();
      po.client_id = "bench-feed";
      twin::MqttPublisher pub(po);
      const auto due = [&](std::size_t i) {
        return t0 + std::chrono::duration_cast<Clock::duration>(
                        std::chrono::duration<double>(static_cast<double>(i) / rate));
      };
      std::vector<std::string> bodies;
      twin::for_each_batch(n, due, batch, true, [&](std::size_t i, std::size_t end) {
        // A message's lag counts from when it was due: a batch's wait is in it.
        for (std::size_t k = i; k < end; ++k)
          sent[k].store(std::chrono::duration_cast<std::chrono::nanoseconds>(due(k) - t0).count());
        if (batch == 1) return pub.publish(s.messages[i].first, s.messages[i].second);
        bodies.clear();
        for (std::size_t k = i; k < end; ++k) bodies.push_back(s.messages[k].second);
        pub.publish("halfhour/v1/batch/bench-feed", twin::join_batch(bodies));
      });
      pub.wait_for_acks(std::chrono::milliseconds(120'000));
      published = true;
    });
    const auto deadline = Clock::now() + std::chrono::seconds(300);
    while (applied < n && Clock::now() < deadline) {
      sub.poll(10);
      in.tick();
    }
    in.flush();
    world.drain();
    publisher.join();
    state.PauseTiming();
    lag_ms = std::move(lags);
    std::filesystem::remove_all(dir);
    state.ResumeTiming();
  }
  std::sort(lag_ms.begin(), lag_ms.end());
  auto q = [&](double p) {
    return lag_ms.empty() ? 0.0 : lag_ms[static_cast<std::size_t>(p * (lag_ms.size() - 1))];
  };
  state.counters["lag_p50_ms"] = q(0.5);
  state.counters["lag_p99_ms"] = q(0.99);
  state.counters["lag_max_ms"] = q(1.0);
  state.counters["lost"] = static_cast<double>(n - std::min<std::uint64_t>(applied.load(), n));
  state.SetItemsProcessed(static_cast<std::int64_t>(applied.load()) * state.iterations());
}

}  // namespace

BENCHMARK(FeedToWorldNdjson)
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(3);
BENCHMARK(FeedToWorldBroker)
    ->Args({5000, 1})
    ->Args({15000, 1})
    ->Args({20000, 100})
    ->Args({30000, 100})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

BENCHMARK_MAIN();
