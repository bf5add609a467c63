#include "sim/model/world.h"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cmath>
#include <deque>

#include "routing/dispatch.h"
#include "routing/zone_tree.h"
#include "sim/engine/logical_process.h"
#include "sim/engine/parallel_for.h"
#include "sim/engine/parallel_simulator.h"
#include "sim/engine/random.h"
#include "sim/model/demand.h"

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
// A store's zone reaches this many times its radius along the road: customers inside the radius
// whose road distance is longer than that count as unreachable.
constexpr double kZoneRoadFactor = 3.0;

sim::Time travel_ms(double distance_m, double speed_mps) {
  return static_cast<sim::Time>(std::llround(distance_m / speed_mps * 1000.0));
}

std::size_t hour_of(sim::Time t, std::size_t hours) {
  return std::min(static_cast<std::size_t>(t / sim::kHour), hours - 1);
}

}  // namespace

const char* to_string(RiderState s) {
  switch (s) {
    case RiderState::off_shift:
      return "off_shift";
    case RiderState::idle:
      return "idle";
    case RiderState::to_store:
      return "to_store";
    case RiderState::waiting:
      return "waiting";
    case RiderState::delivering:
      return "delivering";
    case RiderState::returning:
      return "returning";
  }
  return "?";
}

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
  // The current (or last) trip: along `tree` between its root and `far_end`.
  const routing::ZoneTree* tree = nullptr;
  routing::NodeId far_end = routing::kNoNode;
  sim::Time depart = 0;
  sim::Time arrive = 0;
  double distance_m = 0;
  std::uint32_t deliveries = 0;
  sim::Time on_shift = 0;
  sim::Time busy = 0;
};

// One dark store with its pickers and riders: a logical process. It writes only its own state,
// its own riders and the orders it took.
class World::StoreLp : public sim::LogicalProcess {
 public:
  StoreLp(World& world, std::uint32_t index, const StoreConfig& cfg)
      : world_(world),
        cfg_(cfg),
        index_(index),
        node_(world.network_->nearest_node(cfg.location)),
        out_(*world.network_, node_, routing::ZoneTree::Direction::from_root,
             kZoneRoadFactor * cfg.radius_m),
        back_(*world.network_, node_, routing::ZoneTree::Direction::to_root,
              kZoneRoadFactor * cfg.radius_m),
        rng_(world.config_.seed, kStoreStreamBase + index) {
    hours.resize(
        static_cast<std::size_t>((world.config_.duration + world.config_.drain) / sim::kHour) + 2);
  }

  void handle(const sim::Event& event, sim::Context& ctx) override;

  // Schedules what is known before the run: shifts, arrivals, the end of demand, sampling.
  void start(sim::ParallelSimulator& engine, sim::LpId self);
  void finish_accounting(sim::Time end_time);

  const StoreConfig& cfg() const { return cfg_; }
  routing::NodeId node() const { return node_; }
  const routing::ZoneTree& out() const { return out_; }
  const routing::ZoneTree& back() const { return back_; }
  std::vector<std::uint32_t>& riders() { return riders_; }
  std::vector<std::uint32_t>& arrivals() { return arrivals_; }
  sim::Time last_shift_end = 0;

  std::uint32_t accepted_orders = 0;
  double queue_area_ms = 0;
  sim::Time finished_at = -1;  // when the last of its orders was resolved after the demand ended
  std::uint32_t resolved = 0;  // orders delivered or rejected here
  std::vector<Sample> samples;
  std::vector<HourRecord> hours;  // rider time per scenario hour

 private:
  friend class World;  // cross-store dispatch moves riders between stores at barriers
  void on_arrival(sim::Context& ctx, std::uint32_t id);
  void on_pick_done(sim::Context& ctx, std::uint32_t id);
  void on_dispatch(sim::Context& ctx);
  void on_rider_at_store(sim::Context& ctx, std::uint32_t rider);
  void on_delivered(sim::Context& ctx, std::uint32_t rider, std::uint32_t id);
  void on_shift_start(sim::Context& ctx, std::uint32_t rider);
  void on_shift_end(sim::Context& ctx, std::uint32_t rider);
  void on_sample(sim::Context& ctx);

