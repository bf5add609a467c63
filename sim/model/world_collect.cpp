// What a run leaves behind: the stores' records merged into one RunResult, in a fixed order.
#include <algorithm>
#include <tuple>

#include "sim/model/run_warnings.h"
#include "sim/model/world.h"

namespace model {

namespace {

std::size_t hour_of(sim::Time t, std::size_t hours) {
  return std::min(static_cast<std::size_t>(t / sim::kHour), hours - 1);
}

// Books every rider's time up to the end, and the pick queue's.
void finish_accounting(WorldState& state, StoreState& store, sim::Time end_time) {
  for (std::uint32_t id : store.fleet.riders) {
    Rider& r = state.riders[id];
    if (r.since < end_time) set_rider_state(store.fleet, r, r.state, end_time);
  }
  account_queue(store.picking, end_time);
}

}  // namespace

// Merges what the stores recorded into one result; counts of orders come from their timestamps.
RunResult World::collect(sim::Time end_time) {
  const WorldConfig& config = setup_->config;
  RunResult r;
  r.start_tod = config.start_tod;
  r.duration = config.duration;
  r.promise = config.promise;
  r.end_time = end_time;
  r.events = state_.engine.events;
  for (auto& s : state_.stores) finish_accounting(state_, s, end_time);
  r.orders = state_.orders;
  for (const auto& rider : state_.riders)
    r.riders.push_back({rider.id, static_cast<std::int32_t>(rider.store), to_string(rider.vehicle),
                        rider.on_shift, rider.busy, rider.overtime, rider.distance_m,
                        rider.deliveries});
  for (std::size_t i = 0; i < state_.stores.size(); ++i) {
    StoreState& s = state_.stores[i];
    const StoreSetup& site = setup_->stores[i];
    StoreRecord rec{site.cfg.id,
                    site.cfg.location,
                    site.node,
                    s.orders.accepted,
                    s.picking.queue_area_ms,
                    {},
                    {},
                    {}};
    for (std::size_t g = 0; g < s.stock.levels.size(); ++g)
      rec.stock.push_back({config.catalog.groups[g].name, s.stock.stockouts[g],
                           s.stock.levels[g].replenishments(), s.stock.levels[g].on_hand(end_time),
                           s.stock.min_on_hand[g]});
    r.stores.push_back(std::move(rec));
  }
  collect_operations(r);

  const std::size_t hours = static_cast<std::size_t>(end_time / sim::kHour) + 1;
  r.hours.resize(hours);
  for (const auto& s : state_.stores)
    for (std::size_t h = 0; h < std::min(hours, s.fleet.hours.size()); ++h) {
      r.hours[h].rider_on_shift_ms += s.fleet.hours[h].rider_on_shift_ms;
      r.hours[h].rider_busy_ms += s.fleet.hours[h].rider_busy_ms;
    }
  for (std::size_t i = 0; i < state_.stores.size(); ++i) {
    const auto& fleet_hours = state_.stores[i].fleet.hours;
    auto& own = r.stores[i].hours;
    own.resize(hours);
    for (std::size_t h = 0; h < std::min(hours, fleet_hours.size()); ++h) {
      own[h].rider_on_shift_ms = fleet_hours[h].rider_on_shift_ms;
      own[h].rider_busy_ms = fleet_hours[h].rider_busy_ms;
    }
  }
  for (const auto& o : state_.orders) {
    ++r.hours[hour_of(o.placed, hours)].placed;
    if (o.status != OrderStatus::delivered) continue;
    auto& h = r.hours[hour_of(o.delivered, hours)];
    ++h.delivered;
    if (o.delivered - o.placed <= config.promise) ++h.on_time;
  }
  collect_samples(r);
  r.warnings = outcome_warnings(r);
  return r;
}

namespace {

// The times at which a set of orders were placed, delivered, delivered on time and rejected,
// each sorted, to count them at any sample time.
struct OrderTimes {
  std::vector<sim::Time> placed, delivered, on_time, rejected;

