#include "sim/model/world.h"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cmath>

namespace model {

namespace {

enum Kind : std::uint16_t {
  kArrival = 1,
  kPickDone,
  kDispatch,
  kRiderAtStore,
  kDelivered,
  kShiftStart,
  kShiftEnd,
  kSample,
  kEndOfDemand,
};

// Among events at the same instant: riders come on shift first, state changes next, then
// arrivals, and dispatch and sampling last so that they see everything that happened then.
enum Priority : std::uint16_t {
  kPriorityShiftStart = 0,
  kPriorityMovement = 1,
  kPriorityPicking = 2,
  kPriorityArrival = 3,
  kPriorityShiftEnd = 4,
  kPriorityEndOfDemand = 5,
  kPriorityDispatch = 6,
  kPrioritySample = 7,
};

constexpr std::uint64_t kStoreStreamBase = 0x1000;

sim::Time travel_ms(double distance_m, double speed_mps) {
  return static_cast<sim::Time>(std::llround(distance_m / speed_mps * 1000.0));
}

}  // namespace

const char* to_string(RiderState s) {
  switch (s) {
    case RiderState::off_shift: return "off_shift";
    case RiderState::idle: return "idle";
    case RiderState::to_store: return "to_store";
    case RiderState::waiting: return "waiting";
    case RiderState::delivering: return "delivering";
    case RiderState::returning: return "returning";
  }
  return "?";
}

struct World::Store {
  Store(const StoreConfig& c, routing::NodeId n, const routing::RoadNetwork& net, std::uint64_t seed,
        std::uint64_t index)
      : cfg(c),
        index(static_cast<std::uint32_t>(index)),
        node(n),
        out(net, n, routing::ShortestPathTree::Direction::from_root),
        back(net, n, routing::ShortestPathTree::Direction::to_root),
        rng(seed, kStoreStreamBase + index) {}

