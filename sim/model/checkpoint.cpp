#include "sim/model/checkpoint.h"

#include <unistd.h>

#include <boost/crc.hpp>
#include <cereal/archives/binary.hpp>
#include <cereal/types/array.hpp>
#include <cereal/types/common.hpp>
#include <cereal/types/deque.hpp>
#include <cereal/types/map.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/utility.hpp>
#include <cereal/types/vector.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

// Non-intrusive serialisation of every plain struct in a WorldState, beside the types'
// namespaces so that cereal finds them by argument-dependent lookup. Every field, in declaration
// order; a field added to a state type must be added here (the resume tests catch a forgotten
// one as a run that diverges).

namespace routing {

template <class Archive>
void serialize(Archive& ar, LatLon& p) {
  ar(p.lat, p.lon);
}

template <class Archive>
void serialize(Archive& ar, Stop& s) {
  ar(s.job, s.kind);
}

}  // namespace routing

namespace sim {

template <class Archive>
void serialize(Archive& ar, Payload& p) {
  ar(p.kind, p.a, p.b);
}

template <class Archive>
void serialize(Archive& ar, Event& e) {
  ar(e.time, e.seq, e.target, e.source, e.priority, e.payload);
}

template <class Archive>
void serialize(Archive& ar, EngineState& s) {
  ar(s.now, s.pending, s.seqs, s.events);
}

}  // namespace sim

