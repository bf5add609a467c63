#include "tools/mqtt_address.h"

#include <fstream>

#include "scenarios/input_error.h"

namespace {

[[noreturn]] void bad(const std::string& option, const std::string& expected,
                      const std::string& found) {
  throw scenarios::InputError({"(command line)", 0, 0}, option, expected, found);
}

}  // namespace

MqttAddress parse_mqtt_address(const std::string& option, const std::string& text) {
  MqttAddress a;
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
    bad(option, "HOST:PORT, e.g. 127.0.0.1:1883", text);
  a.host = text.substr(0, colon);
  if (a.host.size() > 2 && a.host.front() == '[' && a.host.back() == ']')
    a.host = a.host.substr(1, a.host.size() - 2);
  const std::string port = text.substr(colon + 1);
  if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(port) < 1 || std::stoi(port) > 65535)
    bad(option, "HOST:PORT with a port from 1 to 65535", text);
  a.port = std::stoi(port);
  return a;
}

std::string read_password_file(const std::string& option, const std::string& path) {
  std::ifstream in(path);
  std::string s;
  if (!in || !std::getline(in, s) || s.empty())
    bad(option, "a file whose first line is the password", path);
  return s;
}
