// The MQTT source of the twin (libmosquitto): subscribes at QoS 1 to halfhour/v1/# with a
// persistent session (clean_session false, a fixed client id), so the broker keeps what arrives
// while the twin restarts. Loopback brokers need nothing more; any other host needs TLS (a CA
// file) and a user name and password, else the twin refuses to start. Broker settings the twin
// needs: sim/twin/BROKER.md.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct mosquitto;

namespace twin {

class MqttError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct MqttOptions {
  std::string host = "127.0.0.1";
  int port = 1883;
  std::string client_id = "halfhour-twin";
  std::string topic = "halfhour/v1/#";
  // Also subscribed, at QoS 0: the broker keeps nothing of these for the session while the client
  // is away (the twin's what-if requests: a question asked while it was down is not answered
  // late, on a world it has not caught up with yet).
  std::vector<std::string> qos0_topics;
  bool clean_session = false;
  int keepalive_s = 30;
  std::string ca_file;  // TLS: the broker's CA certificate (PEM)
  std::string username;
  std::string password;
};

// "127.0.0.1", "::1", "localhost" and the rest of 127.0.0.0/8.
bool is_loopback(std::string_view host);
// Throws MqttError saying what is missing when a non-loopback host lacks TLS or credentials.
void check_security(const MqttOptions& opt);
// "127.0.0.1:1883 (loopback, no TLS), client halfhour-twin, topic halfhour/v1/# at QoS 1"
std::string describe(const MqttOptions& opt);

// libmosquitto's words for an error code.
std::string mqtt_error_text(int rc);
// A libmosquitto client for `opt` (after check_security): MQTT 3.1.1, TCP_NODELAY (each PUBLISH
// and PUBACK goes out at once), its user name and password and TLS; an empty client id gets a
// random one. The subscriber and the publisher start from it. Throws MqttError.
::mosquitto* make_client(const MqttOptions& opt, bool clean_session, void* user_data);

class MqttSubscriber {
 public:
  using Handler = std::function<void(std::string_view topic, std::string_view payload)>;
  // Connects and subscribes to opt.topic and opt.qos0_topics (waits for the broker's SUBACKs,
  // handing on the session's backlog that may come first); throws MqttError when it cannot, or
  // after 10 s with nothing from the broker.
  MqttSubscriber(const MqttOptions& opt, Handler on_message);
  ~MqttSubscriber();
  MqttSubscriber(const MqttSubscriber&) = delete;
  MqttSubscriber& operator=(const MqttSubscriber&) = delete;

  // Hands messages to the handler, in this thread, until `stop`; calls `idle` about every 50 ms.
  // Reconnects after a lost connection.
  void run(const std::atomic<bool>& stop, const std::function<void()>& idle);
  // Processes network traffic for up to `ms` milliseconds once: reads what came, hands each
  // message to the handler, then sends the PUBACKs of those the handler returned from (never
  // before: a message is acknowledged once the handler has logged it).
  void poll(int ms);
  // Messages handed to the handler so far, redeliveries included (QoS 1 is at least once: after a
  // reconnect the broker sends again what it had not seen acknowledged).
  std::uint64_t received() const { return received_; }
  // Times the connection was lost and taken up again, and of those the times the broker no longer
  // held the session (it was restarted without persistence): the subscriptions were made again,
  // and what was published while the twin was away is lost unless its sequence numbers show it.
  std::uint64_t reconnects() const { return reconnects_; }
  std::uint64_t sessions_lost() const { return sessions_lost_; }
  // Connected, and every subscription acknowledged.
  bool subscribed() const { return connected_once_ && awaiting_.empty(); }

 private:
  // Sends a SUBSCRIBE and records its mid in awaiting_; libmosquitto's error code.
  int subscribe(const std::string& topic, int qos);
  ::mosquitto* mosq_ = nullptr;
  Handler on_message_;
  std::vector<int> awaiting_;  // mids of the SUBSCRIBEs not yet acknowledged
  std::uint64_t received_ = 0;
  std::uint64_t reconnects_ = 0;
  std::uint64_t sessions_lost_ = 0;
  bool connected_once_ = false;
  std::vector<std::pair<std::string, int>> subscriptions_;  // (topic filter, QoS)
};

}  // namespace twin
