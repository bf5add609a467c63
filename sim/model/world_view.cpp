// The world as the visual twin and the tests see it at an instant: positions interpolated along
// riders' routes and drones' flights, open and fresh orders, alerts and live counts.
#include <vector>

#include <fmt/core.h>

#include "sim/model/world.h"

namespace model {

routing::LatLon World::drone_position(std::uint32_t drone, sim::Time t) const {
  return model::drone_position(state_.drones[drone], t);
}

TwinState World::twin_state(sim::Time t) const {
  TwinState s;
  s.time = t;
  const WorldConfig& config = setup_->config;
  s.start_tod = config.start_tod;
  s.promise = config.promise;
  const std::size_t cold = setup_->cold_classes.size();
  // "<class> <reading> °C" of a log that is alerting.
  const auto alert_text = [&](const SensorLog& log, std::size_t temp_class) {
    const auto& classes = config.cold_chain.classes;
    return fmt::format("{} {:.1f} °C", temp_class < classes.size() ? classes[temp_class].name : "",
                       log.last_c());
  };
  for (std::size_t i = 0; i < state_.stores.size(); ++i) {
    TwinState::Place p;
    p.at = setup_->stores[i].cfg.location;
    p.id = setup_->stores[i].cfg.id;
    const auto& logs = state_.stores[i].cold.unit_logs;
    for (std::size_t u = 0; u < logs.size(); ++u)
      if (logs[u].alerting()) {
        p.alert = true;
        const auto& classes = setup_->stores[i].unit_classes;
        p.alert_text = alert_text(logs[u], u < classes.size() ? classes[u] : 0);
      }
    p.queue = static_cast<std::uint32_t>(state_.stores[i].picking.queue.size());
    p.pickers = static_cast<std::uint32_t>(std::max(0, state_.stores[i].picking.pickers));
    for (const auto& [from, to] : state_.stores[i].closed) p.ordering &= !(from <= t && t < to);
    s.stores.push_back(std::move(p));
  }
  for (const HubConfig& h : config.drones.hubs) {
    TwinState::Place p;
    p.at = h.location;
    p.id = h.id;
    s.hubs.push_back(std::move(p));
  }
  for (const Rider& r : state_.riders) {
    TwinState::Vehicle v;
    v.at = rider_position(r.id, t);
    v.id = r.id;
    v.state = static_cast<std::uint8_t>(r.state);
    for (std::size_t c = 0; c < cold && r.id * cold + c < state_.rider_logs.size(); ++c)
      if (state_.rider_logs[r.id * cold + c].alerting()) {
        v.alert = true;
        v.alert_text = alert_text(state_.rider_logs[r.id * cold + c], setup_->cold_classes[c]);
      }
    v.store = static_cast<std::int32_t>(r.store);
    s.riders.push_back(std::move(v));
    s.riders_idle += r.state == RiderState::idle;
  }
  for (const Drone& d : state_.drones) {
    const bool up = t >= d.fly_depart && t < d.fly_arrive;
    TwinState::Vehicle v;
    v.at = model::drone_position(d, t);
    v.id = d.id;
    v.state = static_cast<std::uint8_t>(up);
    const std::size_t base = d.id * cold;
    for (std::size_t c = 0; c < cold && base + c < state_.drone_logs.size(); ++c)
      if (state_.drone_logs[base + c].alerting()) {
        v.alert = true;
        v.alert_text = alert_text(state_.drone_logs[base + c], setup_->cold_classes[c]);
      }
    s.drones.push_back(std::move(v));
    s.drones_up += up;
  }
  for (const OrderRecord& o : state_.orders) {
    if (o.placed > t) break;
    ++s.placed;
    if (o.status == OrderStatus::rejected && o.rejected <= t) continue;
    if (o.delivered <= t) {
      ++s.delivered;
      s.on_time += o.delivered - o.placed <= config.promise;
      if (o.store >= 0 && static_cast<std::size_t>(o.store) < s.stores.size()) {
        auto& st = s.stores[static_cast<std::size_t>(o.store)];
        ++st.delivered;
        st.on_time += o.delivered - o.placed <= config.promise;
      }
      if (t - o.delivered < TwinState::kFade)
        s.orders.push_back({o.location, o.id, o.placed, o.delivered});
      continue;
    }
    ++s.in_flight;
    s.late_now += t - o.placed > config.promise;
    s.orders.push_back({o.location, o.id, o.placed, sim::kNever});
  }
  return s;
}

routing::LatLon World::rider_position(std::uint32_t rider_id, sim::Time t) const {
  const Rider& rider = state_.riders[rider_id];
  const routing::RoadNetwork& net = *setup_->network;
  if (rider.leg_from == routing::kNoNode || t >= rider.arrive) return net.position(rider.at);
  if (t <= rider.depart) return net.position(rider.leg_from);
  std::vector<routing::NodeId> path;
  setup_->travel[rider.travel]->route(rider.leg_from, rider.at, rider.leg_level, &path);
  std::vector<double> steps;
  double total = 0;
  for (std::size_t i = 1; i < path.size(); ++i)
    total +=
        steps.emplace_back(routing::haversine_m(net.position(path[i - 1]), net.position(path[i])));
  if (total <= 0) return net.position(rider.at);
  // Along the leg's route at an even pace.
  const double covered = total * static_cast<double>(t - rider.depart) /
                         static_cast<double>(rider.arrive - rider.depart);
  double along = 0;
  for (std::size_t i = 1; i < path.size(); ++i) {
    const auto p = net.position(path[i - 1]), q = net.position(path[i]);
    const double step = steps[i - 1];
    if (along + step >= covered) {
      const double f = step > 0 ? (covered - along) / step : 0;
      return {p.lat + f * (q.lat - p.lat), p.lon + f * (q.lon - p.lon)};
    }
    along += step;
  }
  return net.position(rider.at);
}

}  // namespace model
