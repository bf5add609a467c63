#include "sim/twin/message_writer.h"

#include <nlohmann/json.hpp>

namespace twin {

namespace {

// Keys in the order they are set: the order SCHEMA.md lists them, for a reader of the NDJSON.
using json = nlohmann::ordered_json;

json data_of(const Payload& payload) {
  return std::visit(
      [](const auto& p) -> json {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, OrderPlaced>) {
          return {{"store", p.store}, {"order", p.order}, {"lat", p.lat},
                  {"lon", p.lon},     {"items", p.items}, {"cold_lines", p.cold_lines}};
        } else if constexpr (std::is_same_v<T, OrderCancelled>) {
          json d = {{"store", p.store}, {"order", p.order}};
          if (!p.reason.empty()) d["reason"] = p.reason;
          return d;
        } else if constexpr (std::is_same_v<T, OrderPicked>) {
          return {{"store", p.store}, {"order", p.order}};
        } else if constexpr (std::is_same_v<T, RiderPing>) {
          return {{"store", p.store},
                  {"rider", p.rider},
                  {"lat", p.lat},
                  {"lon", p.lon},
                  {"accuracy_m", p.accuracy_m},
                  {"speed_mps", p.speed_mps},
                  {"time", format_rfc3339(p.time)}};
        } else if constexpr (std::is_same_v<T, RiderStatus>) {
          json d = {{"store", p.store}, {"rider", p.rider}, {"status", to_string(p.status)}};
          if (p.status == RiderState::picked_up || p.status == RiderState::delivered ||
              p.status == RiderState::assigned)
            d["order"] = p.order;
          return d;
        } else if constexpr (std::is_same_v<T, DroneTelemetry>) {
          return {{"store", p.store},
                  {"drone", p.drone},
                  {"lat", p.lat},
                  {"lon", p.lon},
                  {"altitude_m", p.altitude_m},
                  {"speed_mps", p.speed_mps},
                  {"battery_pct", p.battery_pct}};
        } else if constexpr (std::is_same_v<T, SensorReading>) {
          // SenML t is seconds since the epoch; the parser rounds it back to milliseconds.
          return {{"store", p.store},
                  {"n", p.n},
                  {"u", p.u},
                  {"v", p.v},
                  {"t", static_cast<double>(p.t) / 1000.0}};
        } else {
          return {
              {"store", p.store}, {"status", p.open ? "open" : "closed"}, {"pickers", p.pickers}};
        }
      },
      payload);
}

}  // namespace

std::string type_of(const Payload& payload) {
  return std::visit(
      [](const auto& p) -> std::string {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, OrderPlaced>)
          return "halfhour.order.placed.v1";
        else if constexpr (std::is_same_v<T, OrderCancelled>)
          return "halfhour.order.cancelled.v1";
        else if constexpr (std::is_same_v<T, OrderPicked>)
          return p.packed ? "halfhour.order.packed.v1" : "halfhour.order.picked.v1";
        else if constexpr (std::is_same_v<T, RiderPing>)
          return "halfhour.rider.ping.v1";
        else if constexpr (std::is_same_v<T, RiderStatus>)
          return "halfhour.rider.status.v1";
        else if constexpr (std::is_same_v<T, DroneTelemetry>)
          return "halfhour.drone.telemetry.v1";
        else if constexpr (std::is_same_v<T, SensorReading>)
          return "halfhour.sensor.reading.v1";
        else
          return "halfhour.store.status.v1";
      },
      payload);
}

std::string to_json(const Message& m) {
  json j = json::object();
  j["specversion"] = "1.0";
  j["id"] = m.id;
  j["source"] = m.source;
  j["type"] = m.type;
  j["time"] = format_rfc3339(m.time);
  j["sequence"] = std::to_string(m.sequence);
  j["datacontenttype"] = "application/json";
  j["data"] = data_of(m.data);
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace twin
