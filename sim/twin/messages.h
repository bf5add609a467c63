// The live twin's messages (schema v1, see sim/twin/SCHEMA.md): a CloudEvents 1.0 JSON envelope
// (specversion, id, source, type, time, the sequence extension's per-source sequence number,
// data) whose `data` is one of the payloads below, parsed into plain types. Plain of the model on
// purpose: the twin's sync maps them onto the world.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace twin {

// Milliseconds since 1970-01-01T00:00:00Z (UTC), from an RFC 3339 timestamp.
using UnixMillis = std::int64_t;

// A customer places an order at a dark store (halfhour.order.placed.v1).
struct OrderPlaced {
  std::string store;
  std::string order;
  double lat = 0, lon = 0;  // the customer's door, WGS 84 degrees
  int items = 0;            // lines of the order, >= 1
  int cold_lines = 0;       // of those, lines kept chilled or frozen, 0..items
};

// The customer or the shop cancels an order (halfhour.order.cancelled.v1).
struct OrderCancelled {
  std::string store;
  std::string order;
  std::string reason;  // free text, may be empty
};

// A picker finished picking (halfhour.order.picked.v1) or packing (halfhour.order.packed.v1)
// an order; `packed` tells which.
struct OrderPicked {
  std::string store;
  std::string order;
  bool packed = false;
};

// A rider app's GPS fix (halfhour.rider.ping.v1).
struct RiderPing {
  std::string store;
  std::string rider;
  double lat = 0, lon = 0;  // WGS 84 degrees
  double accuracy_m = 0;    // the fix's horizontal accuracy (1 sigma), metres, >= 0
  double speed_mps = 0;     // ground speed, metres per second, >= 0
  UnixMillis time = 0;      // when the fix was taken (may precede the envelope's time)
};

// `assigned`: the operation's dispatch gave the rider an order (the rider app's "accepted").
enum class RiderState { on_shift, at_store, picked_up, delivered, off_shift, assigned };
// The schema's word for a status: "on_shift", "at_store", "picked_up", "delivered", "off_shift",
// "assigned".
const char* to_string(RiderState s);

// A rider's reported status change (halfhour.rider.status.v1); assigned, picked_up and delivered
// name the order.
struct RiderStatus {
  std::string store;
  std::string rider;
  RiderState status = RiderState::on_shift;
  std::string order;  // empty unless assigned, picked_up or delivered
};

// A delivery drone's telemetry (halfhour.drone.telemetry.v1).
struct DroneTelemetry {
  std::string store;
  std::string drone;
  double lat = 0, lon = 0;  // WGS 84 degrees
  double altitude_m = 0;    // above ground, metres, >= 0
  double speed_mps = 0;     // ground speed, metres per second, >= 0
  double battery_pct = 0;   // state of charge, 0..100
};

// One IoT sensor reading, SenML-style (RFC 8428): name, unit, value, time
// (halfhour.sensor.reading.v1). `n` names the unit or box and the quantity,
// e.g. "freezer-1/temperature".
struct SensorReading {
  std::string store;
  std::string n;
  std::string u;     // a SenML unit: Cel, %RH, %EL, V or A
  double v = 0;      // the value in unit u
  UnixMillis t = 0;  // when it was measured (SenML t, seconds since the epoch, in the message)
};

// A dark store opens, closes or changes its picking staff (halfhour.store.status.v1).
struct StoreStatus {
  std::string store;
  bool open = true;
  int pickers = 0;  // pickers present, >= 0
};

using Payload = std::variant<OrderPlaced, OrderCancelled, OrderPicked, RiderPing, RiderStatus,
                             DroneTelemetry, SensorReading, StoreStatus>;

// A parsed, validated message.
struct Message {
  std::string id;      // unique per source (CloudEvents id)
  std::string source;  // the publisher, e.g. "rider-app/berlin-1" (CloudEvents source)
  std::string type;    // e.g. "halfhour.rider.ping.v1"
  UnixMillis time = 0;
  std::uint64_t sequence = 0;  // per source, from 1, +1 each message (sequence extension)
  Payload data;
};

// Why a message was refused: the dead letter's reason (a fixed word) and what was wrong.
enum class Reason {
  too_large,           // over the size limit
  malformed_json,      // not JSON, or not a JSON object
  bad_envelope,        // a CloudEvents attribute missing or of the wrong form
  unknown_type,        // a type this schema version does not define
  unauthorised,        // a source not on the allow-list
  bad_payload,         // a data field missing, of the wrong type or out of range
  unknown_store,       // a store the scenario does not have
  topic_mismatch,      // the MQTT topic does not name the message's store, kind or entity
  out_of_order,        // a sequence number further behind the source's latest than the tolerance
  duplicate_sequence,  // a sequence number already taken by another id of that source
};
inline constexpr int reason_count = 10;
std::string_view reason_name(Reason r);

struct Rejection {
  Reason reason = Reason::malformed_json;
  std::string field;         // dotted path, e.g. "data.lat"; empty when the whole message
  std::string expected;      // what the schema wants
  std::string found;         // what came, shortened
  std::string text() const;  // "data.lat: expected a number from -90 to 90, found 123"
};

// How deep a message's JSON may nest (the schema needs 3).
inline constexpr int max_message_depth = 32;

// What the parser checks a message against.
struct Validation {
  std::size_t max_bytes = 64 * 1024;  // a message larger than this is refused unread
  std::set<std::string> stores;       // the scenario's store ids; empty: any store
  std::set<std::string> sources;      // the allow-list; empty: any source
};

// Parses and validates one message. `topic`, where it came over MQTT, must read
// halfhour/v1/<store>/<kind>/<entity> for the message's store, kind and entity.
std::variant<Message, Rejection> parse_message(std::string_view raw, const Validation& v,
                                               std::string_view topic = {});

// The MQTT topic a message is published on: halfhour/v1/<store>/<kind>/<entity>, kind one of
// order, rider, drone, sensor, store; the entity is the order, rider, drone, sensor name's first
// part (before '/'), or the store.
std::string topic_of(const Message& m);

// Parses an RFC 3339 timestamp (2026-11-30T17:05:00.250Z, offsets +hh:mm allowed, years
// 1970-9999); nullopt when it is not one.
std::optional<UnixMillis> parse_rfc3339(std::string_view text);
// Formats as RFC 3339 UTC with milliseconds.
std::string format_rfc3339(UnixMillis t);

}  // namespace twin