  void start_picking(sim::Context& ctx);
  void request_dispatch(sim::Context& ctx);
  void depart(sim::Context& ctx, Rider& rider);
  void set_state(Rider& rider, RiderState state, sim::Time now);
  void reject(std::uint32_t id, RejectReason reason, sim::Time now);
  void check_finished(sim::Time now);
  void account_queue(sim::Time now);
  sim::Time draw(const Distribution& d);

  World& world_;
  StoreConfig cfg_;
  std::uint32_t index_;
  routing::NodeId node_;
  routing::ZoneTree out_;
  routing::ZoneTree back_;
  sim::RandomStream rng_;
  routing::NearestIdleDispatch policy_;
  std::vector<std::uint32_t> riders_;
  std::vector<std::uint32_t> arrivals_;  // order ids in time order
  std::size_t arrived_ = 0;
  int busy_pickers_ = 0;
  std::deque<std::uint32_t> pick_queue_;
  std::deque<std::uint32_t> unassigned_;
  std::deque<std::uint32_t> idle_;  // longest idle first
  sim::Time queue_since_ = 0;
  sim::Time dispatch_at_ = -1;
  bool demand_over_ = false;
  std::uint32_t open_ = 0;
  std::array<std::uint32_t, kRiderStates> in_state_{};
};

// --- the store's logical process -------------------------------------------------------------

void World::StoreLp::start(sim::ParallelSimulator& engine, sim::LpId self) {
  const sim::Time end = world_.config_.duration + world_.config_.drain;
  in_state_[static_cast<int>(RiderState::off_shift)] = static_cast<std::uint32_t>(riders_.size());
  for (std::uint32_t id : riders_) {
    const Rider& r = world_.riders_[id];
    if (r.shift_start < end)
      engine.schedule(self, r.shift_start, {kShiftStart, id, 0}, kPriorityShiftStart);
    if (r.shift_end < end)
      engine.schedule(self, r.shift_end, {kShiftEnd, id, 0}, kPriorityShiftEnd);
  }
  for (std::uint32_t id : arrivals_)
    engine.schedule(self, world_.orders_[id].placed, {kArrival, id, 0}, kPriorityArrival);
  engine.schedule(self, world_.config_.duration, {kEndOfDemand, 0, 0}, kPriorityEndOfDemand);
  engine.schedule(self, 0, {kSample, 0, 0}, kPrioritySample);
}

void World::StoreLp::handle(const sim::Event& event, sim::Context& ctx) {
  const auto& p = event.payload;
  switch (p.kind) {
    case kArrival:
      on_arrival(ctx, p.a);
      break;
    case kPickDone:
      on_pick_done(ctx, p.a);
      break;
    case kDispatch:
      on_dispatch(ctx);
      break;
    case kRiderAtStore:
      on_rider_at_store(ctx, p.a);
      break;
    case kDelivered:
      on_delivered(ctx, p.a, static_cast<std::uint32_t>(p.b));
      break;
    case kShiftStart:
      on_shift_start(ctx, p.a);
      break;
    case kShiftEnd:
      on_shift_end(ctx, p.a);
      break;
    case kSample:
      on_sample(ctx);
      break;
    case kEndOfDemand:
      demand_over_ = true;
      check_finished(ctx.now());
      break;
    default:
      assert(false && "unknown event kind");
  }
}

void World::StoreLp::on_arrival(sim::Context& ctx, std::uint32_t id) {
  const sim::Time now = ctx.now();
  ++arrived_;
  ++accepted_orders;
  if (now >= last_shift_end) {
    reject(id, RejectReason::no_rider, now);
    return;
  }
  ++open_;
  account_queue(now);
  pick_queue_.push_back(id);
  unassigned_.push_back(id);
  start_picking(ctx);
  request_dispatch(ctx);
}