  void add(const OrderRecord& o, sim::Time promise) {
    placed.push_back(o.placed);
    if (o.status == OrderStatus::delivered) {
      delivered.push_back(o.delivered);
      if (o.delivered - o.placed <= promise) on_time.push_back(o.delivered);
    } else if (o.status == OrderStatus::rejected) {
      rejected.push_back(o.rejected);
    }
  }
  void sort() {
    for (auto* v : {&placed, &delivered, &on_time, &rejected}) std::sort(v->begin(), v->end());
  }
  void count_into(Sample& m) const {
    const auto upto = [&](const std::vector<sim::Time>& v) {
      return static_cast<std::uint32_t>(std::upper_bound(v.begin(), v.end(), m.time) - v.begin());
    };
    m.placed = upto(placed);
    m.delivered = upto(delivered);
    m.on_time = upto(on_time);
    m.rejected = upto(rejected);
  }
};

}  // namespace

// The city's time series and each store's, on one grid: a closed store keeps its last sample.
void World::collect_samples(RunResult& r) const {
  const WorldConfig& config = setup_->config;
  OrderTimes city;
  std::vector<OrderTimes> own(state_.stores.size());
  for (const auto& o : state_.orders) {
    city.add(o, config.promise);
    if (o.store >= 0 && static_cast<std::size_t>(o.store) < own.size())
      own[o.store].add(o, config.promise);
  }
  city.sort();
  for (auto& t : own) t.sort();
  std::size_t grid = 0;
  for (const auto& s : state_.stores) grid = std::max(grid, s.samples.size());
  for (std::size_t k = 0; k < grid; ++k) {
    Sample m;
    m.time = static_cast<sim::Time>(k) * config.sample_period;
    for (std::size_t i = 0; i < state_.stores.size(); ++i) {
      const auto& s = state_.stores[i];
      Sample x = s.samples.empty() ? Sample{} : s.samples[std::min(k, s.samples.size() - 1)];
      m.in_flight += x.in_flight;
      m.unassigned += x.unassigned;
      m.pick_queue += x.pick_queue;
      m.riders_idle += x.riders_idle;
      m.riders_busy += x.riders_busy;
      m.riders_off += x.riders_off;
      m.drones_airborne += x.drones_airborne;
      m.drones_grounded += x.drones_grounded;
      x.time = m.time;
      own[i].count_into(x);
      r.stores[i].samples.push_back(x);
    }
    city.count_into(m);
    r.samples.push_back(m);
  }
}

// Drones, sensors, thermal traces and costs: merged from the stores in a fixed order.
void World::collect_operations(RunResult& r) const {
  const WorldConfig& config = setup_->config;
  const ColdChainConfig& cc = config.cold_chain;
  if (cc.enabled)
    for (const TempClass& c : cc.classes) {
      r.temp_classes.push_back(c.name);
      r.class_ranges.emplace_back(c.min_c, c.max_c);
    }
  for (const HubConfig& h : config.drones.hubs)
    r.hubs.push_back({h.id, h.location, static_cast<std::uint32_t>(h.store)});
  for (const Drone& d : state_.drones) r.drones.push_back(d.record);
  r.sensors = setup_->sensor_info;
  r.sensors.insert(r.sensors.end(), state_.sensors_added.begin(), state_.sensors_added.end());
  for (const auto& s : state_.stores) {
    r.readings.insert(r.readings.end(), s.cold.readings.begin(), s.cold.readings.end());
    r.traces.insert(r.traces.end(), s.cold.traces.begin(), s.cold.traces.end());
    r.alerts += s.cold.alerts;
  }
  std::sort(r.readings.begin(), r.readings.end(), [](const auto& a, const auto& b) {
    return std::tie(a.time, a.sensor) < std::tie(b.time, b.sensor);
  });
  std::sort(r.traces.begin(), r.traces.end(), [](const auto& a, const auto& b) {
    return std::tie(a.order, a.temp_class) < std::tie(b.order, b.temp_class);
  });
  r.orders_forwarded = state_.orders_forwarded;
  const CostConfig& costs = config.costs;
  for (const RiderRecord& rider : r.riders)
    r.rider_cost += costs.rider_per_hour * static_cast<double>(rider.on_shift) / sim::kHour +
                    costs.rider_per_km * rider.distance_m / 1000;
  for (const DroneRecord& d : r.drones)
    r.drone_cost += costs.drone_per_hour * static_cast<double>(d.airborne) / sim::kHour +
                    costs.drone_per_km * d.distance_m / 1000;
  std::uint32_t by_rider = 0;
  for (const OrderRecord& o : r.orders)
    by_rider += o.status == OrderStatus::delivered && o.mode == Mode::rider;
  for (OrderRecord& o : r.orders)
    if (o.status == OrderStatus::delivered && o.mode == Mode::rider)
      o.cost = r.rider_cost / by_rider;
}

}  // namespace model
