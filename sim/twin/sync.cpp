#include "sim/twin/sync.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "routing/geo.h"
#include "sim/engine/parallel_simulator.h"
#include "sim/model/model_events.h"
#include "sim/model/observations.h"
#include "sim/model/orders.h"
#include "sim/model/whatif.h"

namespace twin {

namespace {

constexpr UnixMillis kDayMs = 24LL * 3600 * 1000;

std::string where(routing::LatLon p) { return fmt::format("{:.6f},{:.6f}", p.lat, p.lon); }

// The order's furthest phase in the model at `now`, in the schema's words.
std::string order_phase(const model::OrderRecord& o, sim::Time now) {
  if (o.status == model::OrderStatus::rejected)
    return std::string("rejected (") + model::to_string(o.reason) + ")";
  if (o.delivered <= now) return "delivered";
  if (o.picked_up <= now) return "picked_up";
  if (o.packed <= now) return "packed";
  if (o.picked <= now) return "picked";
  if (o.pick_started <= now) return "picking";
  return "queued";
}

double seconds(sim::Time t) { return static_cast<double>(t) / static_cast<double>(sim::kSecond); }

}  // namespace

std::string describe(const SyncCounters& c) {
  return fmt::format(
      "orders {} (cancelled {}), phases {}, pings {} ({} on a street, {} re-anchored), statuses "
      "{} (overriding the model: assigned {}, delivered {}, picked up {}, reassigned {}, exchanged "
      "{}, at store "
      "{}, on shift {}, off shift {}), telemetry {}, readings {} ({} set a unit's temperature), "
      "store changes "
      "{}, late {} (before the start {}), after the end {}, unknown {}, contradictions {}",
      c.orders, c.cancelled, c.phases, c.pings, c.matched, c.reanchored, c.statuses, c.set_assigned,
      c.set_delivered, c.set_picked_up, c.reassigned, c.exchanged, c.set_at_store, c.set_on_shift,
      c.set_off_shift, c.telemetry, c.readings, c.set_temperature, c.store_changes, c.late,
      c.before_start, c.after_end, c.unknown, c.contradictions);
}

TwinSync::TwinSync(model::WorldConfig config, std::shared_ptr<const routing::RoadNetwork> network,
                   SyncOptions opt, OnContradiction on_contradiction)
    : opt_(std::move(opt)),
      on_contradiction_(std::move(on_contradiction)),
      network_(network),
      start_(opt_.start) {
  world_ = std::make_unique<model::World>(std::move(config), network_, opt_.threads);
  model::drop_future_demand(*world_);
  const model::WorldSetup& w = world_->setup();
  routing::ModeMask modes = 0;
  double fastest_kmh = 0;
  for (std::size_t g = 0; g < w.config.riders.size(); ++g) {
    const routing::VehicleProfile& p = w.travel[w.group_travel[g]]->profile();
    modes |= p.mode;
    fastest_kmh = std::max(fastest_kmh, p.speed_kmh);
  }
  if (modes == 0) modes = routing::kModeBicycle;
  opt_.matching.modes = modes;
  // Twice the fastest rider's cruising speed bounds a transition's route: a rider is not seen
  // faster than that between two pings (the matcher's default, 20 m/s, is a car's).
  if (fastest_kmh > 0)
    opt_.matching.max_speed_mps = std::min(opt_.matching.max_speed_mps, 2 * fastest_kmh / 3.6);
  edges_ = std::make_unique<routing::EdgeIndex>(*network_, modes);
}

TwinSync::~TwinSync() = default;

void TwinSync::run_to(sim::Time t, sim::Time step) {
  t = std::min(t, world_->end());
  if (t > world_->now() && t >= world_->now() + step) world_->run_until(t);
}

void TwinSync::advance_to(UnixMillis t) {
  if (start_) run_to(to_sim(t), opt_.step);
}

void TwinSync::apply(const Message& m) {
  if (!start_) {
    const UnixMillis day = m.time - ((m.time % kDayMs) + kDayMs) % kDayMs;
    start_ = day + world_->setup().config.start_tod;
  }
  message_time_ = m.time;
  const sim::Time t = to_sim(m.time);
  if (t >= world_->end()) {
    ++counters_.after_end;
    return;
  }
  // Orders, rider statuses and store changes happen at their instant (a status is compared with,
  // and may override, the model as it is then); the other observations may wait up to a step.
  const bool exact = std::holds_alternative<OrderPlaced>(m.data) ||
                     std::holds_alternative<OrderCancelled>(m.data) ||
                     std::holds_alternative<RiderStatus>(m.data) ||
                     std::holds_alternative<StoreStatus>(m.data);
  run_to(t, exact ? 0 : opt_.step);
  if (t < world_->now()) ++counters_.late;
  if (t < 0) ++counters_.before_start;
  std::visit(
      [&](const auto& p) {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, OrderPlaced>)
          on_order(p);
        else if constexpr (std::is_same_v<T, OrderCancelled>)
          on_cancel(p);
        else if constexpr (std::is_same_v<T, OrderPicked>)
          on_phase(p);
        else if constexpr (std::is_same_v<T, RiderPing>)
          on_ping(p);
        else if constexpr (std::is_same_v<T, RiderStatus>)
          on_status(p);
        else if constexpr (std::is_same_v<T, DroneTelemetry>)
          on_drone(p);
        else if constexpr (std::is_same_v<T, SensorReading>)
          on_reading(p);
        else if constexpr (std::is_same_v<T, StoreStatus>)
          on_store(p);
      },
      m.data);
}

