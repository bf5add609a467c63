// The world as the visual twin and the tests see it at an instant: positions interpolated along
// riders' routes and drones' flights, open and fresh orders, alerts and live counts.
#include <vector>

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
  for (std::size_t i = 0; i < state_.stores.size(); ++i) {
    bool alert = false;
    for (const SensorLog& log : state_.stores[i].cold.unit_logs) alert = alert || log.alerting();
    s.stores.push_back({setup_->stores[i].cfg.location, setup_->stores[i].cfg.id, alert});
  }
  for (const HubConfig& h : config.drones.hubs) s.hubs.push_back({h.location, h.id, false});
  for (const Rider& r : state_.riders) {
    bool alert = false;
    for (std::size_t c = 0; c < cold && r.id * cold + c < state_.rider_logs.size(); ++c)
      alert = alert || state_.rider_logs[r.id * cold + c].alerting();
    s.riders.push_back({rider_position(r.id, t), r.id, static_cast<std::uint8_t>(r.state), alert});
    s.riders_idle += r.state == RiderState::idle;
  }
  for (const Drone& d : state_.drones) {
    const bool up = t >= d.fly_depart && t < d.fly_arrive;
    bool alert = false;
    const std::size_t base = d.id * cold;
    for (std::size_t c = 0; c < cold && base + c < state_.drone_logs.size(); ++c)
      alert = alert || state_.drone_logs[base + c].alerting();
    s.drones.push_back({model::drone_position(d, t), d.id, static_cast<std::uint8_t>(up), alert});
    s.drones_up += up;
  }
  for (const OrderRecord& o : state_.orders) {
    if (o.placed > t) break;
    ++s.placed;
    if (o.status == OrderStatus::rejected && o.rejected <= t) continue;
    if (o.delivered <= t) {
      ++s.delivered;
      s.on_time += o.delivered - o.placed <= config.promise;
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