  StoreConfig cfg;
  std::uint32_t index;
  routing::NodeId node;
  routing::ShortestPathTree out;
  routing::ShortestPathTree back;
  sim::RandomStream rng;
  int busy_pickers = 0;
  std::deque<std::uint32_t> pick_queue;
  std::deque<std::uint32_t> unassigned;
  std::deque<std::uint32_t> idle;  // idle riders, longest idle first
  std::vector<std::uint32_t> riders;
  sim::Time last_shift_end = 0;
  sim::Time queue_since = 0;
  double queue_area_ms = 0;
  std::uint32_t orders = 0;
};

struct World::Rider {
  std::uint32_t id = 0;
  std::uint32_t store = 0;
  Vehicle vehicle = Vehicle::ebike;
  double speed_mps = 5;
  int capacity = 1;
  sim::Time shift_start = 0;
  sim::Time shift_end = sim::kNever;
  RiderState state = RiderState::off_shift;
  sim::Time since = 0;
  std::int64_t order = -1;
  Trip trip;
  double distance_m = 0;
  std::uint32_t deliveries = 0;
  sim::Time on_shift = 0;
  sim::Time busy = 0;
};

World::World(WorldConfig config, std::shared_ptr<const routing::RoadNetwork> network)
    : config_(std::move(config)), network_(std::move(network)) {
  for (std::size_t i = 0; i < config_.stores.size(); ++i) {
    const auto& sc = config_.stores[i];
    stores_.push_back(std::make_unique<Store>(sc, network_->nearest_node(sc.location), *network_,
                                              config_.seed, i));
  }
  const sim::Time end = config_.duration + config_.drain;
  for (const auto& group : config_.riders) {
    assert(group.store < stores_.size());
    for (int k = 0; k < group.count; ++k) {
      Rider r;
      r.id = static_cast<std::uint32_t>(riders_.size());
      r.store = static_cast<std::uint32_t>(group.store);
      r.vehicle = group.vehicle;
      r.speed_mps = group.speed_kmh / 3.6;
      r.capacity = group.capacity;
      if (group.shift_from_tod >= 0 && group.shift_to_tod >= 0) {
        sim::Time from = group.shift_from_tod - config_.start_tod;
        sim::Time to = group.shift_to_tod - config_.start_tod;
        if (to <= from) to += sim::kDay;
        if (to <= 0) from += sim::kDay, to += sim::kDay;
        r.shift_start = std::max<sim::Time>(0, from);
        r.shift_end = to;
      } else {
        r.shift_start = 0;
        r.shift_end = end;
      }
      auto& store = *stores_[r.store];
      store.riders.push_back(r.id);
      store.last_shift_end = std::max(store.last_shift_end, r.shift_end);
      riders_.push_back(r);
    }
  }
  riders_in_state_[static_cast<int>(RiderState::off_shift)] =
      static_cast<std::uint32_t>(riders_.size());
  demand_ = std::make_unique<DemandGenerator>(config_, *network_);
  policy_ = std::make_unique<routing::NearestIdleDispatch>();
  result_.hours.resize(static_cast<std::size_t>(end / sim::kHour) + 2);
}

World::~World() = default;

RunResult World::run(const ProgressFn& progress) {
  const auto wall_start = std::chrono::steady_clock::now();
  sim::Simulator simulator;
  const sim::LpId self = simulator.add_process(*this);
  const sim::Time end = config_.duration + config_.drain;

  for (const auto& r : riders_) {
    if (r.shift_start < end)
      simulator.schedule(self, r.shift_start, {kShiftStart, r.id, 0}, kPriorityShiftStart);
    if (r.shift_end < end)
      simulator.schedule(self, r.shift_end, {kShiftEnd, r.id, 0}, kPriorityShiftEnd);
  }
  if (auto first = demand_->next()) {
    pending_request_ = *first;
    simulator.schedule(self, first->time, {kArrival, 0, 0}, kPriorityArrival);
  }
  simulator.schedule(self, config_.duration, {kEndOfDemand, 0, 0}, kPriorityEndOfDemand);
  simulator.schedule(self, 0, {kSample, 0, 0}, kPrioritySample);

  sim::Simulator::ProgressFn tick;
  if (progress)
    tick = [&](sim::Time now, std::uint64_t) { progress(now, placed_, delivered_ + rejected_); };
  const sim::RunStats stats = simulator.run(end, tick);
  const sim::Time end_time = stats.stopped ? stats.end_time : end;

  result_.start_tod = config_.start_tod;
  result_.duration = config_.duration;
  result_.promise = config_.promise;
  result_.end_time = end_time;
  result_.events = stats.events;
  result_.orders = orders_;
  for (auto& r : riders_) {
    set_state(r, r.state, end_time);
    result_.riders.push_back({r.id, static_cast<std::int32_t>(r.store), to_string(r.vehicle),
                              r.on_shift, r.busy, r.distance_m, r.deliveries});
  }
  for (auto& s : stores_) {
    account_queue(*s, end_time);
    result_.stores.push_back({s->cfg.id, s->cfg.location, s->node, s->orders, s->queue_area_ms});
  }
  result_.hours.resize(std::min(result_.hours.size(), hour_index(end_time) + 1));
  result_.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  return std::move(result_);
}

void World::handle(const sim::Event& event, sim::Context& ctx) {
  const auto& p = event.payload;
  switch (p.kind) {
    case kArrival: on_arrival(ctx); break;
    case kPickDone: on_pick_done(ctx, p.a, static_cast<std::uint32_t>(p.b)); break;
    case kDispatch: on_dispatch(ctx); break;
    case kRiderAtStore: on_rider_at_store(ctx, p.a); break;
    case kDelivered: on_delivered(ctx, p.a, static_cast<std::uint32_t>(p.b)); break;
    case kShiftStart: on_shift_start(ctx, p.a); break;
    case kShiftEnd: on_shift_end(ctx, p.a); break;
    case kSample: on_sample(ctx); break;
    case kEndOfDemand:
      demand_over_ = true;
      resolve(ctx);
      break;
    default: assert(false && "unknown event kind");
  }
}

void World::on_arrival(sim::Context& ctx) {
  const sim::Time now = ctx.now();
  const OrderRequest req = pending_request_;
  OrderRecord o;
  o.id = static_cast<std::uint32_t>(orders_.size());
  o.customer = req.customer;
  o.location = req.location;
  o.items = req.items;
  o.placed = now;
  ++placed_;
  ++result_.hours[hour_index(now)].placed;

  // The nearest store by road among those whose radius covers the customer.
  const routing::LatLon where = network_->position(req.customer);
  std::int32_t best = -1;
  bool covered = false;
  for (std::size_t s = 0; s < stores_.size(); ++s) {
    const Store& store = *stores_[s];
    if (routing::haversine_m(store.cfg.location, where) > store.cfg.radius_m) continue;
    covered = true;
    if (!store.out.reachable(req.customer) || !store.back.reachable(req.customer)) continue;
    if (best < 0 || store.out.distance_m(req.customer) < stores_[best]->out.distance_m(req.customer))
      best = static_cast<std::int32_t>(s);
  }
  orders_.push_back(o);
  if (best < 0) {
    reject(o.id, covered ? RejectReason::unreachable : RejectReason::out_of_radius, now);
  } else {
    Store& store = *stores_[best];
    OrderRecord& order = orders_.back();
    order.store = best;
    order.distance_m = store.out.distance_m(req.customer);
    ++store.orders;
    if (now >= store.last_shift_end) {
      reject(o.id, RejectReason::no_rider, now);
    } else {
      ++open_;
      account_queue(store, now);
      store.pick_queue.push_back(o.id);
      ++pick_queue_;
      store.unassigned.push_back(o.id);
      ++unassigned_;
      start_picking(ctx, store);
      request_dispatch(ctx);
    }
  }
  if (auto next = demand_->next()) {
    pending_request_ = *next;
    ctx.schedule(next->time, {kArrival, 0, 0}, kPriorityArrival);
  }
}

void World::start_picking(sim::Context& ctx, Store& store) {
  const sim::Time now = ctx.now();
  while (store.busy_pickers < store.cfg.pickers && !store.pick_queue.empty()) {
    account_queue(store, now);
    const std::uint32_t id = store.pick_queue.front();
    store.pick_queue.pop_front();
    --pick_queue_;
    orders_[id].pick_started = now;
    ++store.busy_pickers;
    const sim::Time work =
        sample_draw(store.cfg.pick_time, store.rng) + sample_draw(store.cfg.pack_time, store.rng);
    ctx.schedule(now + work, {kPickDone, store.index, id},
                 kPriorityPicking);
  }
}

void World::on_pick_done(sim::Context& ctx, std::uint32_t store_index, std::uint32_t id) {
  Store& store = *stores_[store_index];
  --store.busy_pickers;
  OrderRecord& order = orders_[id];
  if (order.status != OrderStatus::rejected) {
    order.packed = ctx.now();
    if (order.rider >= 0) {
      Rider& rider = riders_[order.rider];
      if (rider.state == RiderState::waiting && rider.order == id) depart(ctx, rider);
    }
  }
  start_picking(ctx, store);
}

void World::request_dispatch(sim::Context& ctx) {
  const sim::Time epoch = config_.dispatch.epoch;
  const sim::Time now = ctx.now();
  const sim::Time at = epoch > 0 ? (now + epoch - 1) / epoch * epoch : now;
  if (dispatch_at_ >= now && dispatch_at_ <= at) return;
  dispatch_at_ = at;
  ctx.schedule(at, {kDispatch, 0, 0}, kPriorityDispatch);
}

void World::on_dispatch(sim::Context& ctx) {
  const sim::Time now = ctx.now();
  if (dispatch_at_ != now) return;  // superseded by an earlier call
  dispatch_at_ = -1;
  std::vector<routing::DispatchVehicle> vehicles;
  std::vector<routing::DispatchJob> jobs;
  for (auto& store_ptr : stores_) {
    Store& store = *store_ptr;
    if (store.unassigned.empty()) continue;
    vehicles.clear();
    for (std::uint32_t id : store.idle)
      if (riders_[id].shift_end > now) vehicles.push_back({id, now, riders_[id].capacity});
    for (std::uint32_t id : store.riders) {
      const Rider& r = riders_[id];
      if (r.state == RiderState::returning && r.order < 0 && r.shift_end > now)
        vehicles.push_back({id, r.trip.arrive, r.capacity});
    }
    if (vehicles.empty()) continue;
    // Nearest-idle serves the oldest orders first, so it needs no more jobs than vehicles.
    jobs.clear();
    for (std::uint32_t id : store.unassigned) {
      if (jobs.size() == vehicles.size()) break;
      const OrderRecord& o = orders_[id];
      jobs.push_back({id, store.node, o.customer, o.packed != sim::kNever ? o.packed : now});
    }
    for (const auto& a : policy_->assign(jobs, vehicles)) {
      OrderRecord& order = orders_[a.job];
      Rider& rider = riders_[a.vehicle];
      order.assigned = now;
      order.rider = static_cast<std::int32_t>(rider.id);
      rider.order = a.job;
      if (rider.state == RiderState::idle) {
        store.idle.erase(std::find(store.idle.begin(), store.idle.end(), rider.id));
        if (order.packed != sim::kNever)
          depart(ctx, rider);
        else
          set_state(rider, RiderState::waiting, now);
      } else {
        set_state(rider, RiderState::to_store, now);
      }
      store.unassigned.erase(std::find(store.unassigned.begin(), store.unassigned.end(), a.job));
      --unassigned_;
    }
  }
}

void World::depart(sim::Context& ctx, Rider& rider) {
  const sim::Time now = ctx.now();
  Store& store = *stores_[rider.store];
  OrderRecord& order = orders_[rider.order];
  order.picked_up = now;
  const double d = store.out.distance_m(order.customer);
  rider.trip = {&store.out, order.customer, now, now + travel_ms(d, rider.speed_mps)};
  rider.distance_m += d;
  set_state(rider, RiderState::delivering, now);
  ctx.schedule(rider.trip.arrive, {kDelivered, rider.id, order.id}, kPriorityMovement);
}

void World::on_delivered(sim::Context& ctx, std::uint32_t rider_id, std::uint32_t id) {
  const sim::Time now = ctx.now();
  Rider& rider = riders_[rider_id];
  Store& store = *stores_[rider.store];
  OrderRecord& order = orders_[id];
  order.delivered = now;
  order.status = OrderStatus::delivered;
  --open_;
  ++delivered_;
  auto& hour = result_.hours[hour_index(now)];
  ++hour.delivered;
  if (now - order.placed <= config_.promise) ++on_time_, ++hour.on_time;
  ++rider.deliveries;
  rider.order = -1;
  const double d = store.back.distance_m(order.customer);
  rider.trip = {&store.back, order.customer, now, now + travel_ms(d, rider.speed_mps)};
  rider.distance_m += d;
  set_state(rider, RiderState::returning, now);
  ctx.schedule(rider.trip.arrive, {kRiderAtStore, rider.id, 0}, kPriorityMovement);
  resolve(ctx);
}

void World::on_rider_at_store(sim::Context& ctx, std::uint32_t rider_id) {
  const sim::Time now = ctx.now();
  Rider& rider = riders_[rider_id];
  rider.trip = {};
  if (rider.order >= 0) {
    if (orders_[rider.order].packed != sim::kNever)
      depart(ctx, rider);
    else
      set_state(rider, RiderState::waiting, now);
  } else if (now >= rider.shift_end) {
    set_state(rider, RiderState::off_shift, now);
  } else {
    set_state(rider, RiderState::idle, now);
    stores_[rider.store]->idle.push_back(rider.id);
    request_dispatch(ctx);
  }
}

void World::on_shift_start(sim::Context& ctx, std::uint32_t rider_id) {
  Rider& rider = riders_[rider_id];
  if (rider.state != RiderState::off_shift) return;
  set_state(rider, RiderState::idle, ctx.now());
  stores_[rider.store]->idle.push_back(rider.id);
  request_dispatch(ctx);
}

void World::on_shift_end(sim::Context& ctx, std::uint32_t rider_id) {
  const sim::Time now = ctx.now();
  Rider& rider = riders_[rider_id];
  Store& store = *stores_[rider.store];
  if (rider.state == RiderState::idle) {
    store.idle.erase(std::find(store.idle.begin(), store.idle.end(), rider.id));
    set_state(rider, RiderState::off_shift, now);
  }
  // Busy riders finish their order and go off shift when back at the store.
  if (now < store.last_shift_end) return;
  account_queue(store, now);
  for (std::uint32_t id : store.unassigned) {
    reject(id, RejectReason::no_rider, now);
    --open_;
    auto it = std::find(store.pick_queue.begin(), store.pick_queue.end(), id);
    if (it != store.pick_queue.end()) store.pick_queue.erase(it), --pick_queue_;
  }
  unassigned_ -= static_cast<std::uint32_t>(store.unassigned.size());
  store.unassigned.clear();
  resolve(ctx);
}

void World::on_sample(sim::Context& ctx) {
  Sample s;
  s.time = ctx.now();
  s.placed = placed_;
  s.delivered = delivered_;
  s.on_time = on_time_;
  s.rejected = rejected_;
  s.in_flight = open_;
  s.unassigned = unassigned_;
  s.pick_queue = pick_queue_;
  s.riders_idle = riders_in_state_[static_cast<int>(RiderState::idle)];
  s.riders_off = riders_in_state_[static_cast<int>(RiderState::off_shift)];
  s.riders_busy = static_cast<std::uint32_t>(riders_.size()) - s.riders_idle - s.riders_off;
  result_.samples.push_back(s);
  ctx.schedule(ctx.now() + config_.sample_period, {kSample, 0, 0}, kPrioritySample);
}

void World::reject(std::uint32_t id, RejectReason reason, sim::Time now) {
  OrderRecord& order = orders_[id];
  order.status = OrderStatus::rejected;
  order.reason = reason;
  order.rejected = now;
  ++rejected_;
}

void World::resolve(sim::Context& ctx) {
  if (demand_over_ && open_ == 0) ctx.request_stop();
}

void World::set_state(Rider& rider, RiderState state, sim::Time now) {
  // Time in the old state, split over the scenario hours it spans.
  if (rider.state != RiderState::off_shift) {
    const bool busy = rider.state != RiderState::idle;
    rider.on_shift += now - rider.since;
    if (busy) rider.busy += now - rider.since;
    for (sim::Time t = rider.since; t < now;) {
      const std::size_t h = hour_index(t);
      const sim::Time upto = std::min<sim::Time>(now, static_cast<sim::Time>(h + 1) * sim::kHour);
      auto& hour = result_.hours[h];
      hour.rider_on_shift_ms += static_cast<double>(upto - t);
      if (busy) hour.rider_busy_ms += static_cast<double>(upto - t);
      t = upto;
    }
  }
  --riders_in_state_[static_cast<int>(rider.state)];
  ++riders_in_state_[static_cast<int>(state)];
  rider.state = state;
  rider.since = now;
}

void World::account_queue(Store& store, sim::Time now) {
  store.queue_area_ms +=
      static_cast<double>(store.pick_queue.size()) * static_cast<double>(now - store.queue_since);
  store.queue_since = now;
}

sim::Time World::sample_draw(const Distribution& d, sim::RandomStream& rng) const {
  const auto mean = static_cast<double>(d.mean);
  switch (d.kind) {
    case Distribution::Kind::fixed: return d.mean;
    case Distribution::Kind::exponential: return std::llround(rng.exponential(mean));
    case Distribution::Kind::lognormal: return d.mean > 0 ? std::llround(rng.lognormal(mean, d.cv)) : 0;
  }
  return d.mean;
}

std::size_t World::hour_index(sim::Time t) const {
  return std::min(static_cast<std::size_t>(t / sim::kHour), result_.hours.size() - 1);
}

routing::LatLon World::rider_position(std::uint32_t rider_id, sim::Time t) const {
  const Rider& rider = riders_[rider_id];
  const Store& store = *stores_[rider.store];
  const Trip& trip = rider.trip;
  if (!trip.tree || t <= trip.depart) {
    return trip.tree && trip.tree->direction() == routing::ShortestPathTree::Direction::to_root
               ? network_->position(trip.far_end)
               : network_->position(store.node);
  }
  const bool outbound = trip.tree->direction() == routing::ShortestPathTree::Direction::from_root;
  if (t >= trip.arrive) return network_->position(outbound ? trip.far_end : store.node);
  const double total = trip.tree->distance_m(trip.far_end);
  const double covered = total * static_cast<double>(t - trip.depart) /
                         static_cast<double>(trip.arrive - trip.depart);
  const std::vector<routing::NodeId> path = trip.tree->path(trip.far_end);
  auto along = [&](routing::NodeId n) {
    return outbound ? trip.tree->distance_m(n) : total - trip.tree->distance_m(n);
  };
  for (std::size_t i = 1; i < path.size(); ++i) {
    const double a = along(path[i - 1]), b = along(path[i]);
    if (covered <= b) {
      const double f = b > a ? (covered - a) / (b - a) : 0;
      const auto p = network_->position(path[i - 1]), q = network_->position(path[i]);
      return {p.lat + f * (q.lat - p.lat), p.lon + f * (q.lon - p.lon)};
    }
  }
  return network_->position(path.back());
}

}  // namespace model
