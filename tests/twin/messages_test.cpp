// The schema v1 parser and validator on hand-written good and bad messages, one per reason.
#include <gtest/gtest.h>

#include "sim/twin/messages.h"
#include "tests/twin/twin_fixtures.h"

using namespace twin;
using twin_test::envelope;
using twin_test::ping;

namespace {

Validation monaco() {
  Validation v;
  v.stores = {"S1", "S2"};
  v.sources = {"rider-app", "shop"};
  return v;
}

Rejection refused(const std::string& raw, const Validation& v = monaco(),
                  std::string_view topic = {}) {
  auto r = parse_message(raw, v, topic);
  EXPECT_TRUE(std::holds_alternative<Rejection>(r)) << raw;
  return std::holds_alternative<Rejection>(r) ? std::get<Rejection>(r) : Rejection{};
}

Message accepted(const std::string& raw, const Validation& v = monaco()) {
  auto r = parse_message(raw, v);
  if (auto* j = std::get_if<Rejection>(&r)) ADD_FAILURE() << j->text() << " for " << raw;
  return std::holds_alternative<Message>(r) ? std::get<Message>(r) : Message{};
}

}  // namespace

TEST(TwinMessages, RiderPingReadsEveryField) {
  const Message m = accepted(ping("rider-app", "p-1", 42).dump());
  EXPECT_EQ(m.id, "p-1");
  EXPECT_EQ(m.source, "rider-app");
  EXPECT_EQ(m.sequence, 42u);
  // 2026-11-30T17:05:00.250Z: 20,787 days after 1970-01-01 (hand-counted: 56 years with 14
  // leap days = 20,454 days to 2026-01-01, plus 304 to 1 November and 29 more).
  EXPECT_EQ(m.time, (20787LL * 86400 + 17 * 3600 + 5 * 60) * 1000 + 250);
  const auto& p = std::get<RiderPing>(m.data);
  EXPECT_EQ(p.store, "S1");
  EXPECT_EQ(p.rider, "r7");
  EXPECT_DOUBLE_EQ(p.lat, 43.7384);
  EXPECT_DOUBLE_EQ(p.lon, 7.4246);
  EXPECT_DOUBLE_EQ(p.accuracy_m, 8.5);
  EXPECT_DOUBLE_EQ(p.speed_mps, 4.2);
  EXPECT_EQ(p.time, m.time - 1250);
  EXPECT_EQ(topic_of(m), "halfhour/v1/S1/rider/r7");
}

TEST(TwinMessages, EveryPayloadType) {
  auto order = envelope("halfhour.order.placed.v1", {{"store", "S2"},
                                                     {"order", "o-9"},
                                                     {"lat", 43.73},
                                                     {"lon", 7.42},
                                                     {"items", 5},
                                                     {"cold_lines", 2}});
  const auto o = std::get<OrderPlaced>(accepted(order.dump()).data);
  EXPECT_EQ(o.items, 5);
  EXPECT_EQ(o.cold_lines, 2);
  EXPECT_EQ(o.store, "S2");

  const auto c = std::get<OrderCancelled>(
      accepted(envelope("halfhour.order.cancelled.v1", {{"store", "S1"}, {"order", "o-9"}}).dump())
          .data);
  EXPECT_EQ(c.order, "o-9");
  EXPECT_TRUE(c.reason.empty());
  EXPECT_FALSE(
      std::get<OrderPicked>(
          accepted(envelope("halfhour.order.picked.v1", {{"store", "S1"}, {"order", "o"}}).dump())
              .data)
          .packed);
  EXPECT_TRUE(
      std::get<OrderPicked>(
          accepted(envelope("halfhour.order.packed.v1", {{"store", "S1"}, {"order", "o"}}).dump())
              .data)
          .packed);
  const auto rs = std::get<RiderStatus>(
      accepted(envelope("halfhour.rider.status.v1",
                        {{"store", "S1"}, {"rider", "r1"}, {"status", "delivered"}, {"order", "o"}})
                   .dump())
          .data);
  EXPECT_EQ(rs.status, RiderState::delivered);
  EXPECT_EQ(rs.order, "o");
  const auto as = std::get<RiderStatus>(
      accepted(envelope("halfhour.rider.status.v1",
                        {{"store", "S1"}, {"rider", "r1"}, {"status", "assigned"}, {"order", "o2"}})
                   .dump())
          .data);
  EXPECT_EQ(as.status, RiderState::assigned);
  EXPECT_EQ(as.order, "o2");
  const auto d = std::get<DroneTelemetry>(
      accepted(envelope("halfhour.drone.telemetry.v1", {{"store", "S1"},
                                                        {"drone", "d1"},
                                                        {"lat", 43.7},
                                                        {"lon", 7.4},
                                                        {"altitude_m", 60},
                                                        {"speed_mps", 15},
                                                        {"battery_pct", 71.5}})
                   .dump())
          .data);
  EXPECT_DOUBLE_EQ(d.battery_pct, 71.5);
  const Message sm =
      accepted(envelope("halfhour.sensor.reading.v1", {{"store", "S1"},
                                                       {"n", "freezer-1/temperature"},
                                                       {"u", "Cel"},
                                                       {"v", -18.5},
                                                       {"t", 1796058300.5}})
                   .dump());
  const auto s = std::get<SensorReading>(sm.data);
  EXPECT_EQ(s.t, 1796058300500LL);
  EXPECT_DOUBLE_EQ(s.v, -18.5);
  EXPECT_EQ(topic_of(sm), "halfhour/v1/S1/sensor/freezer-1");
  const auto st = std::get<StoreStatus>(
      accepted(envelope("halfhour.store.status.v1",
                        {{"store", "S2"}, {"status", "closed"}, {"pickers", 0}})
                   .dump())
          .data);
  EXPECT_FALSE(st.open);
}

