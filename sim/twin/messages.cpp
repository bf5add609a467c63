#include "sim/twin/messages.h"

#include <array>
#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

#include "sim/twin/json_text.h"

namespace twin {

namespace {

using nlohmann::json;

constexpr std::size_t max_id = 128;  // characters of an id, source or entity name

struct Refused {
  Rejection r;
};

[[noreturn]] void refuse(Reason reason, std::string field, std::string expected,
                         std::string found) {
  throw Refused{{reason, std::move(field), std::move(expected), std::move(found)}};
}

class Reader {
 public:
  Reader(const json& object, std::string prefix, Reason reason)
      : o_(object), prefix_(std::move(prefix)), reason_(reason) {}

  const json* find(const char* key) const {
    const auto it = o_.find(key);
    return it == o_.end() ? nullptr : &*it;
  }
  const json& need(const char* key, const char* expected) const {
    const json* j = find(key);
    if (!j) refuse(reason_, field(key), expected, "nothing (missing)");
    return *j;
  }
  std::string field(const char* key) const { return prefix_ + key; }
  [[noreturn]] void wrong(const char* key, const std::string& expected, const json& j) const {
    refuse(reason_, field(key), expected, describe(j));
  }

  std::string text(const char* key, bool may_be_empty = false) const {
    const char* expected = "a string";
    const json& j = need(key, expected);
    if (!j.is_string()) wrong(key, expected, j);
    const auto& s = j.get_ref<const std::string&>();
    if (s.empty() && !may_be_empty) wrong(key, "a non-empty string", j);
    if (s.size() > 1024) wrong(key, "a string of at most 1024 bytes", j);
    return s;
  }
  // An id that can be an MQTT topic level: 1..128 bytes, no '/', '+', '#' or control character.
  std::string name(const char* key) const {
    const char* expected = "an id of 1 to 128 characters without / + # or control characters";
    const json& j = need(key, expected);
    if (!j.is_string()) wrong(key, expected, j);
    const auto& s = j.get_ref<const std::string&>();
    if (s.empty() || s.size() > max_id) wrong(key, expected, j);
    for (const unsigned char c : s)
      if (c < 0x20 || c == 0x7f || c == '/' || c == '+' || c == '#') wrong(key, expected, j);
    return s;
  }
  double number(const char* key, double lo, double hi, const char* unit = "") const {
    const std::string expected = "a number from " + fmt(lo) + " to " + fmt(hi) + unit;
    const json& j = need(key, expected.c_str());
    if (!j.is_number()) wrong(key, expected, j);
    const double v = j.get<double>();
    if (!std::isfinite(v) || v < lo || v > hi) wrong(key, expected, j);
    return v;
  }
  int integer(const char* key, int lo, int hi) const {
    const std::string expected = "a whole number from " + fmt(lo) + " to " + fmt(hi);
    const json& j = need(key, expected.c_str());
    if (j.is_number_unsigned()) {
      if (j.get<std::uint64_t>() > static_cast<std::uint64_t>(hi)) wrong(key, expected, j);
      const auto v = static_cast<int>(j.get<std::uint64_t>());
      if (v < lo) wrong(key, expected, j);
      return v;
    }
    if (!j.is_number_integer()) wrong(key, expected, j);
    const auto v = j.get<std::int64_t>();
    if (v < lo || v > hi) wrong(key, expected, j);
    return static_cast<int>(v);
  }
  UnixMillis time(const char* key) const {
    const char* expected = "an RFC 3339 time, e.g. 2026-11-30T17:05:00Z";
    const json& j = need(key, expected);
    if (!j.is_string()) wrong(key, expected, j);
    const auto t = parse_rfc3339(j.get_ref<const std::string&>());
    if (!t) wrong(key, expected, j);
    return *t;
  }

 private:
  static std::string fmt(double v) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return {buf, r.ptr};
  }
  const json& o_;
  std::string prefix_;
  Reason reason_;
};

std::uint64_t read_sequence(const Reader& env) {
  const char* expected = "a sequence number from 1 (integer, or its decimal digits as a string)";
  const json& j = env.need("sequence", expected);
  std::uint64_t v = 0;
  if (j.is_number_unsigned()) {
    v = j.get<std::uint64_t>();
  } else if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || s.size() > 20 || r.ec != std::errc() || r.ptr != s.data() + s.size() ||
        s[0] == '+' || s[0] == '-')
      env.wrong("sequence", expected, j);
  } else {
    env.wrong("sequence", expected, j);
  }
  if (v == 0) env.wrong("sequence", expected, j);
  return v;
}