void World::StoreLp::start_picking(sim::Context& ctx) {
  const sim::Time now = ctx.now();
  while (busy_pickers_ < cfg_.pickers && !pick_queue_.empty()) {
    account_queue(now);
    const std::uint32_t id = pick_queue_.front();
    pick_queue_.pop_front();
    world_.orders_[id].pick_started = now;
    ++busy_pickers_;
    const sim::Time work = draw(cfg_.pick_time) + draw(cfg_.pack_time);
    ctx.schedule(now + work, {kPickDone, id, 0}, kPriorityPicking);
  }
}

void World::StoreLp::on_pick_done(sim::Context& ctx, std::uint32_t id) {
  --busy_pickers_;
  OrderRecord& order = world_.orders_[id];
  if (order.status != OrderStatus::rejected) {
    order.packed = ctx.now();
    if (order.rider >= 0) {
      Rider& rider = world_.riders_[order.rider];
      if (rider.state == RiderState::waiting && rider.order == id) depart(ctx, rider);
    }
  }
  start_picking(ctx);
}

void World::StoreLp::request_dispatch(sim::Context& ctx) {
  const sim::Time epoch = world_.config_.dispatch.epoch;
  const sim::Time now = ctx.now();
  const sim::Time at = epoch > 0 ? (now + epoch - 1) / epoch * epoch : now;
  if (dispatch_at_ >= now && dispatch_at_ <= at) return;
  dispatch_at_ = at;
  ctx.schedule(at, {kDispatch, 0, 0}, kPriorityDispatch);
}

void World::StoreLp::on_dispatch(sim::Context& ctx) {
  const sim::Time now = ctx.now();
  if (dispatch_at_ != now) return;  // superseded by an earlier call
  dispatch_at_ = -1;
  if (unassigned_.empty()) return;
  auto& riders = world_.riders_;
  std::vector<routing::DispatchVehicle> vehicles;
  for (std::uint32_t id : idle_)
    if (riders[id].shift_end > now) vehicles.push_back({id, now, riders[id].capacity});
  for (std::uint32_t id : riders_) {
    const Rider& r = riders[id];
    if (r.state == RiderState::returning && r.order < 0 && r.shift_end > now)
      vehicles.push_back({id, r.arrive, r.capacity});
  }
  if (vehicles.empty()) return;
  // Nearest-idle serves the oldest orders first, so it needs no more jobs than vehicles.
  std::vector<routing::DispatchJob> jobs;
  for (std::uint32_t id : unassigned_) {
    if (jobs.size() == vehicles.size()) break;
    const OrderRecord& o = world_.orders_[id];
    jobs.push_back({id, node_, o.customer, o.packed != sim::kNever ? o.packed : now});
  }
  for (const auto& a : policy_.assign(jobs, vehicles)) {
    OrderRecord& order = world_.orders_[a.job];
    Rider& rider = riders[a.vehicle];
    order.assigned = now;
    order.rider = static_cast<std::int32_t>(rider.id);
    rider.order = a.job;
    if (rider.state == RiderState::idle) {
      idle_.erase(std::find(idle_.begin(), idle_.end(), rider.id));
      if (order.packed != sim::kNever)
        depart(ctx, rider);
      else
        set_state(rider, RiderState::waiting, now);
    } else {
      set_state(rider, RiderState::to_store, now);
    }
    unassigned_.erase(std::find(unassigned_.begin(), unassigned_.end(), a.job));
  }
}

void World::StoreLp::depart(sim::Context& ctx, Rider& rider) {
  const sim::Time now = ctx.now();
  OrderRecord& order = world_.orders_[rider.order];
  order.picked_up = now;
  const double d = out_.distance_m(order.customer);
  rider.tree = &out_;
  rider.far_end = order.customer;
  rider.depart = now;
  rider.arrive = now + travel_ms(d, rider.speed_mps);
  rider.distance_m += d;
  set_state(rider, RiderState::delivering, now);
  ctx.schedule(rider.arrive, {kDelivered, rider.id, order.id}, kPriorityMovement);
}

