#include "sim/twin/mqtt_source.h"

#include <arpa/inet.h>
#include <mosquitto.h>
#include <sys/ioctl.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

namespace twin {

namespace {

struct LibInit {
  LibInit() { mosquitto_lib_init(); }
  ~LibInit() { mosquitto_lib_cleanup(); }
};

void lib_init() { static LibInit once; }

}  // namespace

std::string mqtt_error_text(int rc) {
  if (rc < 0) return "timed out";
  return rc == MOSQ_ERR_ERRNO ? std::string(std::strerror(errno)) : mosquitto_strerror(rc);
}

::mosquitto* make_client(const MqttOptions& opt, bool clean_session, void* user_data) {
  check_security(opt);
  lib_init();
  ::mosquitto* m = mosquitto_new(opt.client_id.empty() ? nullptr : opt.client_id.c_str(),
                                 clean_session, user_data);
  if (!m) throw MqttError("cannot make an MQTT client: " + std::string(std::strerror(errno)));
  mosquitto_int_option(m, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
  mosquitto_int_option(m, MOSQ_OPT_TCP_NODELAY, 1);  // each PUBLISH and PUBACK at once
  auto fail = [&](const std::string& what, int rc) {
    mosquitto_destroy(m);
    throw MqttError("MQTT broker " + opt.host + ":" + std::to_string(opt.port) + ": " + what +
                    ": " + mqtt_error_text(rc));
  };
  int rc;
  if (!opt.username.empty() &&
      (rc = mosquitto_username_pw_set(m, opt.username.c_str(), opt.password.c_str())))
    fail("user name and password", rc);
  if (!opt.ca_file.empty() &&
      (rc = mosquitto_tls_set(m, opt.ca_file.c_str(), nullptr, nullptr, nullptr, nullptr)))
    fail("TLS with CA file " + opt.ca_file, rc);
  return m;
}

bool is_loopback(std::string_view host) {
  if (host == "localhost" || host == "::1") return true;
  in_addr a{};
  const std::string h(host);
  return inet_pton(AF_INET, h.c_str(), &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
}

void check_security(const MqttOptions& opt) {
  if (is_loopback(opt.host)) return;
  std::string missing;
  if (opt.ca_file.empty()) missing += " TLS (--mqtt-ca FILE)";
  if (opt.username.empty()) missing += " a user name (--mqtt-user)";
  if (opt.password.empty()) missing += " a password (--mqtt-password-file)";
  if (!missing.empty())
    throw MqttError("the broker " + opt.host + " is not on this machine: it needs" + missing +
                    "; the twin does not send an operation's data in the clear");
}

std::string describe(const MqttOptions& opt) {
  std::string s = opt.host + ":" + std::to_string(opt.port);
  s += is_loopback(opt.host) ? " (loopback" : " (remote";
  s += opt.ca_file.empty() ? ", no TLS" : ", TLS with CA " + opt.ca_file;
  if (!opt.username.empty()) s += ", user " + opt.username;
  s += "), client " + opt.client_id + ", topic " + opt.topic + " at QoS 1";
  for (const auto& t : opt.qos0_topics) s += ", " + t + " at QoS 0";
  return s + (opt.clean_session ? "" : ", persistent session");
}

MqttSubscriber::MqttSubscriber(const MqttOptions& opt, Handler on_message)
    : on_message_(std::move(on_message)) {
  mosq_ = make_client(opt, opt.clean_session, this);
  // libmosquitto sends a QoS 1 message's PUBACK as it reads the message, before the callback,
  // unless told the application runs the loop from threads of its own: then the PUBACK waits in
  // its queue for poll()'s write, after the callback has logged the message. So the broker drops
  // a message only once the twin's log holds it, and a twin killed mid-stream loses nothing.
  mosquitto_threaded_set(mosq_, true);
  auto fail = [&](const std::string& what, int rc) {
    mosquitto_destroy(mosq_);
    mosq_ = nullptr;
    throw MqttError("MQTT broker " + opt.host + ":" + std::to_string(opt.port) + ": " + what +
                    ": " + mqtt_error_text(rc));
  };
  int rc;
  mosquitto_message_callback_set(mosq_, [](mosquitto*, void* self, const mosquitto_message* m) {
    auto* s = static_cast<MqttSubscriber*>(self);
    ++s->received_;
    s->on_message_(m->topic ? std::string_view(m->topic) : std::string_view(),
                   std::string_view(static_cast<const char*>(m->payload),
                                    static_cast<std::size_t>(m->payloadlen)));
  });
  mosquitto_subscribe_callback_set(mosq_, [](mosquitto*, void* self, int mid, int, const int*) {
    auto* s = static_cast<MqttSubscriber*>(self);
    std::erase(s->awaiting_, mid);
  });
  // A reconnect to a broker that no longer holds the session (it was restarted, or the session
  // is clean) subscribes again: without it the twin would stay connected and hear nothing.
  mosquitto_connect_with_flags_callback_set(mosq_, [](mosquitto*, void* self, int rc, int flags) {
    auto* s = static_cast<MqttSubscriber*>(self);
    constexpr int session_present = 1;  // MQTT 3.1.1 section 3.2.2.2
    if (rc != 0 || !s->connected_once_) {
      s->connected_once_ = s->connected_once_ || rc == 0;
      return;
    }
    ++s->reconnects_;
    if (flags & session_present) return;
    ++s->sessions_lost_;
    for (const auto& [topic, qos] : s->subscriptions_) s->subscribe(topic, qos);
  });
  subscriptions_.emplace_back(opt.topic, 1);
  for (const auto& t : opt.qos0_topics) subscriptions_.emplace_back(t, 0);
  if ((rc = mosquitto_connect(mosq_, opt.host.c_str(), opt.port, opt.keepalive_s)))
    fail("cannot connect", rc);
  // Each SUBSCRIBE's mid is recorded before its SUBACK can be read: the acknowledgements are
  // handled in mosquitto_loop below, on this thread.
  for (const auto& [topic, qos] : subscriptions_)
    if (const int r = subscribe(topic, qos)) fail("cannot subscribe to " + topic, r);
  // A persistent session's backlog may come before the broker's SUBACK (Mosquitto sends what it
  // queued first): the wait gives up only after 10 s with nothing at all from the broker.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!awaiting_.empty()) {
    const std::uint64_t before = received_;
    if ((rc = mosquitto_loop(mosq_, 100, 1))) fail("connection lost while subscribing", rc);
    if (received_ != before)
      deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    else if (std::chrono::steady_clock::now() > deadline)
      fail("no answer to the subscription within 10 s", -1);
  }
}

int MqttSubscriber::subscribe(const std::string& topic, int qos) {
  int mid = 0;
  const int rc = mosquitto_subscribe(mosq_, &mid, topic.c_str(), qos);
  if (rc == MOSQ_ERR_SUCCESS) awaiting_.push_back(mid);
  return rc;
}

MqttSubscriber::~MqttSubscriber() {
  if (mosq_) {
    mosquitto_disconnect(mosq_);
    mosquitto_destroy(mosq_);
  }
}

void MqttSubscriber::poll(int ms) {
  int rc = mosquitto_loop(mosq_, ms, 1);
  // mosquitto_loop reads one packet per select(); what the socket already holds is read on
  // without waiting again, up to a bound so the caller's idle work still comes round.
  int pending = 0;
  for (int k = 0; rc == MOSQ_ERR_SUCCESS && k < 4096; ++k) {
    if (::ioctl(mosquitto_socket(mosq_), FIONREAD, &pending) != 0 || pending <= 0) break;
    rc = mosquitto_loop_read(mosq_, 1);
  }
  if (rc == MOSQ_ERR_SUCCESS && mosquitto_want_write(mosq_)) rc = mosquitto_loop_write(mosq_, 1);
  if (rc == MOSQ_ERR_CONN_LOST || rc == MOSQ_ERR_NO_CONN) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    mosquitto_reconnect(mosq_);  // the CONNACK, read in a later poll, counts it
  }
}

void MqttSubscriber::run(const std::atomic<bool>& stop, const std::function<void()>& idle) {
  auto last_idle = std::chrono::steady_clock::now();
  while (!stop.load()) {
    poll(50);
    const auto now = std::chrono::steady_clock::now();
    if (now - last_idle >= std::chrono::milliseconds(50)) {
      last_idle = now;
      if (idle) idle();
    }
  }
}

}  // namespace twin