std::string store_of(const Reader& d, const Validation& v) {
  const std::string s = d.name("store");
  if (!v.stores.empty() && !v.stores.count(s)) {
    std::string ids;
    for (const auto& id : v.stores) {
      if (ids.size() > 60) {
        ids += ", ...";
        break;
      }
      ids += (ids.empty() ? "" : ", ") + id;
    }
    refuse(Reason::unknown_store, d.field("store"), "a store of the scenario (" + ids + ")",
           "\"" + shorten(s) + "\"");
  }
  return s;
}

constexpr std::array<std::string_view, 5> senml_units{"Cel", "%RH", "%EL", "V", "A"};

Payload read_payload(const std::string& type, const Reader& d, const Validation& v) {
  if (type == "halfhour.order.placed.v1") {
    OrderPlaced p;
    p.store = store_of(d, v);
    p.order = d.name("order");
    p.lat = d.number("lat", -90, 90);
    p.lon = d.number("lon", -180, 180);
    p.items = d.integer("items", 1, 1000);
    p.cold_lines = d.integer("cold_lines", 0, p.items);
    return p;
  }
  if (type == "halfhour.order.cancelled.v1") {
    OrderCancelled p;
    p.store = store_of(d, v);
    p.order = d.name("order");
    if (d.find("reason")) p.reason = d.text("reason", true);
    return p;
  }
  if (type == "halfhour.order.picked.v1" || type == "halfhour.order.packed.v1") {
    OrderPicked p;
    p.store = store_of(d, v);
    p.order = d.name("order");
    p.packed = type == "halfhour.order.packed.v1";
    return p;
  }
  if (type == "halfhour.rider.ping.v1") {
    RiderPing p;
    p.store = store_of(d, v);
    p.rider = d.name("rider");
    p.lat = d.number("lat", -90, 90);
    p.lon = d.number("lon", -180, 180);
    p.accuracy_m = d.number("accuracy_m", 0, 100000, " m");
    p.speed_mps = d.number("speed_mps", 0, 100, " m/s");
    p.time = d.time("time");
    return p;
  }
  if (type == "halfhour.rider.status.v1") {
    RiderStatus p;
    p.store = store_of(d, v);
    p.rider = d.name("rider");
    const std::string s = d.text("status");
    bool known = false;
    for (const RiderState state :
         {RiderState::on_shift, RiderState::at_store, RiderState::picked_up, RiderState::delivered,
          RiderState::off_shift, RiderState::assigned})
      if (s == to_string(state)) p.status = state, known = true;
    if (!known)
      d.wrong("status", "one of on_shift, at_store, assigned, picked_up, delivered, off_shift",
              *d.find("status"));
    if (p.status == RiderState::picked_up || p.status == RiderState::delivered ||
        p.status == RiderState::assigned)
      p.order = d.name("order");
    return p;
  }
  if (type == "halfhour.drone.telemetry.v1") {
    DroneTelemetry p;
    p.store = store_of(d, v);
    p.drone = d.name("drone");
    p.lat = d.number("lat", -90, 90);
    p.lon = d.number("lon", -180, 180);
    p.altitude_m = d.number("altitude_m", 0, 10000, " m");
    p.speed_mps = d.number("speed_mps", 0, 200, " m/s");
    p.battery_pct = d.number("battery_pct", 0, 100, " %");
    return p;
  }
  if (type == "halfhour.sensor.reading.v1") {
    SensorReading p;
    p.store = store_of(d, v);
    p.n = d.text("n");
    if (p.n.size() > max_id || p.n.front() == '/' || p.n.find_first_of("+#") != std::string::npos)
      d.wrong("n", "a SenML name of at most 128 characters, e.g. freezer-1/temperature",
              *d.find("n"));
    p.u = d.text("u");
    bool known = false;
    for (const auto u : senml_units) known = known || p.u == u;
    if (!known) d.wrong("u", "a SenML unit: Cel, %RH, %EL, V or A", *d.find("u"));
    p.v = d.number("v", -1e9, 1e9);
    // SenML t: seconds since the epoch (RFC 8428 section 4.5.3, absolute times only).
    p.t = static_cast<UnixMillis>(std::llround(d.number("t", 0, 253402300799.0, " s") * 1000));
    return p;
  }
  if (type == "halfhour.store.status.v1") {
    StoreStatus p;
    p.store = store_of(d, v);
    const std::string s = d.text("status");
    if (s != "open" && s != "closed") d.wrong("status", "open or closed", *d.find("status"));
    p.open = s == "open";
    p.pickers = d.integer("pickers", 0, 10000);
    return p;
  }
  refuse(Reason::unknown_type, "type", "a halfhour.<kind>.<event>.v1 type of sim/twin/SCHEMA.md",
         "\"" + shorten(type) + "\"");
}