void TwinSync::contradict(const std::string& entity, const std::string& what, std::string model,
                          std::string observed) {
  ++counters_.contradictions;
  if (on_contradiction_)
    on_contradiction_(
        {world_->now(), message_time_, entity, what, std::move(model), std::move(observed)});
}

std::optional<std::uint32_t> TwinSync::entity_index(const std::string& id, char prefix,
                                                    std::size_t count) {
  std::uint32_t k = 0;
  const char* end = id.data() + id.size();
  if (id.size() >= 2 && id[0] == prefix) {
    auto [ptr, ec] = std::from_chars(id.data() + 1, end, k);
    if (ec == std::errc() && ptr == end && k < count) return k;
  }
  ++counters_.unknown;
  contradict(id, "unknown_entity", "no such entity", id);
  return std::nullopt;
}

std::string TwinSync::observed_id(std::uint32_t k) const {
  return k < observed_ids_.size() ? observed_ids_[k] : std::string();
}

std::optional<std::uint32_t> TwinSync::order_index(const std::string& id) const {
  const auto it = orders_.find(id);
  if (it == orders_.end()) return std::nullopt;
  return it->second;
}

void TwinSync::on_order(const OrderPlaced& o) {
  if (orders_.contains(o.order)) {
    contradict(o.order, "order_state", "already placed", "placed again");
    return;
  }
  const auto& stores = world_->setup().config.stores;
  const auto s =
      std::find_if(stores.begin(), stores.end(), [&](const auto& st) { return st.id == o.store; });
  if (s == stores.end()) {
    ++counters_.unknown;
    contradict(o.store, "unknown_entity", "no such store", o.store);
    return;
  }
  const auto store = static_cast<std::uint32_t>(s - stores.begin());
  if (!model::store_open(world_->state().stores[store], now()))
    contradict(o.store, "store_state", "closed", "order " + o.order + " placed");
  const routing::LatLon at{o.lat, o.lon};
  double off_road_m = 0;
  const routing::NodeId node = network_->nearest_node(at, &off_road_m);
  // The model serves it from the nearest road node wherever it is: a customer far from every
  // road, or outside the store's zone, is said (a latitude and longitude swapped, a wrong store).
  if (off_road_m > opt_.contradiction_m)
    contradict(o.order, "customer", "nearest road node " + fmt::format("{:.0f} m away", off_road_m),
               fmt::format("{:.6f},{:.6f}", o.lat, o.lon));
  if (const double d = routing::haversine_m(s->location, at); d > s->radius_m)
    contradict(o.order, "customer", fmt::format("{} delivers within {:.0f} m", s->id, s->radius_m),
               fmt::format("{:.0f} m from the store", d));
  std::uint32_t id = 0;
  world_->change(
      [&](const model::WorldSetup& w, model::WorldState& st, sim::ParallelSimulator& engine) {
        id = model::add_observed_order(w, st, st.engine.now, store, node, at,
                                       static_cast<std::uint32_t>(o.items),
                                       w.config.seed + st.orders.size());
        if (st.orders[id].store >= 0)
          engine.schedule(store, st.engine.now, {model::kArrival, id, 0}, model::kPriorityArrival);
      });
  orders_.emplace(o.order, id);
  if (observed_ids_.size() <= id) observed_ids_.resize(id + 1);
  observed_ids_[id] = o.order;
  ++counters_.orders;
  const model::OrderRecord& rec = world_->state().orders[id];
  if (rec.store < 0) contradict(o.order, "order_state", "unreachable from its store", "placed");
}

