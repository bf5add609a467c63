#include "sim/model/cold_chain.h"

#include <algorithm>

#include "sim/model/model_events.h"
#include "sim/model/store_context.h"

namespace model {

namespace {

double seconds(sim::Time t) { return static_cast<double>(t) / 1000.0; }

struct Surroundings {
  double env_c, tau_s;
  sim::Time until;  // constant up to then
};

const Enclosure& enclosure_of(const WorldSetup& w, std::int32_t e) {
  return e == Goods::kRiderBox ? w.config.cold_chain.box
                               : w.config.drones.hubs[static_cast<std::size_t>(e)].pod;
}

double outdoor_c(const WorldConfig& c, sim::Time t) {
  const sim::Time tod = (c.start_tod + t) % sim::kDay;
  return c.cold_chain.outdoor_c[static_cast<std::size_t>(tod / sim::kHour)];
}

sim::Time next_hour(const WorldConfig& c, sim::Time t) {
  return t + sim::kHour - (c.start_tod + t) % sim::kHour;
}

Surroundings surroundings(const StoreContext& s, const Goods& g, const Goods::Line& line,
                          sim::Time t) {
  const WorldConfig& c = s.config();
  const ColdChainConfig& cc = c.cold_chain;
  const double product_tau = seconds(cc.product_tau);
  switch (g.place) {
    case Goods::Place::picking:
      return {cc.room_c, product_tau, sim::kNever};
    case Goods::Place::staged:
      if (const auto& unit = s.site.units[line.temp_class])
        return {unit->env_c(t), unit->tau_s(t), unit->next_change(t)};
      return {cc.room_c, seconds(cc.box.tau), sim::kNever};
    case Goods::Place::carried:
      break;
  }
  if (t < g.door_until)
    return {outdoor_c(c, t), product_tau, std::min(g.door_until, next_hour(c, t))};
  const double tau = seconds(enclosure_of(s.world, g.enclosure).tau);
  if (t < g.ice_until) return {cc.classes[line.temp_class].pack_c, tau, g.ice_until};
  return {outdoor_c(c, t), tau, next_hour(c, t)};
}

void advance_goods(const StoreContext& s, Goods& g, sim::Time t) {
  for (Goods::Line& line : g.lines) {
    const TempClass& cls = s.config().cold_chain.classes[line.temp_class];
    while (true) {
      const Surroundings env = surroundings(s, g, line, line.since);
      if (env.env_c != line.env_c || env.tau_s != line.tau_s) {
        line.tracker.move_to(env.env_c, env.tau_s, line.since);
        line.env_c = env.env_c;
        line.tau_s = env.tau_s;
        line.trace.push_back(
            {line.since, line.tracker.temperature(line.since), env.env_c, env.tau_s});
      }
      if (line.since >= t) break;
      const sim::Time next = std::min(t, env.until);
      // Each stretch is monotone: its extremes are at its ends.
      const double c = line.tracker.temperature(next);
      const double off = std::max(c - cls.max_c, cls.min_c - c);
      if (off > line.peak_off) line.peak_off = off, line.peak_c = c;
      line.since = next;
    }
  }
}

}  // namespace

const UnitObservation* unit_observation(const ColdChainState& cold, std::uint32_t temp_class) {
  if (temp_class >= cold.observed.size() || cold.observed[temp_class].t == sim::kNever)
    return nullptr;
  return &cold.observed[temp_class];
}

void place_goods(StoreContext& s, std::uint32_t order_id, Goods::Place place, sim::Time t,
                 std::int32_t enclosure) {
  const OrderRecord& order = s.state.orders[order_id];
  if (order.cold.empty()) return;
  auto [it, created] = s.store.cold.goods.try_emplace(order_id);
  Goods& g = it->second;
  if (created) {
    for (const ColdLine& c : order.cold) {
      const auto& unit = s.site.units[c.temp_class];
      const TempClass& cls = s.config().cold_chain.classes[c.temp_class];
      const UnitObservation* seen = unit_observation(s.store.cold, c.temp_class);
      const double start = unit ? unit->temperature(t, seen) : cls.store_c;
      const sim::Time left = unit ? unit->left_range(t, seen) : sim::kNever;
      Goods::Line line;
      line.temp_class = c.temp_class;
      line.items = c.items;
      line.tracker = ThermalTracker(start, cls.min_c, cls.max_c, t);
      line.since = t;
      line.before = left == sim::kNever ? 0 : t - left;
      line.peak_c = start;
      line.peak_off = std::max(start - cls.max_c, cls.min_c - start);
      g.lines.push_back(std::move(line));
    }
  } else {
    advance_goods(s, g, t);
  }
  g.place = place;
  if (place == Goods::Place::carried) {
    const Enclosure& e = enclosure_of(s.world, enclosure);
    g.enclosure = enclosure;
    g.ice_until = e.ice_packs ? t + e.ice_hold : -1;
    g.door_until = -1;
  }
  advance_goods(s, g, t);
}

void open_doors(StoreContext& s, const std::vector<std::uint32_t>& onboard, sim::Time t) {
  for (std::uint32_t id : onboard) {
    auto it = s.store.cold.goods.find(id);
    if (it == s.store.cold.goods.end()) continue;
    advance_goods(s, it->second, t);
    it->second.door_until = t + s.config().cold_chain.door_open;
    advance_goods(s, it->second, t);
  }
}

void goods_delivered(StoreContext& s, OrderRecord& order, sim::Time at) {
  auto& goods = s.store.cold.goods;
  auto it = goods.find(order.id);
  if (it == goods.end()) return;
  Goods& g = it->second;
  advance_goods(s, g, at);
  const ColdChainConfig& cc = s.config().cold_chain;
  for (std::size_t k = 0; k < g.lines.size(); ++k) {
    Goods::Line& line = g.lines[k];
    ColdLine& c = order.cold[k];
    c.outside = line.before + line.tracker.time_outside(at);
    c.peak_c = line.peak_c;
    c.spoiled = c.outside > cc.classes[c.temp_class].tolerance;
    order.spoiled = order.spoiled || c.spoiled;
    line.trace.push_back({at, line.tracker.temperature(at), line.env_c, line.tau_s});
    s.store.cold.traces.push_back({order.id, line.temp_class, std::move(line.trace)});
  }
  goods.erase(it);
  if (order.spoiled && cc.spoiled == SpoiledAction::refuse) {
    order.status = OrderStatus::rejected;
    order.reason = RejectReason::spoiled;
    order.rejected = at;
    order.delivered = sim::kNever;
  }
}

void on_sensor(StoreContext& s) {
  const sim::Time now = s.now();
  const SensorConfig& sc = s.config().cold_chain.sensors;
  ColdChainState& cold_state = s.store.cold;
  auto noisy = [&](double c) { return c + sc.noise_c * cold_state.sensor_rng.normal(); };
  for (std::size_t k = 0; k < s.site.unit_classes.size(); ++k) {
    const std::uint32_t cls = s.site.unit_classes[k];
    const double c = s.site.units[cls]->temperature(now, unit_observation(cold_state, cls));
    cold_state.alerts += cold_state.unit_logs[k].read(now, noisy(c), cold_state.readings);
  }
  const auto& cold = s.world.cold_classes;
  // A box's or pod's sensor reads the warmest goods of its class on board.
  auto read_cargo = [&](const std::vector<std::uint32_t>& cargo, std::vector<SensorLog>& logs,
                        std::size_t base) {
    for (std::size_t c = 0; c < cold.size(); ++c) {
      double warmest = -std::numeric_limits<double>::infinity();
      for (std::uint32_t id : cargo) {
        auto it = cold_state.goods.find(id);
        if (it == cold_state.goods.end()) continue;
        advance_goods(s, it->second, now);
        for (const Goods::Line& line : it->second.lines)
          if (line.temp_class == cold[c])
            warmest = std::max(warmest, line.tracker.temperature(now));
      }
      if (warmest > -std::numeric_limits<double>::infinity())
        cold_state.alerts += logs[base + c].read(now, noisy(warmest), cold_state.readings);
      else
        logs[base + c].idle(now, cold_state.readings);
    }
  };
  for (std::uint32_t id : s.store.fleet.riders)
    read_cargo(s.state.riders[id].onboard, s.state.rider_logs, id * cold.size());
  for (const Hub& hub : s.store.drones.hubs)
    for (std::uint32_t d : hub.drones) {
      const Drone& drone = s.state.drones[d];
      const bool loaded = drone.state == DroneState::delivering && drone.order >= 0;
      read_cargo(loaded ? std::vector<std::uint32_t>{static_cast<std::uint32_t>(drone.order)}
                        : std::vector<std::uint32_t>{},
                 s.state.drone_logs, d * cold.size());
    }
  if (s.store.orders.finished_at < 0)
    s.ctx.schedule(now + sc.period, {kSensor, 0, 0}, kPrioritySample);
}

}  // namespace model
