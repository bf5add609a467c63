// to_json is parse_message's inverse: every payload type, with awkward values (many decimals,
// quotes and non-ASCII text, an empty reason, millisecond times), comes back field for field.
#include <gtest/gtest.h>

#include <tuple>

#include "sim/twin/message_writer.h"
#include "sim/twin/messages.h"

using namespace twin;

namespace {

// Field-by-field equality of the payloads (messages.h has no operator==).
auto fields(const OrderPlaced& p) {
  return std::tie(p.store, p.order, p.lat, p.lon, p.items, p.cold_lines);
}
auto fields(const OrderCancelled& p) { return std::tie(p.store, p.order, p.reason); }
auto fields(const OrderPicked& p) { return std::tie(p.store, p.order, p.packed); }
auto fields(const RiderPing& p) {
  return std::tie(p.store, p.rider, p.lat, p.lon, p.accuracy_m, p.speed_mps, p.time);
}
auto fields(const RiderStatus& p) { return std::tie(p.store, p.rider, p.status, p.order); }
auto fields(const DroneTelemetry& p) {
  return std::tie(p.store, p.drone, p.lat, p.lon, p.altitude_m, p.speed_mps, p.battery_pct);
}
auto fields(const SensorReading& p) { return std::tie(p.store, p.n, p.u, p.v, p.t); }
auto fields(const StoreStatus& p) { return std::tie(p.store, p.open, p.pickers); }

bool same(const Message& a, const Message& b) {
  if (std::tie(a.id, a.source, a.type, a.time, a.sequence) !=
          std::tie(b.id, b.source, b.type, b.time, b.sequence) ||
      a.data.index() != b.data.index())
    return false;
  return std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        return fields(x) == fields(std::get<T>(b.data));
      },
      a.data);
}

Message message(Payload p, std::uint64_t sequence) {
  Message m;
  m.source = "store-ops/berlin-1";
  m.sequence = sequence;
  m.id = "m-" + std::to_string(sequence);
  m.time = 1764522300250 + static_cast<UnixMillis>(sequence);  // 2025-11-30T17:05:00.25x
  m.type = type_of(p);
  m.data = std::move(p);
  return m;
}

}  // namespace

TEST(TwinMessageWriter, EveryPayloadTypeRoundTrips) {
  const std::vector<Payload> payloads{
      OrderPlaced{"S1", "o-17", 43.738412345678901, -7.424612345678901, 12, 3},
      OrderCancelled{"S1", "o-17", "customer \"patience\" – ran out"},
      OrderCancelled{"S2", "o-18", ""},
      OrderPicked{"S1", "o-17", false},
      OrderPicked{"S1", "o-17", true},
      RiderPing{"S1", "r7", -33.8688197, 151.2092955, 8.5, 4.2, 1764522299001},
      RiderStatus{"S1", "r7", RiderState::picked_up, "o-17"},
      RiderStatus{"S1", "r7", RiderState::delivered, "o-17"},
      RiderStatus{"S1", "r7", RiderState::on_shift, ""},
      RiderStatus{"S1", "r7", RiderState::at_store, ""},
      RiderStatus{"S1", "r7", RiderState::off_shift, ""},
      DroneTelemetry{"S2", "d3", 43.7, 7.4, 60, 15.25, 71.123456},
      SensorReading{"S2", "freezer-1/temperature", "Cel", -18.7, 1764522300123},
      StoreStatus{"S1", true, 7},
      StoreStatus{"S2", false, 0},
  };
  Validation v;
  v.stores = {"S1", "S2"};
  std::set<std::size_t> kinds;
  for (std::size_t i = 0; i < payloads.size(); ++i) {
    const Message m = message(payloads[i], i + 1);
    kinds.insert(m.data.index());
    const std::string json = to_json(m);
    EXPECT_EQ(json.find('\n'), std::string::npos);
    const auto parsed = parse_message(json, v, topic_of(m));
    if (const auto* r = std::get_if<Rejection>(&parsed)) {
      ADD_FAILURE() << r->text() << " for " << json;
      continue;
    }
    EXPECT_TRUE(same(std::get<Message>(parsed), m)) << json;
  }
  EXPECT_EQ(kinds.size(), std::variant_size_v<Payload>);
}

TEST(TwinMessageWriter, WritesTheEnvelopeAsTheSchemaShowsIt) {
  const Message m = message(StoreStatus{"S1", true, 4}, 42);
  EXPECT_EQ(to_json(m), R"({"specversion":"1.0","id":"m-42","source":"store-ops/berlin-1",)"
                        R"("type":"halfhour.store.status.v1","time":"2025-11-30T17:05:00.292Z",)"
                        R"("sequence":"42","datacontenttype":"application/json",)"
                        R"("data":{"store":"S1","status":"open","pickers":4}})");
}
