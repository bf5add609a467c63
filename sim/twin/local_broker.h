// A Mosquitto broker of its own on a free loopback port, for tests and benchmarks: writes a
// mosquitto.conf (listener PORT 127.0.0.1, anonymous, the queue limits of sim/twin/BROKER.md
// unless told otherwise) to a temporary folder, starts `mosquitto -c` with posix_spawn, waits
// until the port accepts connections and stops it by its pid when destroyed.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace twin {

class LocalBroker {
 public:
  // `extra_conf`: lines appended to the configuration (e.g. "max_queued_messages 1000" to see
  // Mosquitto's default). Throws std::runtime_error when mosquitto is missing or does not start
  // within 10 s.
  explicit LocalBroker(const std::string& extra_conf = "", bool twin_limits = true);
  ~LocalBroker();
  LocalBroker(const LocalBroker&) = delete;
  LocalBroker& operator=(const LocalBroker&) = delete;

  // Stops the broker (SIGTERM) and starts a fresh one on the same port: with persistence off, as
  // here, it holds no session or queued message of before. Throws std::runtime_error when the
  // port was taken meanwhile or mosquitto does not start.
  void restart();

  int port() const { return port_; }
  pid_t pid() const { return pid_; }

 private:
  // Starts mosquitto on port_ with extra_conf_ and twin_limits_; false when another process took
  // the port first.
  bool start();
  void stop();
  std::filesystem::path dir_;
  std::string extra_conf_;
  bool twin_limits_ = true;
  int port_ = 0;
  pid_t pid_ = -1;
};

// Publishes each (topic, body) at QoS 1 to the broker on 127.0.0.1:`port`, in order, and waits
// until the broker has acknowledged every one (PUBACK) or `timeout` passed; returns how many were
// acknowledged. For tests and benchmarks.
std::size_t publish_all(int port, const std::vector<std::pair<std::string, std::string>>& messages,
                        std::chrono::seconds timeout);

// A TCP port on 127.0.0.1 that was free a moment ago.
int free_loopback_port();

}  // namespace twin