void TwinSync::on_cancel(const OrderCancelled& c) {
  const auto id = order_index(c.order);
  if (!id) {
    ++counters_.unknown;
    contradict(c.order, "unknown_entity", "no such order", "cancelled");
    return;
  }
  const model::OrderRecord& o = world_->state().orders[*id];
  if (o.status != model::OrderStatus::open || o.picked_up <= now() || o.store < 0) {
    contradict(c.order, "order_state", order_phase(o, now()), "cancelled");
    return;
  }
  const auto store = static_cast<sim::LpId>(o.store);
  world_->change(
      [&](const model::WorldSetup&, model::WorldState& st, sim::ParallelSimulator& engine) {
        engine.schedule(store, st.engine.now, {model::kPatience, *id, 0}, model::kPriorityArrival);
      });
  ++counters_.cancelled;
}

void TwinSync::on_phase(const OrderPicked& p) {
  ++counters_.phases;
  const auto id = order_index(p.order);
  if (!id) {
    ++counters_.unknown;
    contradict(p.order, "unknown_entity", "no such order", p.packed ? "packed" : "picked");
    return;
  }
  const model::OrderRecord& o = world_->state().orders[*id];
  const sim::Time done = p.packed ? o.packed : o.picked;
  if (o.status == model::OrderStatus::rejected || done > now())
    contradict(p.order, "order_phase", order_phase(o, now()), p.packed ? "packed" : "picked");
}

void TwinSync::on_ping(const RiderPing& p) {
  ++counters_.pings;
  const auto k = entity_index(p.rider, 'r', world_->state().riders.size());
  if (!k) return;
  auto it = matchers_.find(*k);
  if (it == matchers_.end())
    it = matchers_.emplace(*k, routing::OnlineMapMatcher(*edges_, opt_.matching)).first;
  Observation& seen = riders_seen_[*k];
  const sim::Time fix = std::max(to_sim(p.time), seen.t);
  seen.t = fix;
  seen.raw = {p.lat, p.lon};
  seen.at = seen.raw;
  seen.on_street = false;
  if (const auto m = it->second.add(seen.raw, seconds(fix))) {
    ++counters_.matched;
    seen.at = m->point;
    seen.on_street = true;
  }
  const routing::LatLon model_at = world_->rider_position(*k, now());
  const double d = routing::haversine_m(model_at, seen.at);
  if (seen.on_street && opt_.reanchor_m > 0 && d > opt_.reanchor_m && same_job(*k, seen) &&
      model::reanchor_leg(*world_, *k, network_->nearest_node(seen.at)))
    ++counters_.reanchored;
  const bool off = d > opt_.contradiction_m;
  if (off && !seen.contradicting)
    contradict(p.rider, "position", where(model_at),
               fmt::format("{} ({:.0f} m away)", where(seen.at), d));
  seen.contradicting = off;
}

bool TwinSync::same_job(std::uint32_t k, const Observation& seen) const {
  if (!seen.job) return false;
  const model::Rider& r = world_->state().riders[k];
  const model::OrderRecord& o = world_->state().orders[*seen.job];
  if (o.rider != static_cast<std::int32_t>(k)) return false;
  if (seen.reported == RiderState::picked_up)
    return r.state == model::RiderState::delivering &&
           std::find(r.onboard.begin(), r.onboard.end(), *seen.job) != r.onboard.end();
  return seen.reported == RiderState::delivered && r.state == model::RiderState::returning &&
         o.status == model::OrderStatus::delivered;
}

