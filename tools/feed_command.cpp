#include "tools/feed_command.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <thread>

#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include "scenarios/units.h"
#include "sim/output/atomic_folder.h"
#include "sim/twin/feed.h"
#include "sim/twin/message_batch.h"
#include "sim/twin/message_writer.h"
#include "sim/twin/mqtt_publisher.h"
#include "tools/mqtt_address.h"

namespace {

// Today (UTC) at the scenario's start time.
twin::UnixMillis today_at(sim::Time start_tod) {
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  return now / sim::kDay * sim::kDay + start_tod;
}

twin::FeedOptions feed_options(const FeedCommandOptions& opt, const model::WorldConfig& w) {
  twin::FeedOptions f;
  if (!opt.start.empty()) {
    const auto t = twin::parse_rfc3339(opt.start);
    if (!t) bad_option("--start", "an RFC 3339 time, e.g. 2026-11-30T11:00:00Z", opt.start);
    f.start = *t;
  } else {
    f.start = today_at(w.start_tod);
  }
  if (!opt.from.empty()) f.from = window_time("--from", opt.from, w);
  if (!opt.to.empty()) f.to = window_time("--to", opt.to, w);
  if (f.to <= f.from) bad_option("--to", "a time after --from", opt.to);
  const auto ping = scenarios::parse_duration(opt.ping_every);
  if (!ping || *ping < 100 || *ping > sim::kHour)
    bad_option("--ping-every", "a duration from 100ms to 1h", opt.ping_every);
  f.ping_every = *ping;
  f.gps_noise_m = opt.gps_noise_m;
  f.threads = opt.run.threads;
  return f;
}

twin::MqttOptions mqtt_options(const FeedCommandOptions& opt) {
  twin::MqttOptions m;
  const MqttAddress a = parse_mqtt_address("--mqtt", opt.mqtt);
  m.host = a.host;
  m.port = a.port;
  m.client_id = opt.client_id.empty() ? "halfhour-feed" : opt.client_id;
  m.clean_session = true;                           // what MqttPublisher connects with
  m.topic = "halfhour/v1/<store>/<kind>/<entity>";  // for describe(): each message's own
  m.ca_file = opt.mqtt_ca;
  m.username = opt.mqtt_user;
  if (!opt.mqtt_password_file.empty())
    m.password = read_password_file("--mqtt-password-file", opt.mqtt_password_file);
  return m;
}

// "order.placed" of "halfhour.order.placed.v1".
std::string short_type(const std::string& type) {
  const auto a = type.find('.');
  const auto b = type.rfind('.');
  return type.substr(a + 1, b - a - 1);
}

}  // namespace

CLI::App* add_feed_command(CLI::App& app, FeedCommandOptions& opt) {
  auto* feed = app.add_subcommand(
      "feed",
      "Simulate the scenario and publish its operation as the live twin's messages (schema v1, "
      "sim/twin/SCHEMA.md) to an MQTT broker or an NDJSON file, for demonstrations and for "
      "measuring halfhour twin against ground truth");
  add_scenario_options(feed, opt.run);
  auto* mqtt = feed->add_option("--mqtt", opt.mqtt,
                                "Publish each message at QoS 1 on its topic to the broker "
                                "HOST:PORT and wait for every acknowledgement");
  auto* out = feed->add_option("-o,--output", opt.output,
                               "Write the messages as NDJSON, one a line, to FILE or - (stdout)");
  mqtt->excludes(out);
  feed->add_option("--speed", opt.speed,
                   "Simulated seconds per wall second (0: as fast as possible)")
      ->check(CLI::Range(0.0, 1e6));
  feed->add_option("--from", opt.from,
                   "Publish from this time of day (default: the scenario's start)");
  feed->add_option("--to", opt.to,
                   "Publish up to this time of day (default: the scenario's end, drain included)");
  feed->add_option("--ping-every", opt.ping_every,
                   "Simulated time between rider pings and drone telemetry (100ms to 1h)");
  feed->add_option("--gps-noise", opt.gps_noise_m,
                   "The pings' Gaussian noise, metres (1 sigma per axis; their accuracy_m)")
      ->check(CLI::Range(0.0, 100000.0));
  feed->add_option("--start", opt.start,
                   "The instant of the scenario's start, RFC 3339 (default: today, UTC, at the "
                   "scenario's start time)");
  feed->add_option("--truth", opt.truth,
                   "Also write the ground truth as NDJSON: riders' true positions at each ping "
                   "and every published order's outcome");
  feed->add_option(
          "--batch", opt.batch,
          "Publish what is due within 10 ms of wall-clock time, up to N messages and 1 MiB, "
          "as one CloudEvents batch on halfhour/v1/batch/<client id> (one line per batch "
          "with -o; at --speed 0, batches of N); 1: each message alone on its topic")
      ->check(CLI::Range(std::size_t{1}, twin::max_batch_events));
  feed->add_option("--mqtt-ca", opt.mqtt_ca, "TLS: the broker's CA certificate (PEM)");
  feed->add_option("--mqtt-user", opt.mqtt_user, "The broker's user name");
  feed->add_option("--mqtt-password-file", opt.mqtt_password_file,
                   "A file whose first line is the broker's password");
  feed->add_option("--client-id", opt.client_id, "MQTT client id (default halfhour-feed)");
  feed->add_flag("--quiet,-q", opt.quiet,
                 "Print only the summary (and, as every command, what the map importer left out)");
  return feed;
}

