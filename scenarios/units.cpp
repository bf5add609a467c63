#include "scenarios/units.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include <fmt/core.h>

namespace scenarios {

namespace {

// A non-negative decimal number at the front of `text`; advances past it.
std::optional<double> take_number(std::string_view& text) {
  std::size_t n = 0;
  while (n < text.size() && (std::isdigit(static_cast<unsigned char>(text[n])) || text[n] == '.'))
    ++n;
  if (n == 0) return std::nullopt;
  double v = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + n, v);
  if (ec != std::errc() || ptr != text.data() + n) return std::nullopt;
  text.remove_prefix(n);
  return v;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<sim::Time> parse_duration(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  double total_ms = 0;
  while (!text.empty()) {
    const auto v = take_number(text);
    if (!v) return std::nullopt;
    double unit = 0;
    if (text.starts_with("ms")) {
      unit = 1, text.remove_prefix(2);
    } else if (text.starts_with("s")) {
      unit = sim::kSecond, text.remove_prefix(1);
    } else if (text.starts_with("min")) {
      unit = sim::kMinute, text.remove_prefix(3);
    } else if (text.starts_with("m")) {
      unit = sim::kMinute, text.remove_prefix(1);
    } else if (text.starts_with("h")) {
      unit = sim::kHour, text.remove_prefix(1);
    } else if (text.starts_with("d")) {
      unit = sim::kDay, text.remove_prefix(1);
    } else {
      return std::nullopt;
    }
    total_ms += *v * unit;
  }
  if (total_ms > 1e15) return std::nullopt;
  return static_cast<sim::Time>(std::llround(total_ms));
}

std::optional<double> parse_distance_m(std::string_view text) {
  text = trim(text);
  const auto v = take_number(text);
  if (!v) return std::nullopt;
  text = trim(text);
  if (text == "m") return *v;
  if (text == "km") return *v * 1000;
  return std::nullopt;
}

std::optional<sim::Time> parse_time_of_day(std::string_view text) {
  text = trim(text);
  int parts[3] = {0, 0, 0};
  int count = 0;
  while (count < 3) {
    std::size_t n = 0;
    while (n < text.size() && std::isdigit(static_cast<unsigned char>(text[n]))) ++n;
    if (n == 0 || n > 2) return std::nullopt;
    std::from_chars(text.data(), text.data() + n, parts[count++]);
    text.remove_prefix(n);
    if (text.empty()) break;
    if (text.front() != ':') return std::nullopt;
    text.remove_prefix(1);
  }
  if (!text.empty() || count < 2) return std::nullopt;
  const auto [h, m, s] = parts;
  if (m > 59 || s > 59 || h > 24 || (h == 24 && (m || s))) return std::nullopt;
  return h * sim::kHour + m * sim::kMinute + s * sim::kSecond;
}

std::string format_duration(sim::Time t) {
  if (t == 0) return "0s";
  std::string out;
  const sim::Time h = t / sim::kHour;
  const sim::Time m = t % sim::kHour / sim::kMinute;
  const sim::Time s = t % sim::kMinute / sim::kSecond;
  const sim::Time ms = t % sim::kSecond;
  if (h) out += fmt::format("{}h", h);
  if (m) out += fmt::format("{}m", m);
  if (s) out += fmt::format("{}s", s);
  if (ms) out += fmt::format("{}ms", ms);
  return out;
}

std::string format_distance(double metres) { return fmt::format("{}m", metres); }

std::string format_time_of_day(sim::Time tod) {
  const sim::Time h = tod / sim::kHour, m = tod % sim::kHour / sim::kMinute,
                  s = tod % sim::kMinute / sim::kSecond;
  return s ? fmt::format("{:02}:{:02}:{:02}", h, m, s) : fmt::format("{:02}:{:02}", h, m);
}

}  // namespace scenarios

namespace scenarios {
std::string format_number(double v) { return fmt::format("{}", v); }
}  // namespace scenarios