void World::StoreLp::on_delivered(sim::Context& ctx, std::uint32_t rider_id, std::uint32_t id) {
  const sim::Time now = ctx.now();
  Rider& rider = world_.riders_[rider_id];
  OrderRecord& order = world_.orders_[id];
  order.delivered = now;
  order.status = OrderStatus::delivered;
  --open_;
  ++resolved;
  ++rider.deliveries;
  rider.order = -1;
  const double d = back_.distance_m(order.customer);
  rider.tree = &back_;
  rider.depart = now;
  rider.arrive = now + travel_ms(d, rider.speed_mps);
  rider.distance_m += d;
  set_state(rider, RiderState::returning, now);
  ctx.schedule(rider.arrive, {kRiderAtStore, rider.id, 0}, kPriorityMovement);
  check_finished(now);
}

void World::StoreLp::on_rider_at_store(sim::Context& ctx, std::uint32_t rider_id) {
  const sim::Time now = ctx.now();
  Rider& rider = world_.riders_[rider_id];
  if (rider.order >= 0) {
    if (world_.orders_[rider.order].packed != sim::kNever)
      depart(ctx, rider);
    else
      set_state(rider, RiderState::waiting, now);
  } else if (now >= rider.shift_end || finished_at >= 0) {
    set_state(rider, RiderState::off_shift, now);
  } else {
    set_state(rider, RiderState::idle, now);
    idle_.push_back(rider.id);
    request_dispatch(ctx);
  }
}

void World::StoreLp::on_shift_start(sim::Context& ctx, std::uint32_t rider_id) {
  Rider& rider = world_.riders_[rider_id];
  if (rider.state != RiderState::off_shift || finished_at >= 0) return;
  set_state(rider, RiderState::idle, ctx.now());
  idle_.push_back(rider.id);
  request_dispatch(ctx);
}

void World::StoreLp::on_shift_end(sim::Context& ctx, std::uint32_t rider_id) {
  const sim::Time now = ctx.now();
  Rider& rider = world_.riders_[rider_id];
  // A rider lent to another store gets its shift's end there.
  if (rider.store == index_ && rider.state == RiderState::idle) {
    idle_.erase(std::find(idle_.begin(), idle_.end(), rider.id));
    set_state(rider, RiderState::off_shift, now);
  }
  // Busy riders finish their order and go off shift when back at the store.
  if (now < last_shift_end) return;
  account_queue(now);
  for (std::uint32_t id : unassigned_) {
    reject(id, RejectReason::no_rider, now);
    --open_;
    auto it = std::find(pick_queue_.begin(), pick_queue_.end(), id);
    if (it != pick_queue_.end()) pick_queue_.erase(it);
  }
  unassigned_.clear();
  check_finished(now);
}

void World::StoreLp::on_sample(sim::Context& ctx) {
  Sample s;
  s.time = ctx.now();
  s.in_flight = open_;
  s.unassigned = static_cast<std::uint32_t>(unassigned_.size());
  s.pick_queue = static_cast<std::uint32_t>(pick_queue_.size());
  s.riders_idle = in_state_[static_cast<int>(RiderState::idle)];
  s.riders_off = in_state_[static_cast<int>(RiderState::off_shift)];
  s.riders_busy = static_cast<std::uint32_t>(riders_.size()) - s.riders_idle - s.riders_off;
  samples.push_back(s);
  if (finished_at < 0)
    ctx.schedule(ctx.now() + world_.config_.sample_period, {kSample, 0, 0}, kPrioritySample);
}

void World::StoreLp::reject(std::uint32_t id, RejectReason reason, sim::Time now) {
  OrderRecord& order = world_.orders_[id];
  order.status = OrderStatus::rejected;
  order.reason = reason;
  order.rejected = now;
  ++resolved;
}

// Once the demand is over and every order resolved, the store closes: idle riders go home and
// busy ones when they are back.
void World::StoreLp::check_finished(sim::Time now) {
  if (finished_at >= 0 || !demand_over_ || open_ > 0 || arrived_ < arrivals_.size()) return;
  finished_at = now;
  for (std::uint32_t id : idle_) set_state(world_.riders_[id], RiderState::off_shift, now);
  idle_.clear();
}