std::string entity_of(const Payload& p) {
  return std::visit(
      [](const auto& x) -> std::string {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, OrderPlaced> || std::is_same_v<T, OrderCancelled> ||
                      std::is_same_v<T, OrderPicked>)
          return x.order;
        else if constexpr (std::is_same_v<T, RiderPing> || std::is_same_v<T, RiderStatus>)
          return x.rider;
        else if constexpr (std::is_same_v<T, DroneTelemetry>)
          return x.drone;
        else if constexpr (std::is_same_v<T, SensorReading>)
          return x.n.substr(0, x.n.find('/'));
        else
          return x.store;
      },
      p);
}

std::string kind_of(const std::string& type) {
  // halfhour.<kind>.<event>.v1
  const auto a = type.find('.');
  const auto b = type.find('.', a + 1);
  return type.substr(a + 1, b - a - 1);
}

}  // namespace

std::string_view reason_name(Reason r) {
  static constexpr std::array<std::string_view, reason_count> names{
      "too_large",   "malformed_json", "bad_envelope",   "unknown_type", "unauthorised",
      "bad_payload", "unknown_store",  "topic_mismatch", "out_of_order", "duplicate_sequence"};
  return names[static_cast<std::size_t>(r)];
}

std::string Rejection::text() const {
  std::string s = std::string(reason_name(reason)) + ": ";
  if (!field.empty()) s += field + ": ";
  return s + "expected " + expected + ", found " + found;
}

std::string topic_of(const Message& m) {
  const std::string store = std::visit([](const auto& x) { return x.store; }, m.data);
  return "halfhour/v1/" + store + "/" + kind_of(m.type) + "/" + entity_of(m.data);
}

const char* to_string(RiderState s) {
  switch (s) {
    case RiderState::on_shift:
      return "on_shift";
    case RiderState::at_store:
      return "at_store";
    case RiderState::picked_up:
      return "picked_up";
    case RiderState::delivered:
      return "delivered";
    case RiderState::off_shift:
      return "off_shift";
    case RiderState::assigned:
      return "assigned";
  }
  return "?";
}

