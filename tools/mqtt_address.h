// What the MQTT commands (halfhour feed, and halfhour twin) share on the command line: the
// broker's HOST:PORT and the password file.
#pragma once

#include <string>

struct MqttAddress {
  std::string host;  // a name, an IPv4 address, or an IPv6 address without its brackets
  int port = 1883;   // 1 to 65535
};

// Reads HOST:PORT ("127.0.0.1:1883", "broker.example.com:8883", "[::1]:1883"). Throws
// scenarios::InputError naming `option` when it is not one.
MqttAddress parse_mqtt_address(const std::string& option, const std::string& text);

// The first line of `path`, a broker's password. Throws scenarios::InputError naming `option`
// when the file cannot be read or its first line is empty.
std::string read_password_file(const std::string& option, const std::string& path);