TEST(TwinMessages, EachReasonWithItsField) {
  auto with = [](nlohmann::json j, const std::string& path, nlohmann::json value) {
    j[nlohmann::json::json_pointer(path)] = std::move(value);
    return j.dump();
  };
  auto without = [](nlohmann::json j, const std::string& key) {
    j.erase(key);
    return j.dump();
  };
  const auto good = ping("rider-app", "p-1", 1);
  Validation small = monaco();
  small.max_bytes = 100;
  auto r = refused(good.dump(), small);
  EXPECT_EQ(r.reason, Reason::too_large);
  EXPECT_EQ(r.found, std::to_string(good.dump().size()) + " bytes");

  EXPECT_EQ(refused("{\"specversion\": ").reason, Reason::malformed_json);
  EXPECT_EQ(refused("[1, 2]").reason, Reason::malformed_json);
  // A number past double's range is nlohmann's out_of_range, not a parse_error (found by
  // fuzz_twin_message).
  r = refused(R"({"specversion": "1.0", "lat": 43.7E384})");
  EXPECT_EQ(r.reason, Reason::malformed_json);
  EXPECT_NE(r.found.find("number overflow"), std::string::npos) << r.found;
  EXPECT_EQ(refused(std::string(40, '[') + std::string(40, ']')).reason, Reason::malformed_json);

  r = refused(with(good, "/specversion", "0.3"));
  EXPECT_EQ(r.reason, Reason::bad_envelope);
  EXPECT_EQ(r.field, "specversion");
  EXPECT_EQ(r.found, "\"0.3\"");
  r = refused(without(good, "id"));
  EXPECT_EQ(r.field, "id");
  EXPECT_EQ(r.found, "nothing (missing)");
  r = refused(with(good, "/time", "2026-02-30T10:00:00Z"));
  EXPECT_EQ(r.reason, Reason::bad_envelope);
  EXPECT_EQ(r.field, "time");
  for (const nlohmann::json& bad :
       {nlohmann::json(0), nlohmann::json("-3"), nlohmann::json("1e3"), nlohmann::json(-2),
        nlohmann::json(1.5), nlohmann::json("18446744073709551616"), nlohmann::json("0")}) {
    r = refused(with(good, "/sequence", bad));
    EXPECT_EQ(r.reason, Reason::bad_envelope) << bad;
    EXPECT_EQ(r.field, "sequence");
  }
  EXPECT_EQ(std::get<Message>(parse_message(with(good, "/sequence", 7), monaco())).sequence, 7u);
  // 2^64 - 1, the largest, as a number and as its 20 digits.
  for (const nlohmann::json& most :
       {nlohmann::json(18446744073709551615ULL), nlohmann::json("18446744073709551615")})
    EXPECT_EQ(std::get<Message>(parse_message(with(good, "/sequence", most), monaco())).sequence,
              18446744073709551615ULL)
        << most;

  r = refused(with(good, "/type", "halfhour.rider.teleport.v1"));
  EXPECT_EQ(r.reason, Reason::unknown_type);
  EXPECT_EQ(r.found, "\"halfhour.rider.teleport.v1\"");
  EXPECT_EQ(refused(with(good, "/type", "com.example.ping")).reason, Reason::unknown_type);

  r = refused(with(good, "/source", "intruder"));
  EXPECT_EQ(r.reason, Reason::unauthorised);
  EXPECT_EQ(r.field, "source");

  r = refused(with(good, "/data/lat", 123));
  EXPECT_EQ(r.reason, Reason::bad_payload);
  EXPECT_EQ(r.field, "data.lat");
  EXPECT_EQ(r.expected, "a number from -90 to 90");
  EXPECT_EQ(r.found, "123");
  EXPECT_EQ(r.text(), "bad_payload: data.lat: expected a number from -90 to 90, found 123");
  r = refused(with(good, "/data/speed_mps", "fast"));
  EXPECT_EQ(r.field, "data.speed_mps");
  EXPECT_EQ(r.found, "\"fast\"");
  r = refused(with(good, "/data/rider", "a/b"));
  EXPECT_EQ(r.field, "data.rider");
  EXPECT_EQ(refused(with(good, "/data", nlohmann::json::array())).field, "data");
  auto order = envelope("halfhour.order.placed.v1", {{"store", "S1"},
                                                     {"order", "o"},
                                                     {"lat", 43.7},
                                                     {"lon", 7.4},
                                                     {"items", 2},
                                                     {"cold_lines", 3}});
  r = refused(order.dump());
  EXPECT_EQ(r.field, "data.cold_lines");
  EXPECT_EQ(r.expected, "a whole number from 0 to 2");
  r = refused(with(envelope("halfhour.rider.status.v1",
                            {{"store", "S1"}, {"rider", "r"}, {"status", "picked_up"}}),
                   "/source", "shop"));
  EXPECT_EQ(r.field, "data.order");  // picked_up names its order
  r = refused(with(envelope("halfhour.rider.status.v1",
                            {{"store", "S1"}, {"rider", "r"}, {"status", "assigned"}}),
                   "/source", "shop"));
  EXPECT_EQ(r.field, "data.order");  // and so does assigned
  r = refused(envelope("halfhour.sensor.reading.v1",
                       {{"store", "S1"}, {"n", "f/t"}, {"u", "degF"}, {"v", 1}, {"t", 1}})
                  .dump());
  EXPECT_EQ(r.field, "data.u");

  r = refused(with(good, "/data/store", "S9"));
  EXPECT_EQ(r.reason, Reason::unknown_store);
  EXPECT_EQ(r.field, "data.store");
  EXPECT_EQ(r.found, "\"S9\"");

  r = refused(good.dump(), monaco(), "halfhour/v1/S2/rider/r7");
  EXPECT_EQ(r.reason, Reason::topic_mismatch);
  EXPECT_EQ(r.expected, "\"halfhour/v1/S1/rider/r7\"");
  EXPECT_TRUE(std::holds_alternative<Message>(
      parse_message(good.dump(), monaco(), "halfhour/v1/S1/rider/r7")));
}

TEST(TwinMessages, Rfc3339) {
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_rfc3339("1970-01-01T01:00:00+01:00"), 0);
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:01.5z"), 1500);
  EXPECT_EQ(parse_rfc3339("2000-03-01T00:00:00Z"), 951868800000LL);  // date -d @951868800
  EXPECT_EQ(parse_rfc3339("2024-02-29T00:00:00Z"), 1709164800000LL);
  for (const char* bad : {"2023-02-29T00:00:00Z", "2026-11-30 17:05:00Z", "2026-11-30T17:05:00",
                          "2026-11-30T24:00:00Z", "2026-11-30T17:05:00.Z", "1969-12-31T23:59:59Z",
                          "2026-11-30T17:05:00+1:00", "2026-11-30T17:05:00Zjunk"})
    EXPECT_FALSE(parse_rfc3339(bad)) << bad;
  EXPECT_EQ(format_rfc3339(951868800123LL), "2000-03-01T00:00:00.123Z");
}