void World::StoreLp::set_state(Rider& rider, RiderState state, sim::Time now) {
  // Time in the old state, split over the scenario hours it spans.
  if (rider.state != RiderState::off_shift) {
    const bool busy = rider.state != RiderState::idle;
    rider.on_shift += now - rider.since;
    if (busy) rider.busy += now - rider.since;
    for (sim::Time t = rider.since; t < now;) {
      const std::size_t h = hour_of(t, hours.size());
      const sim::Time upto = std::min<sim::Time>(now, static_cast<sim::Time>(h + 1) * sim::kHour);
      hours[h].rider_on_shift_ms += static_cast<double>(upto - t);
      if (busy) hours[h].rider_busy_ms += static_cast<double>(upto - t);
      t = upto;
    }
  }
  --in_state_[static_cast<int>(rider.state)];
  ++in_state_[static_cast<int>(state)];
  rider.state = state;
  rider.since = now;
}

void World::StoreLp::finish_accounting(sim::Time end_time) {
  for (std::uint32_t id : riders_) {
    Rider& r = world_.riders_[id];
    if (r.since < end_time) set_state(r, r.state, end_time);
  }
  account_queue(end_time);
}

void World::StoreLp::account_queue(sim::Time now) {
  if (now <= queue_since_) return;
  queue_area_ms +=
      static_cast<double>(pick_queue_.size()) * static_cast<double>(now - queue_since_);
  queue_since_ = now;
}

sim::Time World::StoreLp::draw(const Distribution& d) {
  const auto mean = static_cast<double>(d.mean);
  switch (d.kind) {
    case Distribution::Kind::fixed:
      return d.mean;
    case Distribution::Kind::exponential:
      return std::llround(rng_.exponential(mean));
    case Distribution::Kind::lognormal:
      return d.mean > 0 ? std::llround(rng_.lognormal(mean, d.cv)) : 0;
  }
  return d.mean;
}

// --- the world ---------------------------------------------------------------------------------

World::World(WorldConfig config, std::shared_ptr<const routing::RoadNetwork> network, int threads)
    : config_(std::move(config)), network_(std::move(network)), threads_(threads) {
  stores_.resize(config_.stores.size());
  sim::parallel_for_each(stores_.size(), threads_, [&](std::size_t i) {
    stores_[i] = std::make_unique<StoreLp>(*this, static_cast<std::uint32_t>(i), config_.stores[i]);
  });
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
      StoreLp& store = *stores_[r.store];
      store.riders().push_back(r.id);
      store.last_shift_end = std::max(store.last_shift_end, r.shift_end);
      riders_.push_back(r);
    }
  }
  if (config_.dispatch.cross_store) {
    // Any rider of the city may serve any store.
    sim::Time last = 0;
    for (const auto& s : stores_) last = std::max(last, s->last_shift_end);
    for (auto& s : stores_) s->last_shift_end = last;
    lenders_.resize(stores_.size());
    sim::parallel_for_each(stores_.size(), threads_, [&](std::size_t to) {
      for (std::size_t from = 0; from < stores_.size(); ++from) {
        const double d = stores_[from]->out().distance_m(stores_[to]->node());
        if (from != to && d != routing::ZoneTree::kUnreachable)
          lenders_[to].push_back({static_cast<std::uint32_t>(from), d});
      }
      std::sort(lenders_[to].begin(), lenders_[to].end(), [](const auto& a, const auto& b) {
        return std::tie(a.second, a.first) < std::tie(b.second, b.first);
      });
    });
  }
  place_orders();
}

World::~World() = default;