int run_feed_command(const FeedCommandOptions& opt) {
  if (opt.mqtt.empty() == opt.output.empty())
    bad_option("feed", "one destination: --mqtt HOST:PORT or -o FILE|-",
               opt.mqtt.empty() ? "neither" : "both");
  std::optional<twin::MqttOptions> mqtt;
  if (!opt.mqtt.empty()) {
    mqtt = mqtt_options(opt);
    try {
      twin::check_security(*mqtt);
    } catch (const twin::MqttError& e) {
      fmt::print(stderr, "halfhour: error: {}\n", e.what());
      return 2;
    }
  }
  const scenarios::Scenario s = load_map_scenario(opt.run);
  const twin::FeedOptions fo = feed_options(opt, s.world);
  const auto network = load_network_reported(s);
  const auto t0 = std::chrono::steady_clock::now();
  if (!opt.quiet) fmt::print(stderr, "halfhour feed: simulating {}\n", s.name);
  const twin::Feed feed = twin::make_feed(s.world, network, fo);
  if (!opt.truth.empty()) output::replace_file_atomically(opt.truth, twin::truth_ndjson(feed));

  // Open the destination.
  std::ofstream file;
  std::optional<twin::MqttPublisher> pub;
  if (mqtt) {
    try {
      pub.emplace(*mqtt);
    } catch (const twin::MqttError& e) {
      fmt::print(stderr, "halfhour: error: {}\n", e.what());
      return 2;
    }
    if (opt.batch > 1) mqtt->topic = "halfhour/v1/batch/" + mqtt->client_id;
    if (!opt.quiet) fmt::print(stderr, "halfhour feed: publishing to {}\n", twin::describe(*mqtt));
  } else if (opt.output != "-") {
    file.open(opt.output, std::ios::binary | std::ios::trunc);
    if (!file) bad_option("-o", "a file that can be written", opt.output);
  }

  // Publish, paced by the messages' times, alone or in batches.
  std::map<std::string, std::size_t> per_type;
  const auto wall0 = std::chrono::steady_clock::now();
  const twin::UnixMillis first = feed.messages.empty() ? 0 : feed.messages.front().time;
  const auto due = [&](std::size_t i) {
    const double wall_ms = static_cast<double>(feed.messages[i].time - first) / opt.speed;
    return wall0 + std::chrono::microseconds(static_cast<std::int64_t>(wall_ms * 1000));
  };
  const std::string batch_topic = "halfhour/v1/batch/" + (mqtt ? mqtt->client_id : "feed");
  std::size_t batches = 0;
  std::vector<std::string> bodies;
  try {
    twin::for_each_batch(
        feed.messages.size(), due, opt.batch, opt.speed > 0, [&](std::size_t i, std::size_t end) {
          bodies.clear();
          for (std::size_t k = i; k < end; ++k) {
            bodies.push_back(twin::to_json(feed.messages[k]));
            ++per_type[short_type(feed.messages[k].type)];
          }
          // A batch over max_batch_bytes (1 MiB) goes as several: the twin, and a broker set as
          // BROKER.md says, take none larger.
          const std::vector<std::string> out =
              opt.batch > 1 ? twin::join_batches(bodies) : std::vector<std::string>{bodies.front()};
          for (const std::string& body : out) {
            ++batches;
            if (pub) {
              pub->publish(opt.batch > 1 ? batch_topic : twin::topic_of(feed.messages[i]), body);
            } else if (file.is_open()) {
              file << body << '\n';
              if (opt.speed > 0) file.flush();  // a follower sees each message at its time
            } else {
              std::fwrite(body.data(), 1, body.size(), stdout);
              std::fputc('\n', stdout);
              if (opt.speed > 0) std::fflush(stdout);
            }
          }
        });
  } catch (const twin::MqttError& e) {
    fmt::print(stderr, "halfhour: error: {}\n", e.what());
    return 1;
  }
  if (pub) {
    const std::size_t acked = pub->wait_for_acks(std::chrono::seconds(30));
    if (acked < pub->published()) {
      fmt::print(stderr, "halfhour: error: the broker acknowledged {} of {} messages within 30 s\n",
                 acked, pub->published());
      return 1;
    }
  } else if (file.is_open()) {
    file.flush();
    if (!file) bad_option("-o", "a file that can be written", opt.output);
  } else {
    std::fflush(stdout);
  }

  std::string counts;
  for (const auto& [type, n] : per_type)
    counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", type, n);
  const std::string span = feed.messages.empty()
                               ? "nothing"
                               : twin::format_rfc3339(feed.messages.front().time) + " to " +
                                     twin::format_rfc3339(feed.messages.back().time);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const std::string in_batches =
      opt.batch > 1 ? fmt::format(" in {} batches of at most {} and 1 MiB", batches, opt.batch)
                    : "";
  fmt::print(stderr, "halfhour feed: {} messages ({}){}, {}, {:.1f} s wall\n", feed.messages.size(),
             counts.empty() ? "none" : counts, in_batches, span, wall);
  return 0;
}