namespace model {

template <class Archive>
void serialize(Archive& ar, ColdLine& c) {
  ar(c.temp_class, c.items, c.outside, c.peak_c, c.spoiled);
}

template <class Archive>
void serialize(Archive& ar, OrderRecord& o) {
  ar(o.id, o.store, o.rider, o.customer, o.location, o.items, o.status, o.reason, o.placed,
     o.assigned, o.pick_started, o.picked, o.packed, o.picked_up, o.at_door, o.delivered,
     o.rejected, o.distance_m, o.mode, o.drone, o.weight_kg, o.items_missing, o.items_substituted,
     o.forwarded, o.flights_aborted, o.energy_wh, o.cost, o.spoiled, o.cold);
}

template <class Archive>
void serialize(Archive& ar, HourRecord& h) {
  ar(h.placed, h.delivered, h.on_time, h.rider_on_shift_ms, h.rider_busy_ms);
}

template <class Archive>
void serialize(Archive& ar, Sample& s) {
  ar(s.time, s.placed, s.delivered, s.on_time, s.rejected, s.in_flight, s.unassigned, s.pick_queue,
     s.riders_idle, s.riders_busy, s.riders_off, s.drones_airborne, s.drones_grounded);
}

template <class Archive>
void serialize(Archive& ar, DroneRecord& d) {
  ar(d.id, d.hub, d.flights, d.deliveries, d.aborted, d.distance_m, d.energy_wh, d.airborne,
     d.swaps, d.recharges);
}

template <class Archive>
void serialize(Archive& ar, SensorReading& r) {
  ar(r.time, r.sensor, r.value_c, r.flag);
}

template <class Archive>
void serialize(Archive& ar, SensorInfo& s) {
  ar(s.id, s.temp_class);
}

template <class Archive>
void serialize(Archive& ar, ThermalPoint& p) {
  ar(p.time, p.temp_c, p.env_c, p.tau_s);
}

template <class Archive>
void serialize(Archive& ar, ThermalTrace& t) {
  ar(t.order, t.temp_class, t.points);
}

template <class Archive>
void serialize(Archive& ar, Rider& r) {
  ar(r.id, r.store, r.vehicle, r.travel, r.capacity, r.shift_start, r.shift_end, r.state, r.since,
     r.plan, r.onboard, r.at, r.leg_from, r.leg_level, r.depart, r.arrive, r.distance_m,
     r.deliveries, r.on_shift, r.busy, r.service, r.service_end, r.overtime_from, r.overtime);
}

template <class Archive>
void serialize(Archive& ar, FleetState& f) {
  ar(f.riders, f.idle, f.in_state, f.last_shift_end, f.hours);
}

template <class Archive>
void serialize(Archive& ar, StoreOrders& o) {
  ar(o.arrivals, o.arrived, o.unassigned, o.forward, o.pending_in, o.open, o.accepted, o.resolved,
     o.demand_over, o.finished_at);
}

template <class Archive>
void serialize(Archive& ar, PickingState& p) {
  ar(p.pickers, p.busy_pickers, p.queue, p.queue_since, p.queue_area_ms);
}

template <class Archive>
void serialize(Archive& ar, StockState& s) {
  ar(s.levels, s.min_on_hand, s.stockouts);
}

template <class Archive>
void serialize(Archive& ar, Drone& d) {
  ar(d.id, d.hub, d.state, d.charge_wh, d.charge_since, d.order, d.dest, d.walk, d.to_store_m,
     d.out_m, d.back_m, d.planned_wh, d.cruise_from, d.aborted_at_m, d.fly_from, d.fly_to,
     d.fly_depart, d.fly_arrive, d.record);
}

template <class Archive>
void serialize(Archive& ar, Hub& h) {
  ar(h.cfg, h.to_store_m, h.drones, h.spares_ready);
}

template <class Archive>
void serialize(Archive& ar, DroneHubsState& d) {
  ar(d.hubs, d.drone_decisions);
}

template <class Archive>
void serialize(Archive& ar, Goods::Line& l) {
  ar(l.temp_class, l.items, l.tracker, l.since, l.before, l.env_c, l.tau_s, l.peak_c, l.peak_off,
     l.trace);
}

template <class Archive>
void serialize(Archive& ar, Goods& g) {
  ar(g.place, g.enclosure, g.ice_until, g.door_until, g.lines);
}

template <class Archive>
void serialize(Archive& ar, UnitObservation& u) {
  ar(u.t, u.c, u.left);
}

template <class Archive>
void serialize(Archive& ar, ColdChainState& c) {
  ar(c.goods, c.unit_logs, c.sensor_rng, c.readings, c.alerts, c.traces, c.observed);
}

template <class Archive>
void serialize(Archive& ar, StoreState& s) {
  ar(s.orders, s.picking, s.stock, s.fleet, s.drones, s.cold, s.rng, s.dispatch_at, s.samples,
     s.policy_state, s.closed);
}

template <class Archive>
void serialize(Archive& ar, WorldState& w) {
  ar(w.orders, w.baskets, w.litres, w.tried, w.riders, w.drones, w.rider_logs, w.drone_logs,
     w.sensors_added, w.stores, w.policy, w.orders_forwarded, w.riders_lent, w.riders_repositioned,
     w.engine);
}

template <class Archive>
void serialize(Archive& ar, ScenarioIdentity& s) {
  ar(s.name, s.path, s.sets, s.has_seed, s.seed, s.yaml_hash);
}

namespace {

constexpr char kMagic[8] = {'H', 'H', 'C', 'K', 'P', 'T', '\r', '\n'};
constexpr std::size_t kPrefix = 8 + 4 + 8;  // magic, format, file size
constexpr std::size_t kChecksum = 8;

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void put_u64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
std::uint64_t get_u64(std::string_view in, std::size_t at) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(in[at + i]);
  return v;
}
std::uint32_t get_u32(std::string_view in, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(in[at + i]);
  return v;
}

template <class... T>
std::string archive(T&... values) {
  std::ostringstream os(std::ios::binary);
  {
    cereal::BinaryOutputArchive ar(os);
    ar(values...);
  }
  return std::move(os).str();
}

// Reads `what` from exactly `bytes`; CheckpointError when they do not have its shape.
template <class... T>
void unarchive(std::string_view bytes, const char* what, T&... values) {
  std::istringstream is(std::string(bytes), std::ios::binary);
  try {
    cereal::BinaryInputArchive ar(is);
    ar(values...);
  } catch (const std::exception& e) {
    throw CheckpointError(std::string("the checkpoint's ") + what +
                          " does not have the shape this halfhour reads (" + e.what() + ")");
  }
  if (static_cast<std::size_t>(is.tellg()) != bytes.size())
    throw CheckpointError(
        std::string("the checkpoint's ") + what + " does not have the shape this halfhour reads (" +
        std::to_string(bytes.size() - static_cast<std::size_t>(is.tellg())) + " bytes left over)");
}

// A length-prefixed block at `at`; moves `at` past it.
std::string_view block(std::string_view bytes, std::size_t& at, std::size_t end, const char* what) {
  if (end - at < 8) throw CheckpointError(std::string("the checkpoint's ") + what + " is missing");
  const std::uint64_t n = get_u64(bytes, at);
  at += 8;
  if (n > end - at)
    throw CheckpointError(std::string("the checkpoint's ") + what + " runs past the end");
  const std::string_view b = bytes.substr(at, n);
  at += n;
  return b;
}

}  // namespace

