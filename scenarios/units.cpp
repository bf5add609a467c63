#include "scenarios/units.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>

#include <fmt/core.h>

namespace scenarios {

namespace {

// Larger than any duration a scenario needs, small enough that no sum of them overflows.
constexpr double kMaxMs = 1e15;

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// A non-negative decimal number ("12", "1.5", ".5") at the front of `text`; advances past it.
std::optional<double> take_number(std::string_view& text) {
  std::size_t n = 0;
  while (n < text.size() && (is_digit(text[n]) || text[n] == '.')) ++n;
  if (n == 0) return std::nullopt;
  double v = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + n, v);
  if (ec != std::errc() || ptr != text.data() + n) return std::nullopt;
  text.remove_prefix(n);
  return v;
}

// `min_digits` to `max_digits` digits at the front of `text`; advances past them.
std::optional<long long> take_digits(std::string_view& text, std::size_t min_digits,
                                     std::size_t max_digits) {
  std::size_t n = 0;
  while (n < text.size() && is_digit(text[n])) ++n;
  if (n < min_digits || n > max_digits) return std::nullopt;
  long long v = 0;
  std::from_chars(text.data(), text.data() + n, v);
  text.remove_prefix(n);
  return v;
}

struct DurationUnit {
  std::string_view suffix;
  sim::Time ms;
};

// Longest suffix first where one is a prefix of another ("ms" before "m", "min" before "m").
constexpr DurationUnit kDurationUnits[] = {
    {"d", sim::kDay}, {"h", sim::kHour},   {"min", sim::kMinute},
    {"ms", 1},        {"m", sim::kMinute}, {"s", sim::kSecond},
};

}  // namespace

std::optional<sim::Time> parse_duration(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  double total_ms = 0;
  sim::Time previous_unit = sim::kNever;
  while (!text.empty()) {
    const auto v = take_number(text);
    if (!v) return std::nullopt;
    const DurationUnit* unit = nullptr;
    for (const auto& u : kDurationUnits)
      if (text.starts_with(u.suffix)) {
        unit = &u;
        break;
      }
    if (!unit || unit->ms >= previous_unit) return std::nullopt;
    text.remove_prefix(unit->suffix.size());
    previous_unit = unit->ms;
    total_ms += *v * static_cast<double>(unit->ms);
  }
  if (!(total_ms <= kMaxMs)) return std::nullopt;
  return static_cast<sim::Time>(std::llround(total_ms));
}

std::optional<double> parse_distance_m(std::string_view text) {
  text = trim(text);
  const auto v = take_number(text);
  if (!v || !std::isfinite(*v)) return std::nullopt;
  text = trim(text);
  if (text == "m") return *v;
  if (text == "km") return *v * 1000;
  return std::nullopt;
}

namespace {

// "H:MM" or "H:MM:SS" with 1 to `max_hour_digits` hour digits, as (hours, minutes, seconds).
std::optional<std::array<long long, 3>> take_clock(std::string_view text,
                                                   std::size_t max_hour_digits) {
  const auto h = take_digits(text, 1, max_hour_digits);
  if (!h || !text.starts_with(':')) return std::nullopt;
  text.remove_prefix(1);
  const auto m = take_digits(text, 2, 2);
  if (!m || *m > 59) return std::nullopt;
  long long s = 0;
  if (text.starts_with(':')) {
    text.remove_prefix(1);
    const auto sec = take_digits(text, 2, 2);
    if (!sec || *sec > 59) return std::nullopt;
    s = *sec;
  }
  if (!text.empty()) return std::nullopt;
  return std::array<long long, 3>{*h, *m, s};
}

}  // namespace

std::optional<sim::Time> parse_time_of_day(std::string_view text) {
  const auto c = take_clock(trim(text), 2);
  if (!c) return std::nullopt;
  const auto [h, m, s] = *c;
  if (h > 24 || (h == 24 && (m || s))) return std::nullopt;
  return h * sim::kHour + m * sim::kMinute + s * sim::kSecond;
}

std::optional<sim::Time> parse_elapsed(std::string_view text) {
  text = trim(text);
  if (text.find(':') == std::string_view::npos) {
    const auto v = take_number(text);
    if (!v || !text.empty() || !(*v * sim::kSecond <= kMaxMs)) return std::nullopt;
    return static_cast<sim::Time>(std::llround(*v * sim::kSecond));
  }
  const auto c = take_clock(text, 6);
  if (!c) return std::nullopt;
  const auto [h, m, s] = *c;
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

std::string format_distance(double metres) {
  if (metres >= 1000 && std::fmod(metres, 1000) == 0) return fmt::format("{}km", metres / 1000);
  return fmt::format("{}m", metres);
}

std::string format_time_of_day(sim::Time tod) {
  const sim::Time h = tod / sim::kHour;
  const sim::Time m = tod % sim::kHour / sim::kMinute;
  const sim::Time s = tod % sim::kMinute / sim::kSecond;
  return s ? fmt::format("{:02}:{:02}:{:02}", h, m, s) : fmt::format("{:02}:{:02}", h, m);
}

std::string format_number(double v) { return fmt::format("{}", v); }

}  // namespace scenarios