void TwinSync::on_status(const RiderStatus& s) {
  ++counters_.statuses;
  const auto k = entity_index(s.rider, 'r', world_->state().riders.size());
  if (!k) return;
  Observation& seen = riders_seen_[*k];
  if (s.status == RiderState::assigned) {  // what the rider is doing now is not said
    on_assigned(s, *k);
    return;
  }
  seen.reported = s.status;
  seen.job.reset();
  if (s.status == RiderState::picked_up || s.status == RiderState::delivered) {
    on_order_status(s, *k, seen);
    return;
  }
  const std::string model_state = model::to_string(world_->state().riders[*k].state);
  model::Override done = model::Override::agrees;
  std::uint64_t* applied = nullptr;
  switch (s.status) {
    case RiderState::on_shift:
      done = model::observe_on_shift(*world_, *k);
      applied = &counters_.set_on_shift;
      break;
    case RiderState::at_store:
      done = model::observe_at_store(*world_, *k);
      applied = &counters_.set_at_store;
      break;
    case RiderState::off_shift:
      done = model::observe_off_shift(*world_, *k);
      applied = &counters_.set_off_shift;
      break;
    case RiderState::picked_up:
    case RiderState::delivered:
    case RiderState::assigned:
      break;
  }
  if (done == model::Override::agrees) return;
  contradict(s.rider, "rider_state", model_state, to_string(s.status));
  if (done == model::Override::applied) ++*applied;
}

void TwinSync::on_order_status(const RiderStatus& s, std::uint32_t k, Observation& seen) {
  const auto id = order_index(s.order);
  if (!id) {
    ++counters_.unknown;
    contradict(s.order, "unknown_entity", "no such order", to_string(s.status));
    return;
  }
  seen.job = *id;
  const model::OrderRecord& o = world_->state().orders[*id];
  // The model gave the order to another rider (or none). Another rider of the store on the
  // same vehicle is the same rider under another label: the two exchange what they do
  // (model::exchange_riders) unless either holds an order the operation has confirmed as its
  // own. Else a pickup at the counter settles it, the order moves to this rider; a delivery
  // would leave the steps in between to guess.
  if (o.rider != static_cast<std::int32_t>(k)) {
    contradict(s.order, "order_state",
               o.rider >= 0 ? "with r" + std::to_string(o.rider) : "with no rider",
               std::string(to_string(s.status)) + " by " + s.rider);
    if (o.rider >= 0 && !holds_confirmed(static_cast<std::uint32_t>(o.rider)) &&
        !holds_confirmed(k) &&
        model::exchange_riders(*world_, k, static_cast<std::uint32_t>(o.rider))) {
      ++counters_.exchanged;
    } else {
      if (s.status == RiderState::picked_up &&
          model::reassign_picked_up(*world_, k, *id) == model::Override::applied) {
        ++counters_.reassigned;
        confirmed_[*id] = k;
      }
      return;
    }
  }
  confirmed_[*id] = k;
  const std::string phase = order_phase(o, now());
  const bool delivered = s.status == RiderState::delivered;
  const model::Override done = delivered ? model::observe_delivered(*world_, k, *id)
                                         : model::observe_picked_up(*world_, k, *id);
  if (done == model::Override::agrees) return;
  contradict(s.order, "order_phase", phase, to_string(s.status));
  if (done == model::Override::applied)
    ++(delivered ? counters_.set_delivered : counters_.set_picked_up);
}

void TwinSync::on_assigned(const RiderStatus& s, std::uint32_t k) {
  const auto id = order_index(s.order);
  if (!id) {
    ++counters_.unknown;
    contradict(s.order, "unknown_entity", "no such order", to_string(s.status));
    return;
  }
  const model::OrderRecord& o = world_->state().orders[*id];
  if (o.rider < 0) {  // the model's dispatch has not given it yet (it may at this instant)
    const model::Override done = model::assign_observed(*world_, k, *id);
    if (done == model::Override::refused)
      contradict(s.order, "order_state", "with no rider",
                 std::string(to_string(s.status)) + " to " + s.rider);
    if (done != model::Override::applied) return;
    ++counters_.set_assigned;
  } else if (o.rider != static_cast<std::int32_t>(k)) {
    contradict(s.order, "order_state", "with r" + std::to_string(o.rider),
               std::string(to_string(s.status)) + " to " + s.rider);
    if (holds_confirmed(static_cast<std::uint32_t>(o.rider)) || holds_confirmed(k) ||
        !model::exchange_riders(*world_, k, static_cast<std::uint32_t>(o.rider)))
      return;
    ++counters_.exchanged;
  }
  confirmed_[*id] = k;
}