const char* halfhour_version() { return HALFHOUR_VERSION; }

std::uint64_t crc64(std::string_view bytes) {
  // CRC-64/XZ (the CRC of xz and of ECMA-182 reflected): check value 0x995DC9BBDF1939FA.
  boost::crc_optimal<64, 0x42F0E1EBA9EA3693ULL, 0xFFFFFFFFFFFFFFFFULL, 0xFFFFFFFFFFFFFFFFULL, true,
                     true>
      crc;
  crc.process_bytes(bytes.data(), bytes.size());
  return crc.checksum();
}

std::string checkpoint_bytes(const Checkpoint& c) {
  // cereal's archives take non-const references for both directions.
  auto& w = const_cast<Checkpoint&>(c);
  const std::string header = archive(w.version, w.scenario, w.at);
  const std::string payload = archive(w.state);
  const std::uint64_t size = kPrefix + 8 + header.size() + 8 + payload.size() + kChecksum;
  std::string out;
  out.reserve(size);
  out.append(kMagic, sizeof kMagic);
  put_u32(out, kCheckpointFormat);
  put_u64(out, size);
  put_u64(out, header.size());
  out += header;
  put_u64(out, payload.size());
  out += payload;
  put_u64(out, crc64(out));
  return out;
}

void write_checkpoint(const std::string& path, const Checkpoint& checkpoint) {
  const std::string bytes = checkpoint_bytes(checkpoint);
  const std::filesystem::path target(path);
  std::string name = target.filename().string();
  name.append(".tmp-").append(std::to_string(::getpid()));
  const std::filesystem::path tmp = target.parent_path() / name;
  bool ok = false;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (out) {
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      out.flush();
      ok = static_cast<bool>(out);
    }
  }
  std::error_code ec;
  if (ok) {
    std::filesystem::rename(tmp, target, ec);
    ok = !ec;
  }
  if (!ok) {
    std::filesystem::remove(tmp, ec);
    throw CheckpointError("cannot write the checkpoint " + path);
  }
}

Checkpoint parse_checkpoint(std::string_view bytes) {
  if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
    throw CheckpointError("not a halfhour checkpoint");
  if (bytes.size() < kPrefix)
    throw CheckpointError("truncated at byte " + std::to_string(bytes.size()) +
                          ", inside its first " + std::to_string(kPrefix) + " bytes");
  const std::uint32_t format = get_u32(bytes, 8);
  if (format != kCheckpointFormat)
    throw CheckpointError("checkpoint format " + std::to_string(format) +
                          ", this halfhour reads format " + std::to_string(kCheckpointFormat));
  const std::uint64_t size = get_u64(bytes, 12);
  if (bytes.size() < size)
    throw CheckpointError("truncated at byte " + std::to_string(bytes.size()) + " of " +
                          std::to_string(size));
  if (bytes.size() > size || size < kPrefix + kChecksum)
    throw CheckpointError("checksum mismatch: the file is corrupted (" +
                          std::to_string(bytes.size()) + " bytes, its header says " +
                          std::to_string(size) + ")");
  const std::size_t end = size - kChecksum;
  if (crc64(bytes.substr(0, end)) != get_u64(bytes, end))
    throw CheckpointError("checksum mismatch: the file is corrupted");

  Checkpoint c;
  std::size_t at = kPrefix;
  const std::string_view header = block(bytes, at, end, "header");
  c.version.clear();
  unarchive(header, "header", c.version, c.scenario, c.at);
  if (c.version != halfhour_version())
    throw CheckpointError("written by halfhour " + c.version + ", this is " + halfhour_version());
  const std::string_view payload = block(bytes, at, end, "state");
  unarchive(payload, "state", c.state);
  if (at != end) throw CheckpointError("the checkpoint has data after its state");
  if (c.state.engine.now != c.at)
    throw CheckpointError("the checkpoint's state is at another time than its header says");
  return c;
}

Checkpoint read_checkpoint(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CheckpointError("cannot read the checkpoint " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  try {
    return parse_checkpoint(ss.str());
  } catch (const CheckpointError& e) {
    throw CheckpointError(path + ": " + e.what());
  }
}

}  // namespace model
