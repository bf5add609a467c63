#include "sim/twin/mqtt_publisher.h"

#include <mosquitto.h>

#include <cerrno>
#include <cstring>
#include <thread>

namespace twin {

MqttPublisher::MqttPublisher(const MqttOptions& opt) {
  mosq_ = make_client(opt, /*clean_session=*/true, &acked_);
  // Many messages in flight at once: the broker acknowledges them as fast as it reads them.
  mosquitto_max_inflight_messages_set(mosq_, 1000);
  mosquitto_publish_callback_set(
      mosq_, [](mosquitto*, void* n, int) { ++*static_cast<std::atomic<std::size_t>*>(n); });
  auto fail = [&](const std::string& what, int rc) {
    mosquitto_destroy(mosq_);
    mosq_ = nullptr;
    throw MqttError("MQTT broker " + opt.host + ":" + std::to_string(opt.port) + ": " + what +
                    ": " + mqtt_error_text(rc));
  };
  int rc;
  if ((rc = mosquitto_connect(mosq_, opt.host.c_str(), opt.port, opt.keepalive_s)))
    fail("cannot connect", rc);
  if ((rc = mosquitto_loop_start(mosq_))) fail("cannot start the network thread", rc);
}

MqttPublisher::~MqttPublisher() {
  if (!mosq_) return;
  mosquitto_disconnect(mosq_);
  mosquitto_loop_stop(mosq_, false);
  mosquitto_destroy(mosq_);
}

void MqttPublisher::publish(const std::string& topic, const std::string& body, bool retain) {
  const int rc = mosquitto_publish(mosq_, nullptr, topic.c_str(), static_cast<int>(body.size()),
                                   body.data(), 1, retain);
  if (rc != MOSQ_ERR_SUCCESS)
    throw MqttError("cannot publish on " + topic + ": " + mqtt_error_text(rc));
  ++published_;
}

std::size_t MqttPublisher::wait_for_acks(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (acked_.load() < published_ && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  return acked_.load();
}

}  // namespace twin