std::variant<Message, Rejection> parse_message(std::string_view raw, const Validation& v,
                                               std::string_view topic) {
  try {
    if (raw.size() > v.max_bytes)
      refuse(Reason::too_large, "", "at most " + std::to_string(v.max_bytes) + " bytes",
             std::to_string(raw.size()) + " bytes");
    if (nested_deeper_than(raw, max_message_depth))
      refuse(Reason::malformed_json, "",
             "JSON nested at most " + std::to_string(max_message_depth) + " deep",
             "deeper nesting");
    const json j = json::parse(raw, nullptr, false);
    if (j.is_discarded()) {
      std::string why = "not JSON";
      try {
        const json again = json::parse(raw);
        (void)again;
      } catch (const json::exception& e) {  // parse_error, or out_of_range: 43.7E384
        why = e.what();
        const auto at = why.find("parse error");
        if (at != std::string::npos) why = why.substr(at);
      }
      refuse(Reason::malformed_json, "", "one JSON object", shorten(why));
    }
    if (!j.is_object()) refuse(Reason::malformed_json, "", "one JSON object", describe(j));
    const Reader env(j, "", Reason::bad_envelope);
    Message m;
    const std::string spec = env.text("specversion");
    if (spec != "1.0")
      env.wrong("specversion", "\"1.0\" (CloudEvents 1.0)", *j.find("specversion"));
    m.id = env.text("id");
    m.source = env.text("source");
    m.type = env.text("type");
    m.time = env.time("time");
    m.sequence = read_sequence(env);
    if (const json* ct = env.find("datacontenttype");
        ct && (!ct->is_string() || *ct != "application/json"))
      env.wrong("datacontenttype", "\"application/json\"", *ct);
    if (!v.sources.empty() && !v.sources.count(m.source))
      refuse(Reason::unauthorised, "source", "a source on the allow-list",
             "\"" + shorten(m.source) + "\"");
    if (m.type.rfind("halfhour.", 0) != 0 || m.type.size() < 12 ||
        m.type.compare(m.type.size() - 3, 3, ".v1") != 0)
      refuse(Reason::unknown_type, "type",
             "a halfhour.<kind>.<event>.v1 type of sim/twin/SCHEMA.md",
             "\"" + shorten(m.type) + "\"");
    const json& data = env.need("data", "an object");
    if (!data.is_object()) refuse(Reason::bad_payload, "data", "an object", describe(data));
    m.data = read_payload(m.type, Reader(data, "data.", Reason::bad_payload), v);
    if (!topic.empty() && topic != topic_of(m))
      refuse(Reason::topic_mismatch, "(topic)", "\"" + topic_of(m) + "\"",
             "\"" + shorten(std::string(topic)) + "\"");
    return m;
  } catch (const Refused& r) {
    return r.r;
  }
}

// Days from 1970-01-01 to a civil date (Howard Hinnant's days_from_civil).
static std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::optional<UnixMillis> parse_rfc3339(std::string_view s) {
  auto digits = [&](std::size_t at, std::size_t n, int& out) {
    if (at + n > s.size()) return false;
    out = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  int y, mo, d, h, mi, se;
  if (!digits(0, 4, y) || s.size() < 20 || s[4] != '-' || !digits(5, 2, mo) || s[7] != '-' ||
      !digits(8, 2, d) || (s[10] != 'T' && s[10] != 't') || !digits(11, 2, h) || s[13] != ':' ||
      !digits(14, 2, mi) || s[16] != ':' || !digits(17, 2, se))
    return std::nullopt;
  static constexpr int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > month_days[mo - 1] ||
      (mo == 2 && d == 29 && !leap) || h > 23 || mi > 59 || se > 60)
    return std::nullopt;
  std::size_t at = 19;
  int millis = 0;
  if (at < s.size() && s[at] == '.') {
    ++at;
    int n = 0;
    while (at < s.size() && s[at] >= '0' && s[at] <= '9') {
      if (n < 3) millis = millis * 10 + (s[at] - '0');
      ++n, ++at;
    }
    if (n == 0 || n > 9) return std::nullopt;
    for (; n < 3; ++n) millis *= 10;
  }
  int offset_min = 0;
  if (at < s.size() && (s[at] == 'Z' || s[at] == 'z')) {
    ++at;
  } else if (at < s.size() && (s[at] == '+' || s[at] == '-')) {
    int oh, om;
    if (!digits(at + 1, 2, oh) || at + 3 >= s.size() || s[at + 3] != ':' ||
        !digits(at + 4, 2, om) || oh > 23 || om > 59)
      return std::nullopt;
    offset_min = (s[at] == '+' ? 1 : -1) * (oh * 60 + om);
    at += 6;
  } else {
    return std::nullopt;
  }
  if (at != s.size()) return std::nullopt;
  const std::int64_t secs =
      days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 +
      mi * 60 + std::min(se, 59) - offset_min * 60;
  return secs * 1000 + millis;
}

std::string format_rfc3339(UnixMillis t) {
  std::int64_t days = t >= 0 ? t / 86400000 : (t - 86399999) / 86400000;
  const std::int64_t ms_of_day = t - days * 86400000;
  // civil_from_days (Howard Hinnant)
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ",
                static_cast<long long>(y), m, d, static_cast<long long>(ms_of_day / 3600000),
                static_cast<long long>(ms_of_day / 60000 % 60),
                static_cast<long long>(ms_of_day / 1000 % 60),
                static_cast<long long>(ms_of_day % 1000));
  return buf;
}

}  // namespace twin