// Draws the whole demand and sends each order to the nearest store (by road) whose radius
// covers the customer; the others are rejected where they are placed.
void World::place_orders() {
  DemandGenerator demand(config_, *network_);
  while (auto req = demand.next()) {
    OrderRecord o;
    o.id = static_cast<std::uint32_t>(orders_.size());
    o.customer = req->customer;
    o.location = req->location;
    o.items = req->items;
    o.placed = req->time;
    orders_.push_back(o);
  }
  sim::parallel_for_each(orders_.size(), threads_, [&](std::size_t i) {
    OrderRecord& o = orders_[i];
    const routing::LatLon where = network_->position(o.customer);
    bool covered = false;
    for (std::size_t s = 0; s < stores_.size(); ++s) {
      const StoreLp& store = *stores_[s];
      if (routing::haversine_m(store.cfg().location, where) > store.cfg().radius_m) continue;
      covered = true;
      const double d = store.out().distance_m(o.customer);
      if (!store.back().reachable(o.customer) || d == routing::ZoneTree::kUnreachable) continue;
      if (o.store < 0 || d < o.distance_m) o.store = static_cast<std::int32_t>(s), o.distance_m = d;
    }
    if (o.store < 0) {
      o.status = OrderStatus::rejected;
      o.reason = covered ? RejectReason::unreachable : RejectReason::out_of_radius;
      o.rejected = o.placed;
      o.distance_m = 0;
    }
  });
  for (const auto& o : orders_)
    if (o.store >= 0) stores_[o.store]->arrivals().push_back(o.id);
}

RunResult World::run(const ProgressFn& progress) {
  const auto wall_start = std::chrono::steady_clock::now();
  // No message ever crosses between stores, so the window only paces progress reports.
  sim::ParallelSimulator engine(config_.sample_period > 0 ? config_.sample_period : sim::kMinute,
                                threads_);
  for (auto& store : stores_) {
    const sim::LpId id = engine.add_process(*store);
    lp_of_store_.push_back(id);
    store->start(engine, id);
  }
  if (config_.dispatch.cross_store && config_.dispatch.epoch > 0)
    engine.set_barrier(config_.dispatch.epoch,
                       [&](sim::Time t) { cross_store_dispatch(t, engine); });
  // Orders are in placement order; those no store took were resolved when placed.
  std::vector<sim::Time> turned_away;
  for (const auto& o : orders_)
    if (o.store < 0) turned_away.push_back(o.placed);
  sim::Simulator::ProgressFn tick;
  if (progress)
    tick = [&](sim::Time now, std::uint64_t) {
      const auto placed =
          std::upper_bound(orders_.begin(), orders_.end(), now,
                           [](sim::Time t, const OrderRecord& o) { return t < o.placed; }) -
          orders_.begin();
      auto resolved =
          std::upper_bound(turned_away.begin(), turned_away.end(), now) - turned_away.begin();
      for (const auto& s : stores_) resolved += s->resolved;
      progress(now, static_cast<std::uint32_t>(placed), static_cast<std::uint32_t>(resolved));
    };
  const sim::Time limit = config_.duration + config_.drain;
  const auto stats = engine.run(limit, tick);
  sim::Time end_time = config_.duration;
  for (const auto& s : stores_)
    end_time = std::max(end_time, s->finished_at >= 0 ? s->finished_at : limit);
  RunResult result = collect(end_time, stats.events);
  result.global_dispatch_seconds = global_dispatch_seconds_;
  result.riders_lent = riders_lent_;
  result.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  return result;
}