bool TwinSync::holds_confirmed(std::uint32_t rider) const {
  const model::Rider& r = world_->state().riders[rider];
  const auto mine = [&](std::uint32_t order) {
    const auto it = confirmed_.find(order);
    return it != confirmed_.end() && it->second == rider;
  };
  return std::any_of(r.onboard.begin(), r.onboard.end(), mine) ||
         std::any_of(r.plan.begin(), r.plan.end(),
                     [&](const routing::Stop& stop) { return mine(stop.job); });
}

void TwinSync::on_drone(const DroneTelemetry& d) {
  ++counters_.telemetry;
  const auto k = entity_index(d.drone, 'd', world_->state().drones.size());
  if (!k) return;
  Observation& seen = drones_seen_[*k];
  seen.t = now();
  seen.raw = seen.at = {d.lat, d.lon};
  const routing::LatLon model_at = world_->drone_position(*k, now());
  const double dist = routing::haversine_m(model_at, seen.at);
  const bool off = dist > opt_.contradiction_m;
  if (off && !seen.contradicting)
    contradict(d.drone, "position", where(model_at),
               fmt::format("{} ({:.0f} m away)", where(seen.at), dist));
  seen.contradicting = off;
}

void TwinSync::on_reading(const SensorReading& r) {
  ++counters_.readings;
  std::string key = r.store;
  key += '/';
  key += r.n;
  Observed& seen = readings_[key];
  seen.reading = r;
  // A store unit's temperature, "<class>-unit/temperature" in Cel: the model's unit to compare.
  constexpr std::string_view suffix = "-unit/temperature";
  if (r.u != "Cel" || r.n.size() <= suffix.size() || !r.n.ends_with(suffix)) return;
  const std::string klass = r.n.substr(0, r.n.size() - suffix.size());
  const model::WorldSetup& w = world_->setup();
  const auto& stores = w.config.stores;
  const auto& classes = w.config.cold_chain.classes;
  const auto st =
      std::find_if(stores.begin(), stores.end(), [&](const auto& x) { return x.id == r.store; });
  const auto cl =
      std::find_if(classes.begin(), classes.end(), [&](const auto& c) { return c.name == klass; });
  const auto s = static_cast<std::size_t>(st - stores.begin());
  const auto k = static_cast<std::size_t>(cl - classes.begin());
  if (st == stores.end() || cl == classes.end() || k >= w.stores[s].units.size() ||
      !w.stores[s].units[k]) {
    ++counters_.unknown;
    contradict(key, "unknown_entity", "no such unit", r.n);
    return;
  }
  const auto store = static_cast<std::uint32_t>(s);
  const auto klass_index = static_cast<std::uint32_t>(k);
  const double model_c = model::unit_temperature(*world_, store, klass_index);
  const bool off = std::abs(r.v - model_c) > opt_.contradiction_c;
  if (off && !seen.contradicting)
    contradict(key, "temperature", fmt::format("{:.1f} Cel", model_c),
               fmt::format("{:.1f} Cel", r.v));
  seen.contradicting = off;
  if (model::observe_unit_temperature(*world_, store, klass_index, r.v))
    ++counters_.set_temperature;
}

void TwinSync::on_store(const StoreStatus& s) {
  const auto& stores = world_->setup().config.stores;
  const auto it =
      std::find_if(stores.begin(), stores.end(), [&](const auto& st) { return st.id == s.store; });
  if (it == stores.end()) {
    ++counters_.unknown;
    contradict(s.store, "unknown_entity", "no such store", s.store);
    return;
  }
  const auto k = static_cast<std::uint32_t>(it - stores.begin());
  const model::StoreState& st = world_->state().stores[k];
  model::WhatIfAction a;
  a.store = k;
  if (model::store_open(st, now()) != s.open) {
    a.kind =
        s.open ? model::WhatIfAction::Kind::open_store : model::WhatIfAction::Kind::close_store;
    model::apply(*world_, a);
    ++counters_.store_changes;
  }
  if (world_->state().stores[k].picking.pickers != s.pickers) {
    a.kind = model::WhatIfAction::Kind::set_pickers;
    a.count = s.pickers;
    model::apply(*world_, a);
    ++counters_.store_changes;
  }
}

