#include "sim/output/twin_file.h"

#include <cstring>
#include <fstream>
#include <sstream>

#include "sim/model/world.h"

namespace output {

namespace {

// Version 2 adds alert texts, the stores' queue and on-time counts, and the riders' stores;
// version 1 recordings are read with those empty.
constexpr char kMagic[8] = {'H', 'H', 'T', 'W', '0', '0', '0', '2'};
constexpr char kMagicV1[8] = {'H', 'H', 'T', 'W', '0', '0', '0', '1'};
constexpr std::uint32_t kMaxCount = 50'000'000;

class Writer {
 public:
  template <class T>
  void put(T v) {
    out_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void put_text(const std::string& s) {
    put(static_cast<std::uint32_t>(s.size()));
    out_ += s;
  }
  void put_at(routing::LatLon p) {
    put(p.lat);
    put(p.lon);
  }
  std::string out_;
};

class Reader {
 public:
  Reader(std::string bytes, std::string path) : in_(std::move(bytes)), path_(std::move(path)) {}
  template <class T>
  T get() {
    need(sizeof(T));
    T v;
    std::memcpy(&v, in_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return v;
  }
  std::uint32_t count() {
    const auto n = get<std::uint32_t>();
    if (n > kMaxCount) fail("a count of " + std::to_string(n));
    return n;
  }
  std::string text() {
    const auto n = count();
    need(n);
    std::string s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  routing::LatLon at() {
    const auto lat = get<double>();
    return {lat, get<double>()};
  }
  bool done() const { return pos_ == in_.size(); }
  [[noreturn]] void fail(const std::string& what) const {
    throw TwinFileError(path_ + ": not a halfhour twin recording (" + what + " at byte " +
                        std::to_string(pos_) + ")");
  }

 private:
  void need(std::size_t n) const {
    if (in_.size() - pos_ < n) fail("cut short");
  }
  std::string in_;
  std::string path_;
  std::size_t pos_ = 0;
};

void put_places(Writer& w, const std::vector<model::TwinState::Place>& places) {
  w.put(static_cast<std::uint32_t>(places.size()));
  for (const auto& p : places) {
    w.put_at(p.at);
    w.put_text(p.id);
    w.put(static_cast<std::uint8_t>(p.alert));
    w.put_text(p.alert_text);
    w.put(p.queue);
    w.put(p.delivered);
    w.put(p.on_time);
  }
}

std::vector<model::TwinState::Place> get_places(Reader& r, int version) {
  std::vector<model::TwinState::Place> places(r.count());
  for (auto& p : places) {
    p.at = r.at();
    p.id = r.text();
    p.alert = r.get<std::uint8_t>() != 0;
    if (version < 2) continue;
    p.alert_text = r.text();
    p.queue = r.get<std::uint32_t>();
    p.delivered = r.get<std::uint32_t>();
    p.on_time = r.get<std::uint32_t>();
  }
  return places;
}

void put_vehicles(Writer& w, const std::vector<model::TwinState::Vehicle>& vehicles) {
  w.put(static_cast<std::uint32_t>(vehicles.size()));
  for (const auto& v : vehicles) {
    w.put_at(v.at);
    w.put(v.id);
    w.put(v.state);
    w.put(static_cast<std::uint8_t>(v.alert));
    w.put_text(v.alert_text);
    w.put(v.store);
  }
}

std::vector<model::TwinState::Vehicle> get_vehicles(Reader& r, int version) {
  std::vector<model::TwinState::Vehicle> vehicles(r.count());
  for (auto& v : vehicles) {
    v.at = r.at();
    v.id = r.get<std::uint32_t>();
    v.state = r.get<std::uint8_t>();
    v.alert = r.get<std::uint8_t>() != 0;
    if (version < 2) continue;
    v.alert_text = r.text();
    v.store = r.get<std::int32_t>();
  }
  return vehicles;
}

}  // namespace

void TwinRecorder::on_window(sim::Time now) {
  if (now < next_) return;
  frames_.push_back(world_.twin_state(now));
  next_ = (now / period_ + 1) * period_;
}

std::string twin_bytes(const std::vector<model::TwinState>& frames) {
  Writer w;
  w.out_.append(kMagic, sizeof kMagic);
  w.put(static_cast<std::uint32_t>(frames.size()));
  for (const auto& s : frames) {
    w.put(s.time);
    w.put(s.start_tod);
    w.put(s.promise);
    put_places(w, s.stores);
    put_places(w, s.hubs);
    put_vehicles(w, s.riders);
    put_vehicles(w, s.drones);
    w.put(static_cast<std::uint32_t>(s.orders.size()));
    for (const auto& o : s.orders) {
      w.put_at(o.at);
      w.put(o.id);
      w.put(o.placed);
      w.put(o.delivered);
    }
    for (auto v :
         {s.placed, s.delivered, s.on_time, s.late_now, s.in_flight, s.riders_idle, s.drones_up})
      w.put(v);
  }
  return std::move(w.out_);
}

std::vector<model::TwinState> read_twin(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TwinFileError(path + ": cannot be read");
  std::stringstream ss;
  ss << in.rdbuf();
  Reader r(ss.str(), path);
  char magic[sizeof kMagic];
  for (char& c : magic) c = r.get<char>();
  int version = 2;
  if (std::memcmp(magic, kMagicV1, sizeof kMagic) == 0)
    version = 1;
  else if (std::memcmp(magic, kMagic, sizeof kMagic) != 0)
    r.fail("no HHTW0002 or HHTW0001 header");
  std::vector<model::TwinState> frames(r.count());
  for (auto& s : frames) {
    s.time = r.get<sim::Time>();
    s.start_tod = r.get<sim::Time>();
    s.promise = r.get<sim::Time>();
    s.stores = get_places(r, version);
    s.hubs = get_places(r, version);
    s.riders = get_vehicles(r, version);
    s.drones = get_vehicles(r, version);
    s.orders.resize(r.count());
    for (auto& o : s.orders) {
      o.at = r.at();
      o.id = r.get<std::uint32_t>();
      o.placed = r.get<sim::Time>();
      o.delivered = r.get<sim::Time>();
    }
    for (auto* v : {&s.placed, &s.delivered, &s.on_time, &s.late_now, &s.in_flight, &s.riders_idle,
                    &s.drones_up})
      *v = r.get<std::uint32_t>();
  }
  if (!r.done()) r.fail("bytes after the last frame");
  for (std::size_t k = 1; k < frames.size(); ++k)
    if (frames[k].time <= frames[k - 1].time) r.fail("frames out of time order");
  return frames;
}

}  // namespace output