// Orders still waiting at a store with no idle rider of its own take an idle rider of another
// store when that rider can be there before the store's own returning riders. Gathering and
// scoring run in parallel over stores and orders; the choice runs in (placed, id) order, so the
// result does not depend on the thread count.
void World::cross_store_dispatch(sim::Time now, sim::ParallelSimulator& engine) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::size_t n = stores_.size();
  // Most epochs nobody waits without a rider: find out before gathering anything.
  bool anyone_waiting = false;
  for (const auto& store : stores_) anyone_waiting |= !store->unassigned_.empty();
  if (!anyone_waiting) {
    global_dispatch_seconds_ +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return;
  }
  struct Need {
    std::uint32_t store, order;
    sim::Time placed;
    sim::Time local_eta;  // when a rider of the store itself could take it
  };
  std::vector<std::vector<Need>> needs_of(n);
  std::vector<std::vector<std::uint32_t>> idle_of(n);
  sim::parallel_for_each(n, threads_, [&](std::size_t s) {
    const StoreLp& store = *stores_[s];
    for (std::uint32_t id : store.idle_)
      if (riders_[id].shift_end > now) idle_of[s].push_back(id);
    if (!idle_of[s].empty() || store.unassigned_.empty()) return;
    std::vector<sim::Time> returning;
    for (std::uint32_t id : store.riders_) {
      const Rider& r = riders_[id];
      if (r.state == RiderState::returning && r.order < 0 && r.shift_end > now)
        returning.push_back(r.arrive);
    }
    std::sort(returning.begin(), returning.end());
    std::size_t k = 0;
    for (std::uint32_t id : store.unassigned_) {
      const sim::Time local = k < returning.size() ? returning[k] : sim::kNever;
      ++k;
      needs_of[s].push_back({static_cast<std::uint32_t>(s), id, orders_[id].placed, local});
    }
  });
  std::vector<Need> needs;
  for (const auto& v : needs_of) needs.insert(needs.end(), v.begin(), v.end());
  if (needs.empty()) {
    global_dispatch_seconds_ +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return;
  }
  std::sort(needs.begin(), needs.end(), [](const Need& a, const Need& b) {
    return std::tie(a.placed, a.order) < std::tie(b.placed, b.order);
  });
  // Scores: for each need, the other stores with idle riders by arrival time of their longest
  // idle rider.
  struct Offer {
    sim::Time eta;
    std::uint32_t store;
    double distance_m;
  };
  std::vector<std::vector<Offer>> offers(needs.size());
  sim::parallel_for_each(needs.size(), threads_, [&](std::size_t i) {
    for (const auto& [s, d] : lenders_[needs[i].store]) {
      if (idle_of[s].empty()) continue;
      const sim::Time eta = now + travel_ms(d, riders_[idle_of[s].front()].speed_mps);
      if (eta < needs[i].local_eta) offers[i].push_back({eta, s, d});
    }
    std::sort(offers[i].begin(), offers[i].end(), [](const Offer& a, const Offer& b) {
      return std::tie(a.eta, a.store) < std::tie(b.eta, b.store);
    });
  });
  std::vector<std::size_t> taken(n, 0);
  for (std::size_t i = 0; i < needs.size(); ++i) {
    for (const Offer& offer : offers[i]) {
      if (taken[offer.store] >= idle_of[offer.store].size()) continue;
      const std::uint32_t rider_id = idle_of[offer.store][taken[offer.store]++];
      StoreLp& from = *stores_[offer.store];
      StoreLp& to = *stores_[needs[i].store];
      Rider& rider = riders_[rider_id];
      OrderRecord& order = orders_[needs[i].order];
      // The rider leaves `from` (its idle time is booked there) and rides to `to`, its new home.
      from.set_state(rider, RiderState::to_store, now);
      --from.in_state_[static_cast<int>(RiderState::to_store)];
      ++to.in_state_[static_cast<int>(RiderState::to_store)];
      from.idle_.erase(std::find(from.idle_.begin(), from.idle_.end(), rider_id));
      from.riders_.erase(std::find(from.riders_.begin(), from.riders_.end(), rider_id));
      to.riders_.push_back(rider_id);
      rider.store = needs[i].store;
      rider.order = order.id;
      rider.tree = &from.out_;
      rider.far_end = to.node_;
      rider.depart = now;
      rider.arrive = offer.eta;
      rider.distance_m += offer.distance_m;
      order.assigned = now;
      order.rider = static_cast<std::int32_t>(rider_id);
      to.unassigned_.erase(std::find(to.unassigned_.begin(), to.unassigned_.end(), order.id));
      const sim::LpId lp = lp_of_store_[needs[i].store];
      engine.schedule(lp, rider.arrive, {kRiderAtStore, rider_id, 0}, kPriorityMovement);
      if (rider.shift_end < config_.duration + config_.drain)
        engine.schedule(lp, rider.shift_end, {kShiftEnd, rider_id, 0}, kPriorityShiftEnd);
      ++riders_lent_;
      break;
    }
  }
  global_dispatch_seconds_ +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Merges what the stores recorded into one result; counts of orders come from their timestamps.