model::TwinState TwinSync::twin_state() const {
  model::TwinState s = world_->twin_state(now());
  for (auto& v : s.riders)
    if (const auto it = riders_seen_.find(v.id);
        it != riders_seen_.end() && now() - it->second.t <= opt_.observed_for)
      v.at = it->second.at;
  for (auto& v : s.drones)
    if (const auto it = drones_seen_.find(v.id);
        it != drones_seen_.end() && now() - it->second.t <= opt_.observed_for)
      v.at = it->second.at;
  return s;
}

void TwinSync::write_state(std::ostream& out) const {
  using nlohmann::json;
  const sim::Time t = now();
  auto time_or_null = [&](sim::Time x) { return x <= t ? json(seconds(x)) : json(nullptr); };
  json doc;
  doc["sim_s"] = seconds(t);
  doc["time"] = start_ ? json(format_rfc3339(*start_ + t)) : json(nullptr);
  const SyncCounters& c = counters_;
  doc["counters"] = {{"orders", c.orders},
                     {"cancelled", c.cancelled},
                     {"phases", c.phases},
                     {"pings", c.pings},
                     {"matched", c.matched},
                     {"reanchored", c.reanchored},
                     {"statuses", c.statuses},
                     {"overrides",
                      {{"delivered", c.set_delivered},
                       {"picked_up", c.set_picked_up},
                       {"reassigned", c.reassigned},
                       {"assigned", c.set_assigned},
                       {"exchanged", c.exchanged},
                       {"at_store", c.set_at_store},
                       {"on_shift", c.set_on_shift},
                       {"off_shift", c.set_off_shift},
                       {"temperature", c.set_temperature}}},
                     {"telemetry", c.telemetry},
                     {"readings", c.readings},
                     {"store_changes", c.store_changes},
                     {"late", c.late},
                     {"before_start", c.before_start},
                     {"after_end", c.after_end},
                     {"unknown", c.unknown},
                     {"contradictions", c.contradictions}};
  std::vector<std::pair<std::uint32_t, std::string>> by_index;
  for (const auto& [id, k] : orders_) by_index.emplace_back(k, id);
  std::sort(by_index.begin(), by_index.end());
  const auto& stores = world_->setup().config.stores;
  json orders = json::array();
  for (const auto& [k, id] : by_index) {
    const model::OrderRecord& o = world_->state().orders[k];
    orders.push_back({{"order", id},
                      {"store", o.store >= 0 ? json(stores[o.store].id) : json(nullptr)},
                      {"phase", order_phase(o, t)},
                      {"placed_s", seconds(o.placed)},
                      {"picked_up_s", time_or_null(o.picked_up)},
                      {"delivered_s", time_or_null(o.delivered)},
                      {"rider", o.rider >= 0 ? json(fmt::format("r{}", o.rider)) : json(nullptr)}});
  }
  doc["orders"] = std::move(orders);
  json riders = json::array();
  for (const model::Rider& r : world_->state().riders) {
    const routing::LatLon at = world_->rider_position(r.id, t);
    json j = {{"rider", fmt::format("r{}", r.id)},
              {"state", model::to_string(r.state)},
              {"model", {at.lat, at.lon}}};
    if (const auto it = riders_seen_.find(r.id); it != riders_seen_.end()) {
      j["observed"] = {it->second.at.lat, it->second.at.lon};
      j["observed_s"] = seconds(it->second.t);
      j["on_street"] = it->second.on_street;
    }
    riders.push_back(std::move(j));
  }
  doc["riders"] = std::move(riders);
  json readings = json::object();
  for (const auto& [n, r] : readings_)
    readings[n] = {{"u", r.reading.u}, {"v", r.reading.v}, {"t", format_rfc3339(r.reading.t)}};
  doc["readings"] = std::move(readings);
  out << doc.dump() << '\n';
}

}  // namespace twin
