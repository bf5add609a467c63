// Building a world: the setup (one contraction hierarchy per vehicle profile and congestion
// level, each store's zone, the rides between stores, drone airspace and weather, sensors) and
// the state at time 0 (riders, drones and hubs, stock, the whole demand, the first events).
#include <algorithm>
#include <cassert>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>

#include "routing/geo.h"
#include "sim/engine/parallel_for.h"
#include "sim/engine/parallel_simulator.h"
#include "sim/model/incidents.h"
#include "sim/model/store_lp.h"
#include "sim/model/world.h"

namespace model {

namespace {

StoreSetup make_store(const WorldSetup& w, std::uint32_t index, const StoreConfig& cfg,
                      const routing::ZoneTree::Classes& roads, routing::ModeMask modes) {
  const routing::NodeId node = w.network->nearest_node(cfg.location);
  StoreSetup s{cfg,
               node,
               routing::ZoneTree(*w.network, node, routing::ZoneTree::Direction::from_root,
                                 kZoneRoadFactor * cfg.radius_m, roads, modes),
               routing::ZoneTree(*w.network, node, routing::ZoneTree::Direction::to_root,
                                 kZoneRoadFactor * cfg.radius_m, roads, modes),
               {},
               {},
               {},
               {}};
  const WorldConfig& c = w.config;
  if (c.cold_chain.enabled) {
    s.units.resize(c.cold_chain.classes.size());
    for (const ColdUnitConfig& u : cfg.units) {
      s.units[u.temp_class].emplace(u, c.cold_chain.classes[u.temp_class], c.cold_chain.room_c,
                                    unit_down_windows(c, index, u.temp_class));
      s.unit_classes.push_back(static_cast<std::uint32_t>(u.temp_class));
    }
  }
  return s;
}

// One contraction hierarchy per vehicle profile (and congestion level), shared by its riders.
void build_travel(WorldSetup& w, int threads) {
  const auto start = std::chrono::steady_clock::now();
  const routing::CongestionProfile congestion(w.config.congestion);
  std::map<std::pair<std::string, double>, std::uint32_t> travel_of;
  for (const auto& group : w.config.riders) {
    const auto key = std::pair(std::string(to_string(group.vehicle)), group.speed_kmh);
    auto [it, inserted] = travel_of.try_emplace(key, static_cast<std::uint32_t>(w.travel.size()));
    if (inserted) {
      auto profile = routing::vehicle_profile(key.first, group.speed_kmh);
      if (!profile) throw std::invalid_argument("no vehicle profile named " + key.first);
      w.travel.push_back(std::make_unique<routing::TravelTimes>(w.network, *profile, congestion,
                                                                w.config.routing_cache, threads));
    }
    w.group_travel.push_back(it->second);
  }
  std::set<std::pair<std::uint32_t, int>> classes;
  for (std::size_t g = 0; g < w.config.riders.size(); ++g)
    classes.emplace(w.group_travel[g], w.config.riders[g].capacity);
  w.rider_classes = classes.size();
  w.routing_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void build_stores(WorldSetup& w, int threads) {
  // A store's zone uses the roads every one of its riders may take, and the edges open to every
  // one of their transport modes (a car's for a store without riders).
  const auto& c = w.config;
  std::vector<routing::ZoneTree::Classes> roads(c.stores.size(), routing::ZoneTree::all_classes());
  std::vector<routing::ModeMask> modes(c.stores.size(), 0);
  for (std::size_t g = 0; g < c.riders.size(); ++g) {
    const auto& profile = w.travel[w.group_travel[g]]->profile();
    for (std::size_t k = 0; k < routing::kRoadClassCount; ++k)
      roads[c.riders[g].store][k] = roads[c.riders[g].store][k] && profile.allowed[k];
    modes[c.riders[g].store] |= profile.mode;
  }
  for (auto& m : modes)
    if (m == 0) m = routing::kModeCar;
  std::vector<std::optional<StoreSetup>> built(c.stores.size());
  sim::parallel_for_each(built.size(), threads, [&](std::size_t i) {
    built[i].emplace(make_store(w, static_cast<std::uint32_t>(i), c.stores[i], roads[i], modes[i]));
  });
  for (auto& s : built) w.stores.push_back(std::move(*s));
}

// Each store's legs to and from its customers, by the profiles of its riders at every level:
// one restricted sweep of the hierarchy each, so a rider's leg from or to its store is a lookup.
void build_store_legs(WorldSetup& w, int threads) {
  const auto& c = w.config;
  std::uint32_t slots = 0;
  for (const auto& travel : w.travel) {
    w.level_base.push_back(slots);
    slots += static_cast<std::uint32_t>(travel->level_count());
  }
  w.store_at_node.assign(w.network->node_count(), -1);
  for (std::size_t i = 0; i < w.stores.size(); ++i)
    if (w.store_at_node[w.stores[i].node] < 0)
      w.store_at_node[w.stores[i].node] = static_cast<std::int32_t>(i);
  std::vector<std::vector<bool>> uses(w.stores.size(), std::vector<bool>(w.travel.size(), false));
  for (std::size_t g = 0; g < c.riders.size(); ++g)
    if (c.riders[g].store < w.stores.size()) uses[c.riders[g].store][w.group_travel[g]] = true;
  sim::parallel_for_each(w.stores.size(), threads, [&](std::size_t i) {
    StoreSetup& s = w.stores[i];
    const auto customers = [&](const routing::ZoneTree& zone) {
      std::vector<routing::NodeId> nodes;
      for (const routing::NodeId n : zone.nodes())
        if (routing::haversine_m(s.cfg.location, w.network->position(n)) <= s.cfg.radius_m)
          nodes.push_back(n);
      return nodes;
    };
    const auto out = customers(s.out), back = customers(s.back);
    s.legs_out.resize(slots);
    s.legs_back.resize(slots);
    for (std::size_t t = 0; t < w.travel.size(); ++t) {
      if (!uses[i][t]) continue;
      const routing::TravelTimes& travel = *w.travel[t];
      std::vector<bool> built(travel.level_count(), false);  // by metric
      for (std::uint32_t level = 0; level < travel.level_count(); ++level) {
        const std::uint32_t metric = travel.metric_of(level);
        if (built[metric]) continue;
        built[metric] = true;
        const auto& ch = travel.hierarchy(level);
        const auto lengths = travel.edge_lengths(level);
        s.legs_out[w.level_base[t] + metric] =
            routing::ZoneTimes(ch, lengths, s.node, routing::ZoneTimes::Direction::from_root, out);
        s.legs_back[w.level_base[t] + metric] =
            routing::ZoneTimes(ch, lengths, s.node, routing::ZoneTimes::Direction::to_root, back);
      }
    }
  });
}

// Rides between stores, by every profile at every level, asked once.
void build_lenders(WorldSetup& w, int threads) {
  const std::size_t n = w.stores.size();
  w.lenders.resize(n);
  w.lender_ms.resize(n);
  sim::parallel_for_each(n, threads, [&](std::size_t to) {
    for (std::size_t from = 0; from < n; ++from) {
      const double d = w.stores[from].out.distance_m(w.stores[to].node);
      if (from != to && d != routing::ZoneTree::kUnreachable)
        w.lenders[to].push_back({static_cast<std::uint32_t>(from), d});
    }
    std::sort(w.lenders[to].begin(), w.lenders[to].end(), [](const auto& a, const auto& b) {
      return std::tie(a.second, a.first) < std::tie(b.second, b.first);
    });
    for (const auto& [from, d] : w.lenders[to]) {
      std::vector<routing::Weight> ms;
      for (const auto& travel : w.travel)
        for (std::uint32_t level = 0; level < travel->level_count(); ++level)
          ms.push_back(travel->level_ms(w.stores[from].node, w.stores[to].node, level));
      w.lender_ms[to].push_back(std::move(ms));
    }
  });
}

std::vector<Rider> make_riders(const WorldSetup& w, WorldState& state) {
  const WorldConfig& c = w.config;
  const sim::Time end = c.duration + c.drain;
  std::vector<Rider> riders;
  for (std::size_t g = 0; g < c.riders.size(); ++g) {
    const auto& group = c.riders[g];
    assert(group.store < w.stores.size());
    for (int k = 0; k < group.count; ++k) {
      Rider r;
      r.id = static_cast<std::uint32_t>(riders.size());
      r.store = static_cast<std::uint32_t>(group.store);
      r.vehicle = group.vehicle;
      r.travel = w.group_travel[g];
      r.capacity = group.capacity;
      r.at = w.stores[r.store].node;
      if (group.shift_from_tod >= 0 && group.shift_to_tod >= 0) {
        sim::Time from = group.shift_from_tod - c.start_tod;
        sim::Time to = group.shift_to_tod - c.start_tod;
        if (to <= from) to += sim::kDay;
        if (to <= 0) from += sim::kDay, to += sim::kDay;
        r.shift_start = std::max<sim::Time>(0, from);
        r.shift_end = to;
      } else {
        r.shift_start = 0;
        r.shift_end = end;
      }
      FleetState& fleet = state.stores[r.store].fleet;
      fleet.riders.push_back(r.id);
      fleet.last_shift_end = std::max(fleet.last_shift_end, r.shift_end);
      riders.push_back(r);
    }
  }
  if (c.dispatch.cross_store || c.dispatch.reposition) {
    // Any rider of the city may serve any store.
    sim::Time last = 0;
    for (const auto& s : state.stores) last = std::max(last, s.fleet.last_shift_end);
    for (auto& s : state.stores) s.fleet.last_shift_end = last;
  }
  return riders;
}

// Drone hubs and their fleets, the weather and airspace they fly in, and the cold chain's
// sensors: in the stores' order, then the riders', then the drones'.
void setup_operations(WorldSetup& w, WorldState& state) {
  const WorldConfig& c = w.config;
  const ColdChainConfig& cc = c.cold_chain;
  if (cc.enabled)
    for (std::uint32_t k = 0; k < cc.classes.size(); ++k)
      if (cc.classes[k].cold()) w.cold_classes.push_back(k);
  const DroneConfig& dc = c.drones;
  if (!dc.hubs.empty()) {
    w.flight_weather =
        std::make_unique<FlightWeather>(dc.weather, dc.limits, c.start_tod, grounding_storms(c));
    w.airspace = std::make_unique<routing::Airspace>(dc.no_fly);
  }
  for (std::uint32_t k = 0; k < dc.hubs.size(); ++k) {
    const HubConfig& h = dc.hubs[k];
    Hub hub;
    hub.cfg = k;
    hub.spares_ready.assign(static_cast<std::size_t>(h.spare_batteries), 0);
    if (routing::haversine_m(h.location, w.stores[h.store].cfg.location) >= 1)
      hub.to_store_m = w.airspace->flight_m(h.location, w.stores[h.store].cfg.location);
    for (int i = 0; i < h.drones; ++i) {
      Drone d;
      d.id = static_cast<std::uint32_t>(state.drones.size());
      d.hub = k;
      d.charge_wh = h.spec.battery_wh;
      d.fly_from = d.fly_to = h.location;
      d.record.id = d.id;
      d.record.hub = k;
      hub.drones.push_back(d.id);
      state.drones.push_back(d);
    }
    state.stores[h.store].drones.hubs.push_back(std::move(hub));
  }
  if (!cc.enabled || !cc.sensors.enabled) return;
  const SensorConfig& sc = cc.sensors;
  auto add = [&](std::string id, std::uint32_t k) {
    w.sensor_info.push_back({std::move(id), k});
    const TempClass& cls = cc.classes[k];
    return SensorLog(static_cast<std::uint32_t>(w.sensor_info.size() - 1), cls.min_c, cls.max_c,
                     sc.alert_after, sc.log_period);
  };
  for (std::size_t s = 0; s < w.stores.size(); ++s)
    for (std::uint32_t k : w.stores[s].unit_classes)
      state.stores[s].cold.unit_logs.push_back(
          add("store/" + w.stores[s].cfg.id + "/" + cc.classes[k].name, k));
  for (const Rider& r : state.riders)
    for (std::uint32_t k : w.cold_classes)
      state.rider_logs.push_back(
          add("rider/" + std::to_string(r.id) + "/" + cc.classes[k].name, k));
  for (const Drone& d : state.drones)
    for (std::uint32_t k : w.cold_classes)
      state.drone_logs.push_back(
          add("drone/" + std::to_string(d.id) + "/" + cc.classes[k].name, k));
}

StoreState make_store_state(const WorldSetup& w, std::uint32_t index) {
  const WorldConfig& c = w.config;
  StoreState s;
  s.rng = sim::RandomStream(c.seed, kStoreStreamBase + index);
  s.cold.sensor_rng = sim::RandomStream(c.seed, kSensorStreamBase + index);
  s.picking.pickers = w.stores[index].cfg.pickers;
  s.closed = store_closed_windows(c, index);
  s.fleet.hours.resize(static_cast<std::size_t>((c.duration + c.drain) / sim::kHour) + 2);
  if (c.catalog.enabled)
    for (std::size_t g = 0; g < c.catalog.groups.size(); ++g) {
      const auto& cfg = w.stores[index].cfg;
      const StockPolicy& p = g < cfg.stock.size() ? cfg.stock[g] : c.catalog.groups[g].stock;
      s.stock.levels.emplace_back(p, c.start_tod);
      s.stock.min_on_hand.push_back(s.stock.levels.back().on_hand(0));
      s.stock.stockouts.push_back(0);
    }
  return s;
}

}  // namespace

bool store_open(const StoreState& store, sim::Time t) {
  for (const auto& [from, to] : store.closed)
    if (t >= from && t < to) return false;
  return true;
}

World::World(WorldConfig config, std::shared_ptr<const routing::RoadNetwork> network, int threads)
    : threads_(threads) {
  auto setup = std::make_shared<WorldSetup>();
  WorldSetup& w = *setup;
  w.config = std::move(config);
  w.network = std::move(network);
  add_storm_congestion(w.config);
  build_travel(w, threads_);
  build_stores(w, threads_);
  build_store_legs(w, threads_);
  for (std::uint32_t i = 0; i < w.stores.size(); ++i)
    state_.stores.push_back(make_store_state(w, i));
  state_.riders = make_riders(w, state_);
  state_.policy = w.config.dispatch.policy;
  if (w.config.dispatch.cross_store || w.config.dispatch.reposition) build_lenders(w, threads_);
  setup_operations(w, state_);
  place_orders(w, state_, threads_);
  setup_ = std::move(setup);
  make_processes();
  // The first events, numbered as each store schedules them.
  sim::ParallelSimulator engine(lookahead(), 1);
  for (auto& p : processes_) engine.add_process(*p);
  for (std::uint32_t i = 0; i < processes_.size(); ++i) {
    auto& fleet = state_.stores[i].fleet;
    fleet.in_state[static_cast<int>(RiderState::off_shift)] =
        static_cast<std::uint32_t>(fleet.riders.size());
    processes_[i]->schedule_start(engine, i);
  }
  state_.engine = engine.save(0);
}

World::World(std::shared_ptr<const WorldSetup> setup, WorldState state, int threads)
    : setup_(std::move(setup)), state_(std::move(state)), threads_(threads) {
  make_processes();
}

World::~World() = default;

void World::restore(WorldState state) {
  const WorldSetup& w = *setup_;
  const WorldConfig& c = w.config;
  auto fail = [](const std::string& what, std::size_t got, std::size_t want) {
    throw std::invalid_argument("the state does not fit the world: " + what + " " +
                                std::to_string(got) + ", the world has " + std::to_string(want));
  };
  std::size_t riders = 0, drones = 0;
  for (const auto& g : c.riders) riders += static_cast<std::size_t>(std::max(0, g.count));
  for (const auto& h : c.drones.hubs) drones += static_cast<std::size_t>(std::max(0, h.drones));
  const bool sensors = c.cold_chain.enabled && c.cold_chain.sensors.enabled;
  const std::size_t classes = sensors ? w.cold_classes.size() : 0;
  if (state.stores.size() != w.stores.size()) fail("stores", state.stores.size(), w.stores.size());
  if (state.engine.seqs.size() != w.stores.size())
    fail("logical processes", state.engine.seqs.size(), w.stores.size());
  for (const sim::Event& e : state.engine.pending)
    if (e.target >= w.stores.size() || e.source >= w.stores.size())
      fail("an event for logical process", std::max(e.target, e.source), w.stores.size());
  if (state.riders.size() < riders) fail("riders", state.riders.size(), riders);
  if (state.drones.size() != drones) fail("drones", state.drones.size(), drones);
  if (state.rider_logs.size() != state.riders.size() * classes)
    fail("rider sensors", state.rider_logs.size(), state.riders.size() * classes);
  if (state.drone_logs.size() != drones * classes)
    fail("drone sensors", state.drone_logs.size(), drones * classes);
  const std::size_t orders = state.orders.size();
  if (state.baskets.size() != orders || state.litres.size() != orders ||
      (!state.tried.empty() && state.tried.size() != orders))
    fail("orders with baskets", state.baskets.size(), orders);
  for (const Rider& r : state.riders)
    if (r.store >= w.stores.size() || r.travel >= w.travel.size())
      fail("a rider at store", r.store, w.stores.size());
  state_ = std::move(state);
  make_processes();  // the dispatch policy named by the state, fresh route caches
}

void World::make_processes() {
  processes_.clear();
  for (std::uint32_t i = 0; i < setup_->stores.size(); ++i)
    processes_.push_back(std::make_unique<StoreLp>(*setup_, state_, i));
}

}  // namespace model
