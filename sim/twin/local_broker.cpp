#include "sim/twin/local_broker.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>
#include <vector>

#include "sim/twin/mqtt_publisher.h"

extern char** environ;

namespace twin {

namespace {

bool accepts(int port) {
  const int s = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (s < 0) return false;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(s);
  return ok;
}

}  // namespace

int free_loopback_port() {
  const int s = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (s < 0) throw std::runtime_error("no socket for a free port");
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    ::close(s);
    throw std::runtime_error("cannot find a free loopback port");
  }
  ::close(s);
  return ntohs(a.sin_port);
}

LocalBroker::LocalBroker(const std::string& extra_conf, bool twin_limits)
    : extra_conf_(extra_conf), twin_limits_(twin_limits) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "halfhour-broker-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("cannot make a folder for the broker");
  dir_ = tmpl;
  // A free port can be taken by another process (another test's broker) between finding it and
  // mosquitto binding it, and then that broker would answer: a broker is ours once its own log
  // says it is running; one that lost the port exits, and another port is tried.
  for (int attempt = 0;; ++attempt) {
    port_ = free_loopback_port();
    if (start()) return;
    if (attempt == 4)
      throw std::runtime_error("mosquitto found no free port in 5 tries; its log: " +
                               (dir_ / "mosquitto.log").string());
  }
}

bool LocalBroker::start() {
  const auto conf = dir_ / "mosquitto.conf";
  {
    std::ofstream out(conf);
    out << "listener " << port_ << " 127.0.0.1\nallow_anonymous true\npersistence false\n"
        << "set_tcp_nodelay true\n";
    if (twin_limits_) out << "max_queued_messages 0\nmax_inflight_messages 0\n";
    out << extra_conf_ << '\n';
  }
  std::string exe = "mosquitto";
  for (const char* p : {"/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto"})
    if (::access(p, X_OK) == 0) exe = p;
  std::vector<std::string> args{exe, "-c", conf.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const auto log = (dir_ / "mosquitto.log").string();
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  const int rc = posix_spawnp(&pid_, exe.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    pid_ = -1;
    throw std::runtime_error("cannot start mosquitto (apt-get install mosquitto)");
  }
  const auto running = [&] {
    std::ifstream in(log);
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    return text.find(" running") != std::string::npos;
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!running() || !accepts(port_)) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      std::ifstream in(log);
      const std::string text((std::istreambuf_iterator<char>(in)), {});
      if (text.find("Address already in use") != std::string::npos) return false;
      throw std::runtime_error("mosquitto exited at start; its log: " + log);
    }
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, &status, 0);
      pid_ = -1;
      throw std::runtime_error("mosquitto did not accept connections on port " +
                               std::to_string(port_) + " within 10 s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

void LocalBroker::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

void LocalBroker::restart() {
  stop();
  if (!start())
    throw std::runtime_error("mosquitto could not take port " + std::to_string(port_) +
                             " again; its log: " + (dir_ / "mosquitto.log").string());
}

LocalBroker::~LocalBroker() {
  stop();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::size_t publish_all(int port, const std::vector<std::pair<std::string, std::string>>& messages,
                        std::chrono::seconds timeout) {
  MqttOptions opt;
  opt.port = port;
  opt.client_id = "";  // a random id: several publishers may run at once
  try {
    MqttPublisher pub(opt);
    try {
      for (const auto& [topic, body] : messages) pub.publish(topic, body);
    } catch (const MqttError&) {  // what went out before is still counted
    }
    return pub.wait_for_acks(timeout);
  } catch (const MqttError&) {
    return 0;
  }
}

}  // namespace twin