RunResult World::collect(sim::Time end_time, std::uint64_t events) {
  RunResult r;
  r.start_tod = config_.start_tod;
  r.duration = config_.duration;
  r.promise = config_.promise;
  r.end_time = end_time;
  r.events = events;
  for (auto& s : stores_) s->finish_accounting(end_time);
  r.orders = orders_;
  for (const auto& rider : riders_)
    r.riders.push_back({rider.id, static_cast<std::int32_t>(rider.store), to_string(rider.vehicle),
                        rider.on_shift, rider.busy, rider.distance_m, rider.deliveries});
  for (const auto& s : stores_)
    r.stores.push_back(
        {s->cfg().id, s->cfg().location, s->node(), s->accepted_orders, s->queue_area_ms});

  const std::size_t hours = static_cast<std::size_t>(end_time / sim::kHour) + 1;
  r.hours.resize(hours);
  for (const auto& s : stores_)
    for (std::size_t h = 0; h < std::min(hours, s->hours.size()); ++h) {
      r.hours[h].rider_on_shift_ms += s->hours[h].rider_on_shift_ms;
      r.hours[h].rider_busy_ms += s->hours[h].rider_busy_ms;
    }
  std::vector<sim::Time> placed, delivered, on_time, rejected;
  for (const auto& o : orders_) {
    placed.push_back(o.placed);
    ++r.hours[hour_of(o.placed, hours)].placed;
    if (o.status == OrderStatus::delivered) {
      delivered.push_back(o.delivered);
      auto& h = r.hours[hour_of(o.delivered, hours)];
      ++h.delivered;
      if (o.delivered - o.placed <= config_.promise) on_time.push_back(o.delivered), ++h.on_time;
    } else if (o.status == OrderStatus::rejected) {
      rejected.push_back(o.rejected);
    }
  }
  for (auto* v : {&placed, &delivered, &on_time, &rejected}) std::sort(v->begin(), v->end());
  auto count_upto = [](const std::vector<sim::Time>& v, sim::Time t) {
    return static_cast<std::uint32_t>(std::upper_bound(v.begin(), v.end(), t) - v.begin());
  };

  // Every store sampled on the same grid until it closed; a closed store keeps its last sample.
  std::size_t grid = 0;
  for (const auto& s : stores_) grid = std::max(grid, s->samples.size());
  for (std::size_t k = 0; k < grid; ++k) {
    Sample m;
    m.time = static_cast<sim::Time>(k) * config_.sample_period;
    for (const auto& s : stores_) {
      if (s->samples.empty()) continue;
      const Sample& x = s->samples[std::min(k, s->samples.size() - 1)];
      m.in_flight += x.in_flight;
      m.unassigned += x.unassigned;
      m.pick_queue += x.pick_queue;
      m.riders_idle += x.riders_idle;
      m.riders_busy += x.riders_busy;
      m.riders_off += x.riders_off;
    }
    m.placed = count_upto(placed, m.time);
    m.delivered = count_upto(delivered, m.time);
    m.on_time = count_upto(on_time, m.time);
    m.rejected = count_upto(rejected, m.time);
    r.samples.push_back(m);
  }
  return r;
}

routing::LatLon World::rider_position(std::uint32_t rider_id, sim::Time t) const {
  const Rider& rider = riders_[rider_id];
  if (!rider.tree) return network_->position(stores_[rider.store]->node());
  const routing::NodeId home = rider.tree->root();
  const bool outbound = rider.tree->direction() == routing::ZoneTree::Direction::from_root;
  if (t <= rider.depart) return network_->position(outbound ? home : rider.far_end);
  if (t >= rider.arrive) return network_->position(outbound ? rider.far_end : home);
  const double total = rider.tree->distance_m(rider.far_end);
  const double covered = total * static_cast<double>(t - rider.depart) /
                         static_cast<double>(rider.arrive - rider.depart);
  const std::vector<routing::NodeId> path = rider.tree->path(rider.far_end);
  auto along = [&](routing::NodeId n) {
    return outbound ? rider.tree->distance_m(n) : total - rider.tree->distance_m(n);
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
