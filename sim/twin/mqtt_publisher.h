// An MQTT publisher at QoS 1 (libmosquitto): connects to a broker, publishes (topic, body)
// messages in order and waits until the broker has acknowledged each one (PUBACK). The same
// rules as the twin's subscriber (sim/twin/mqtt_source.h): a loopback broker needs nothing more,
// any other host TLS and a user name and password. Used by halfhour feed and the twin's tests.
// Not thread-safe: one thread publishes; libmosquitto's own thread handles the network.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>

#include "sim/twin/mqtt_source.h"

struct mosquitto;

namespace twin {

class MqttPublisher {
 public:
  // Connects (opt.client_id, a random one when empty; a clean session; opt.topic is unused) and
  // starts the network thread. Throws MqttError when check_security refuses the options or the
  // broker cannot be reached.
  explicit MqttPublisher(const MqttOptions& opt);
  ~MqttPublisher();
  MqttPublisher(const MqttPublisher&) = delete;
  MqttPublisher& operator=(const MqttPublisher&) = delete;

  // Queues one message at QoS 1; `retain`: the broker keeps it as the topic's last message for
  // later subscribers. Throws MqttError when libmosquitto refuses it (connection lost, message
  // too large).
  void publish(const std::string& topic, const std::string& body, bool retain = false);
  // Waits until every published message is acknowledged or `timeout` passed; returns how many
  // were acknowledged in all. Publishing may go on afterwards.
  std::size_t wait_for_acks(std::chrono::milliseconds timeout);

  std::size_t published() const { return published_; }
  std::size_t acknowledged() const { return acked_.load(); }

 private:
  ::mosquitto* mosq_ = nullptr;
  std::size_t published_ = 0;
  std::atomic<std::size_t> acked_{0};
};

}  // namespace twin
