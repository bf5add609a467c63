#include "tools/twin_command.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_map>

#include <fmt/core.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "scenarios/input_error.h"
#include "scenarios/scenario.h"
#include "scenarios/units.h"
#include "sim/output/atomic_folder.h"
#include "sim/twin/apply_thread.h"
#include "sim/twin/forecast.h"
#include "sim/twin/ingest.h"
#include "sim/twin/mqtt_publisher.h"
#include "sim/twin/mqtt_source.h"
#include "sim/twin/ndjson_source.h"
#include "sim/twin/sync.h"
#include "tools/mqtt_address.h"
#include "tools/run_options.h"
#include "tools/twin_whatif.h"
#include "tools/view_command.h"
#include "viz/followed_twin.h"
#include "viz/live_view.h"
#include "viz/map_layers.h"

namespace {

std::atomic<bool> stop_requested{false};

void on_twin_stop_signal(int) { stop_requested.store(true); }

// SIGINT and SIGTERM set the flag and interrupt a blocking read (no SA_RESTART).
void catch_stop_signals() {
  struct sigaction sa {};
  sa.sa_handler = on_twin_stop_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

[[noreturn]] void bad(const std::string& option, const std::string& expected,
                      const std::string& found) {
  throw scenarios::InputError({"(command line)", 0, 0}, option, expected, found);
}

// The MQTT connection: HOST:PORT, then the config file's keys, then the flags.
twin::MqttOptions mqtt_options(const TwinOptions& opt) {
  twin::MqttOptions m;
  const MqttAddress address = parse_mqtt_address("--mqtt", opt.mqtt);
  m.host = address.host;
  m.port = address.port;
  if (!opt.mqtt_config.empty()) {
    std::ifstream in(opt.mqtt_config);
    if (!in) bad("--mqtt-config", "a readable file", opt.mqtt_config);
    int line_no = 0;
    for (std::string line; std::getline(in, line);) {
      ++line_no;
      std::istringstream words(line);
      std::string key, value;
      words >> key;
      if (key.empty() || key[0] == '#') continue;
      std::getline(words >> std::ws, value);
      while (!value.empty() && (value.back() == ' ' || value.back() == '\r')) value.pop_back();
      const scenarios::SourceMark at{opt.mqtt_config, line_no, 1};
      if (value.empty()) throw scenarios::InputError(at, key, "a value after the key", "nothing");
      if (key == "ca_file")
        m.ca_file = value;
      else if (key == "username")
        m.username = value;
      else if (key == "password")
        m.password = value;
      else if (key == "client_id")
        m.client_id = value;
      else
        throw scenarios::InputError(at, key, "one of ca_file, username, password, client_id", key);
    }
  }
  if (!opt.mqtt_ca.empty()) m.ca_file = opt.mqtt_ca;
  if (!opt.mqtt_user.empty()) m.username = opt.mqtt_user;
  if (!opt.mqtt_password_file.empty())
    m.password = read_password_file("--mqtt-password-file", opt.mqtt_password_file);
  if (!opt.client_id.empty()) m.client_id = opt.client_id;
  return m;
}

}  // namespace

CLI::App* add_twin_command(CLI::App& app, TwinOptions& opt) {
  auto* twin = app.add_subcommand(
      "twin",
      "The live twin's ingest: validate, deduplicate, sequence-check and log messages from an "
      "NDJSON file or an MQTT broker (schema: sim/twin/SCHEMA.md), and keep the scenario's world "
      "in "
      "step with them; prints its counters at the end or on Ctrl-C.");
  twin->add_option("scenario", opt.scenario, "Scenario YAML (its store ids are checked)")
      ->required();
  auto* follow = twin->add_option("--follow", opt.follow,
                                  "Read NDJSON messages, one a line (or a batch, a JSON array of "
                                  "them, a line), from FILE (followed as it grows) or - for stdin "
                                  "(read to its end)");
  auto* mqtt = twin->add_option("--mqtt", opt.mqtt,
                                "Subscribe to halfhour/v1/# at QoS 1 on the broker HOST:PORT");
  follow->excludes(mqtt);
  twin->add_option("--log", opt.log,
                   "The ingest log's folder (made if missing; reopened and "
                   "verified if there)")
      ->required();
  twin->add_option(
      "--dead-letter", opt.dead_letter,
      "Where refused messages go, one NDJSON line each (default: LOG/dead-letters.ndjson)");
  twin->add_option("--allow-source", opt.allow_sources,
                   "A source (CloudEvents source) allowed to publish; repeat; none: every source");
  twin->add_flag("--stop-at-end", opt.stop_at_end, "With --follow FILE: stop at its end");
  twin->add_option("--reorder-tolerance", opt.reorder_tolerance,
                   "How far behind its source's latest sequence number a message may arrive")
      ->check(CLI::Range(0, 1000000));
  twin->add_option("--max-bytes", opt.max_bytes, "The largest message accepted, bytes")
      ->check(CLI::Range(256, 1 << 20));
  twin->add_option("--sync-records", opt.sync_records, "fsync the log every N records ...")
      ->check(CLI::Range(1, 1000000));
  twin->add_option("--sync-ms", opt.sync_ms, "... or T ms after the first unsynced one")
      ->check(CLI::Range(1, 60000));
  twin->add_option("--mqtt-config", opt.mqtt_config,
                   "A file of 'key value' lines: ca_file, username, password, client_id");
  twin->add_option("--mqtt-ca", opt.mqtt_ca, "TLS: the broker's CA certificate (PEM)");
  twin->add_option("--mqtt-user", opt.mqtt_user, "The broker's user name");
  twin->add_option("--mqtt-password-file", opt.mqtt_password_file,
                   "A file whose first line is the broker's password");
  twin->add_option("--client-id", opt.client_id,
                   "MQTT client id of the persistent session (default halfhour-twin)");
  twin->add_option("--start", opt.start,
                   "The operation's instant of the scenario's start, RFC 3339 (default: the "
                   "scenario's start time on the UTC date of the first message)");
  twin->add_option("--state", opt.state,
                   "Write the twin's state (orders, riders, counters) as JSON to FILE at the end");
  twin->add_option(
      "--contradictions", opt.contradictions,
      "Where disagreements between the model and observations go, NDJSON (default: "
      "LOG/contradictions.ndjson; rewritten at start, as the log's replay redoes them)");
  twin->add_option("--contradiction-m", opt.contradiction_m,
                   "A rider or drone observed further than this many metres from the model's "
                   "position contradicts it")
      ->check(CLI::Range(1.0, 100000.0));
  twin->add_option("--reanchor-m", opt.reanchor_m,
                   "A rider seen this many metres off the leg it rides in the model (on the same "
                   "delivery) rides on from there; 0: never")
      ->check(CLI::Range(0.0, 100000.0));
  twin->add_option("--threads", opt.threads,
                   "The world's threads (0: every core); forecasts and what-ifs run on every core")
      ->check(CLI::Range(0, 1024));
  twin->add_option("--forecast", opt.forecast,
                   "Forecast from the world in the background and write each forecast (open "
                   "orders' probability of being on time, stores' on-time share and queue) to "
                   "FILE, JSON, replaced atomically; with --mqtt also on halfhour/forecast/v1 "
                   "(retained); on every core");
  twin->add_option("--forecast-every", opt.forecast_every,
                   "Operation time between forecasts (one at a time; a forecast still running "
                   "when the next is due delays it)")
      ->capture_default_str();
  twin->add_option("--replications", opt.replications, "Replications per forecast")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  twin->add_option("--horizon", opt.horizon,
                   "How far ahead a forecast runs, and a what-if that does not say")
      ->capture_default_str();
  twin->add_option("--whatif-replications", opt.whatif_replications,
                   "Replications of a what-if request that does not say (with --mqtt, requests on "
                   "halfhour/whatif/v1/request are answered on halfhour/whatif/v1/result/<id>, on "
                   "every core; sim/twin/SCHEMA.md)")
      ->capture_default_str()
      ->check(CLI::Range(1, 500));
  twin->add_flag("--no-whatif", opt.no_whatif, "Answer no what-if requests");
  twin->add_flag("--view", opt.view,
                 "Show the synchronised world live in a window, riders where they were last seen "
                 "(needs a display; closes with the input's end with --stop-at-end or stdin)");
  twin->add_option("--view-size", opt.view_size, "The window's size, WIDTHxHEIGHT");
  twin->add_flag("--quiet,-q", opt.quiet, "Print only the counters");
  return twin;
}

int run_twin_command(const TwinOptions& opt) {
  if (opt.follow.empty() == opt.mqtt.empty())
    bad("twin", "one source: --follow FILE|- or --mqtt HOST:PORT", "");
  const auto forecast_every = scenarios::parse_duration(opt.forecast_every).value_or(0);
  if (forecast_every < sim::kSecond)
    bad("--forecast-every", "a duration of 1s or more", opt.forecast_every);
  const auto horizon = scenarios::parse_duration(opt.horizon).value_or(0);
  if (horizon < sim::kMinute || horizon > 24 * sim::kHour)
    bad("--horizon", "a duration from 1m to 24h", opt.horizon);
  std::optional<twin::UnixMillis> start;
  if (!opt.start.empty()) {
    start = twin::parse_rfc3339(opt.start);
    if (!start) bad("--start", "an RFC 3339 instant, e.g. 2026-12-01T07:00:00Z", opt.start);
  }
  unsigned width = 0, height = 0;
  parse_size(opt.view_size, width, height, "--view-size");
  if (opt.view && !have_display()) return 1;
  const auto scenario = scenarios::load_scenario(opt.scenario);
  twin::IngestOptions in_opt;
  for (const auto& s : scenario.world.stores) in_opt.validation.stores.insert(s.id);
  in_opt.validation.sources.insert(opt.allow_sources.begin(), opt.allow_sources.end());
  in_opt.validation.max_bytes = opt.max_bytes;
  in_opt.reorder_tolerance = opt.reorder_tolerance;
  in_opt.log.sync_records = opt.sync_records;
  in_opt.log.sync_ms = std::chrono::milliseconds(opt.sync_ms);
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
  int fd = -1;
  if (opt.follow == "-") {
    fd = 0;
  } else if (!opt.follow.empty()) {
    fd = ::open(opt.follow.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) bad("--follow", "a readable NDJSON file or -", opt.follow);
  }
  const std::string dead_path =
      opt.dead_letter.empty() ? (std::filesystem::path(opt.log) / "dead-letters.ndjson").string()
                              : opt.dead_letter;
  if (opt.allow_sources.empty() && !opt.quiet)
    fmt::print(stderr, "halfhour twin: warning: no --allow-source: every source is allowed\n");
  int warnings_shown = 0;
  auto warn = [&](const std::string& w) {
    if (warnings_shown < 100) fmt::print(stderr, "halfhour twin: warning: {}\n", w);
    if (++warnings_shown == 100)
      fmt::print(stderr, "halfhour twin: further warnings are only counted\n");
  };
  try {
    std::error_code made;
    std::filesystem::create_directories(opt.log, made);
    if (made || !std::filesystem::is_directory(opt.log))
      bad("--log", "a folder (made if missing)", opt.log);
    std::ofstream dead(dead_path, std::ios::app);
    if (!dead) bad("--dead-letter", "a file that can be written", dead_path);
    // The world first: the log's replay hands every logged message to it.
    twin::SyncOptions sync_opt;
    sync_opt.start = start;
    sync_opt.contradiction_m = opt.contradiction_m;
    sync_opt.reanchor_m = opt.reanchor_m;
    sync_opt.threads = opt.threads;
    const std::string contra_path =
        opt.contradictions.empty()
            ? (std::filesystem::path(opt.log) / "contradictions.ndjson").string()
            : opt.contradictions;
    // Written aside while the log's replay redoes the contradictions, and in place of the old
    // file once it is done: a replay stopped halfway leaves the previous run's file whole.
    const std::string contra_new = contra_path + ".new";
    std::ofstream contra(contra_new, std::ios::trunc);
    if (!contra) bad("--contradictions", "a file that can be written", contra_path);
    const auto network = load_network_reported(scenario);
    twin::TwinSync sync(scenario.world, network, sync_opt, [&](const twin::Contradiction& c) {
      contra << nlohmann::json{{"sim_s", static_cast<double>(c.t) / sim::kSecond},
                               {"time", twin::format_rfc3339(c.time)},
                               {"entity", c.entity},
                               {"what", c.what},
                               {"model", c.model},
                               {"observed", c.observed}}
                    .dump()
             << '\n';
    });
    // With --forecast, one in the background every --forecast-every of the operation's clock.
    // (Declared before the forecaster, whose destructor waits for the forecast that uses them.)
    std::vector<std::string> forecast_ids;  // the observed ids as the running forecast forked
    std::vector<std::string> store_ids;
    std::mutex risk_mutex;  // the newest forecast's late risk by world order id, for the window
    std::unordered_map<std::uint32_t, float> late_risk;
    twin::Forecast outlook;  // the newest forecast's time and stores, for the window (risk_mutex)
    std::unique_ptr<twin::MqttPublisher> forecast_out;  // with --mqtt: kForecastTopic
    std::unique_ptr<twin::RollingForecast> forecasts;
    sim::Time every = 0, next_forecast = 0;
    for (const auto& st : scenario.world.stores) store_ids.push_back(st.id);
    if (!opt.forecast.empty()) {
      every = forecast_every;

      twin::ForecastOptions fo;
      fo.replications = opt.replications;
      fo.horizon = horizon;
      fo.seed = scenario.world.seed + 1;
      fo.threads = 0;  // every core
      if (mqtt) {
        twin::MqttOptions po = *mqtt;
        po.client_id += "-forecast";
        forecast_out = std::make_unique<twin::MqttPublisher>(po);
      }
      forecasts = std::make_unique<twin::RollingForecast>(fo, [&](const twin::Forecast& f) {
        {
          std::lock_guard lock(risk_mutex);
          late_risk.clear();
          for (const auto& o : f.orders) late_risk[o.order] = static_cast<float>(1 - o.p_on_time);
          outlook.at = f.at;
          outlook.horizon = f.horizon;
          outlook.replications = f.replications;
          outlook.stores = f.stores;
        }
        const std::string doc = twin::forecast_json(f, forecast_ids, store_ids, *sync.start());
        try {
          output::replace_file_atomically(opt.forecast, doc);
          if (forecast_out) forecast_out->publish(twin::kForecastTopic, doc, /*retain=*/true);
        } catch (const std::exception& x) {
          fmt::print(stderr, "halfhour twin: warning: forecast not written: {}\n", x.what());
        }
      });
    }
    // What-if requests (tools/twin_whatif.h): over MQTT, and from the window.
    std::unique_ptr<TwinWhatIfs> whatifs;
    if (!opt.no_whatif) {
      if (mqtt) mqtt->qos0_topics.push_back(twin::kWhatIfRequestTopic);
      whatifs = std::make_unique<TwinWhatIfs>(scenario.world, mqtt, opt.whatif_replications,
                                              horizon, opt.quiet);
    }
    std::unique_ptr<TwinWhatIfDesk> desk;  // the window's what-if menu
    if (whatifs && opt.view) desk = std::make_unique<TwinWhatIfDesk>(*whatifs);
    // The world is changed by the apply thread (below); the ingest thread forks it for a what-if
    // asked over MQTT, and with a window the window's thread for one asked there.
    std::mutex world_mutex;
    auto maybe_forecast = [&] {
      if (!forecasts || !sync.start() || sync.now() < next_forecast || forecasts->running()) return;
      forecast_ids = sync.observed_ids();
      forecasts->start(sync.world().fork(1));
      next_forecast = sync.now() + every;
    };
    // With --view the window follows the world: a state each simulated second it advances.
    std::unique_ptr<viz::FollowedTwin> followed;
    sim::Time pushed = 0;
    auto show = [&] {
      if (followed && sync.now() >= pushed + sim::kSecond) {
        model::TwinState state = sync.twin_state();
        {
          std::lock_guard lock(risk_mutex);
          for (auto& pin : state.orders)
            if (const auto it = late_risk.find(pin.id); it != late_risk.end())
              pin.late_risk = it->second;
          if (outlook.replications > 0) {
            state.outlook_at = outlook.at;
            state.outlook_horizon = outlook.horizon;
            state.outlook_runs = outlook.replications;
            for (const auto& st : outlook.stores)
              if (st.store < state.stores.size()) {
                state.stores[st.store].outlook_on_time = static_cast<float>(st.on_time_share);
                state.stores[st.store].outlook_queue = static_cast<float>(st.queue_mean);
              }
          }
        }
        followed->push(std::move(state));
        pushed = sync.now();
      }
    };
    // A stop asked during the log's replay ends the replay there: the log is only read, and no
    // state is written from a world rebuilt halfway.
    struct StoppedInReplay {};
    catch_stop_signals();
    std::uint64_t replayed_before_stop = 0;
    const auto apply = [&](const twin::Message& m, bool replayed) {
      std::lock_guard lock(world_mutex);
      sync.apply(m);
      show();
      if (!replayed) maybe_forecast();
      if (whatifs && !replayed) whatifs->poll(sync);
    };
    // What comes live is applied on a thread of its own while the next messages are read,
    // validated and logged (the log's replay, before, is applied where it is read).
    twin::ApplyThread world([&](const twin::Message& m) { apply(m, false); });
    std::optional<twin::Ingestor> ingest_or_stop;
    try {
      ingest_or_stop.emplace(
          in_opt, opt.log,
          [&](const twin::Message& m, bool replayed) {
            if (!replayed) return world.push(m);
            if (stop_requested) throw StoppedInReplay{};
            ++replayed_before_stop;
            apply(m, true);
          },
          &dead, warn);
    } catch (const StoppedInReplay&) {
      contra.close();
      std::filesystem::remove(contra_new);
      fmt::print(stderr,
                 "halfhour twin: stopped during the log's replay ({} records replayed); the log "
                 "and {} are unchanged and no state was written\n",
                 replayed_before_stop, contra_path);
      return 130;
    } catch (...) {
      contra.close();
      std::filesystem::remove(contra_new);
      throw;
    }
    contra.flush();
    std::filesystem::rename(contra_new, contra_path);  // the open stream writes on into it
    twin::Ingestor& ingest = *ingest_or_stop;
    for (const auto& w : ingest.log_warnings())
      fmt::print(stderr, "halfhour twin: warning: {}\n", w);
    if (!opt.quiet)
      fmt::print(stderr, "halfhour twin: log {} ({} records replayed), dead letters {}\n", opt.log,
                 ingest.counters().replayed, dead_path);
    auto follow_stream = [&] {
      if (mqtt) {
        twin::MqttSubscriber sub(*mqtt, [&](std::string_view topic, std::string_view payload) {
          if (whatifs && topic == twin::kWhatIfRequestTopic) {
            std::lock_guard lock(world_mutex);
            whatifs->handle(topic, payload, sync);
            return;  // not logged
          }
          ingest.ingest(payload, topic);
        });
        if (!opt.quiet)
          fmt::print(stderr, "halfhour twin: connected to {}\n", twin::describe(*mqtt));
        std::uint64_t reconnects_told = 0;
        sub.run(stop_requested, [&] {
          if (sub.reconnects() != reconnects_told) {
            reconnects_told = sub.reconnects();
            fmt::print(stderr,
                       "halfhour twin: warning: the connection to the broker was lost and taken "
                       "up again (reconnects so far: {}; of them the broker had lost the session "
                       "{}: subscribed again, and what was published meanwhile shows as gaps); "
                       "redeliveries count as duplicates\n",
                       reconnects_told, sub.sessions_lost());
          }
          ingest.tick();
          std::lock_guard lock(world_mutex);
          if (whatifs) whatifs->poll(sync);
        });
        ingest.flush();
      } else {
        if (!opt.quiet)
          fmt::print(stderr, "halfhour twin: reading {}\n",
                     opt.follow == "-" ? "stdin" : opt.follow);
        twin::NdjsonOptions nd;
        nd.follow = !opt.stop_at_end && opt.follow != "-";  // stdin: to its end
        twin::read_ndjson(fd, ingest, nd, stop_requested);
        if (fd > 0) ::close(fd);
      }
      world.drain();
    };
    if (opt.view) {
      followed = std::make_unique<viz::FollowedTwin>(sync.twin_state());
      std::atomic<bool> done{false};
      std::exception_ptr failed;
      std::thread worker([&] {
        try {
          follow_stream();
        } catch (...) {
          failed = std::current_exception();
        }
        done = true;
      });
      // The window closes with the stream only when it ends by itself (--stop-at-end, stdin).
      const bool close_at_end = opt.stop_at_end || opt.follow == "-";
      viz::run_live_view(
          *followed, *network, "halfhour twin: " + scenario.name, width, height, 0,
          viz::map_layers(scenario.world),
          [&] {
            if (desk && world_mutex.try_lock()) {
              whatifs->poll(sync);
              world_mutex.unlock();
            }
            return !stop_requested && !(done && close_at_end);
          },
          desk.get());
      stop_requested = true;
      worker.join();
      if (failed) std::rethrow_exception(failed);
    } else {
      follow_stream();
    }
    if (forecasts) {
      forecasts->wait();
      if (forecast_out) forecast_out->wait_for_acks(std::chrono::seconds(5));
      fmt::print("halfhour twin: {} forecast(s) written to {}\n", forecasts->made(), opt.forecast);
    }
    if (whatifs) whatifs->finish();
    fmt::print("halfhour twin: {}\n", twin::describe(ingest.counters()));
    fmt::print("halfhour twin: world at {}: {}\n",
               sync.start() ? twin::format_rfc3339(*sync.start() + sync.now()) : "its start",
               twin::describe(sync.counters()));
    contra.flush();
    if (!opt.state.empty()) {
      std::ostringstream state;
      sync.write_state(state);
      output::replace_file_atomically(opt.state, state.str());
    }
    if (sync.counters().after_end)
      fmt::print(stderr,
                 "halfhour twin: warning: {} message(s) came after the scenario's end ({}) and "
                 "were not applied; is the operation's clock the twin's? (--start)\n",
                 sync.counters().after_end,
                 twin::format_rfc3339(*sync.start() + sync.world().end()));
    if (sync.counters().before_start)
      fmt::print(stderr,
                 "halfhour twin: warning: {} message(s) came before the scenario's start ({}) and "
                 "were applied at it; is the operation's clock the twin's? (--start)\n",
                 sync.counters().before_start, twin::format_rfc3339(*sync.start()));
    if (ingest.counters().missing)
      fmt::print(stderr,
                 "halfhour twin: warning: {} message(s) never arrived (sequence gaps); see "
                 "sim/twin/BROKER.md for the broker limits\n",
                 ingest.counters().missing);
  } catch (const twin::IngestLogError& e) {
    fmt::print(stderr, "halfhour: error: {}\n", e.what());
    return 2;
  } catch (const twin::MqttError& e) {
    fmt::print(stderr, "halfhour: error: {}\n", e.what());
    return 2;
  }
  return 0;
}
