// The twin's sustained ingest rate (sim/twin): rider pings validated, deduplicated,
// sequence-checked and appended to the ingest log (fsync'd in its default batches), from an
// NDJSON file, and from a Mosquitto broker of its own (loopback, the limits of
// sim/twin/BROKER.md) with a publisher at QoS 1 in another thread. Counters: messages/s, and
// for the broker the messages lost (sequence numbers missing at the end; target: none).
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <mosquitto.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "sim/twin/ingest.h"
#include "sim/twin/local_broker.h"
#include "sim/twin/mqtt_source.h"
#include "sim/twin/ndjson_source.h"

namespace {

// prefix + the number (GCC 12 warns wrongly about "p" + std::to_string(n): -Wrestrict).
std::string named(const char* prefix, std::uint64_t n) {
  std::string s(prefix);
  s += std::to_string(n);
  return s;
}

std::string ping(std::uint64_t seq) {
  nlohmann::json j = {{"specversion", "1.0"},
                      {"id", named("p", seq)},
                      {"source", "rider-app"},
                      {"type", "halfhour.rider.ping.v1"},
                      {"time", "2026-11-30T17:05:00.250Z"},
                      {"sequence", std::to_string(seq)},
                      {"data",
                       {{"store", "S1"},
                        {"rider", named("r", seq % 300)},
                        {"lat", 43.73 + static_cast<double>(seq % 97) * 1e-4},
                        {"lon", 7.42 + static_cast<double>(seq % 89) * 1e-4},
                        {"accuracy_m", 10.0},
                        {"speed_mps", 4.5},
                        {"time", "2026-11-30T17:04:59Z"}}}};
  return j.dump();
}

std::filesystem::path temp_dir(const char* name) {
  auto p = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p;
}

twin::IngestOptions options() {
  twin::IngestOptions o;
  o.validation.stores = {"S1"};
  o.validation.sources = {"rider-app"};
  return o;
}

void NdjsonToLog(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  const auto dir = temp_dir("halfhour-ingest-bench");
  const auto file = dir / "pings.ndjson";
  {
    std::ofstream out(file);
    for (std::uint64_t i = 1; i <= n; ++i) out << ping(i) << '\n';
  }
  std::uint64_t accepted = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove_all(dir / "log");
    const int fd = ::open(file.c_str(), O_RDONLY);
    state.ResumeTiming();
    twin::Ingestor in(options(), dir / "log", {});
    twin::NdjsonOptions nd;
    nd.follow = false;
    std::atomic<bool> stop{false};
    twin::read_ndjson(fd, in, nd, stop);
    accepted = in.counters().accepted;
    ::close(fd);
  }
  if (accepted != n) state.SkipWithError("not every message was accepted");
  state.SetItemsProcessed(static_cast<std::int64_t>(n) * state.iterations());
  std::filesystem::remove_all(dir);
}

void BrokerToLog(benchmark::State& state) {
  const auto n = static_cast<std::uint64_t>(state.range(0));
  std::uint64_t lost = 0;
  for (auto _ : state) {
    state.PauseTiming();
    twin::LocalBroker broker;
    const auto dir = temp_dir("halfhour-ingest-bench-mqtt");
    twin::Ingestor in(options(), dir / "log", {});
    twin::MqttOptions mo;
    mo.port = broker.port();
    twin::MqttSubscriber sub(
        mo, [&](std::string_view topic, std::string_view payload) { in.ingest(payload, topic); });
    std::vector<std::pair<std::string, std::string>> messages;
    for (std::uint64_t i = 1; i <= n; ++i)
      messages.emplace_back(named("halfhour/v1/S1/rider/r", i % 300), ping(i));
    state.ResumeTiming();
    std::thread publisher(
        [&] { twin::publish_all(broker.port(), messages, std::chrono::seconds(120)); });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (in.counters().accepted < n && std::chrono::steady_clock::now() < deadline) {
      sub.poll(10);
      in.tick();
    }
    in.flush();
    publisher.join();
    state.PauseTiming();
    lost = n - in.counters().accepted;
    std::filesystem::remove_all(dir);
    state.ResumeTiming();
  }
  state.counters["lost"] = static_cast<double>(lost);
  state.SetItemsProcessed(static_cast<std::int64_t>(n) * state.iterations());
}

}  // namespace

BENCHMARK(NdjsonToLog)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BrokerToLog)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

BENCHMARK_MAIN();
