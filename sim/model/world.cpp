#include "sim/model/world.h"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cmath>
#include <deque>
#include <limits>
#include <map>
#include <unordered_map>

#include "routing/airspace.h"
#include "routing/dispatch.h"
#include "routing/travel_times.h"
#include "routing/zone_tree.h"
#include "sim/engine/logical_process.h"
#include "sim/engine/parallel_for.h"
#include "sim/engine/parallel_simulator.h"
#include "sim/engine/random.h"
#include "sim/model/cold_unit.h"
#include "sim/model/demand.h"
#include "sim/model/sensor_log.h"
#include "sim/model/stock.h"
#include "sim/model/thermal.h"
#include "sim/model/weather.h"

namespace model {

namespace {

enum Kind : std::uint16_t {
  kArrival = 1,
  kPickDone,
  kDispatch,
  kLegDone,
  kShiftStart,
  kShiftEnd,
  kSample,
  kEndOfDemand,
  kDrone,   // a drone's flight phase ends (b: the DronePhase)
  kSensor,  // the store's sensors read
};

enum DronePhase : std::uint32_t {
  kAtStore = 1,  // landed at the store, from a hub elsewhere
  kDropped,      // lowered the parcel at the door or drop point
  kAbort,        // the weather turned: back to the store
  kAborted,      // landed back at the store with the goods
  kHome,         // landed at its hub
  kSwapDone,
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
constexpr std::uint64_t kSensorStreamBase = 0x2000;
constexpr std::uint64_t kBasketStream = 0x3000;
// A drone back at its hub with less than this share of its battery takes a charged spare.
constexpr double kSwapBelow = 0.5;
// Riders are repositioned at the first dispatch epoch of every such period: moving a rider costs
// a ride without an order, so the forecast it follows must be more than noise.
constexpr sim::Time kRepositionPeriod = 10 * sim::kMinute;
// A store's zone reaches this many times its radius along the road: customers inside the radius
// whose road distance is longer than that count as unreachable.
constexpr double kZoneRoadFactor = 3.0;

double seconds(sim::Time t) { return static_cast<double>(t) / 1000.0; }

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
  std::uint32_t travel = 0;  // index into World::travel_
  int capacity = 1;
  sim::Time shift_start = 0;
  sim::Time shift_end = sim::kNever;
  RiderState state = RiderState::off_shift;
  sim::Time since = 0;
  // Stops still to do (job = order id); pickups are at the store.
  std::vector<routing::Stop> plan;
  std::vector<std::uint32_t> onboard;
  // Where it is, or where its current leg ends.
  routing::NodeId at = routing::kNoNode;
  // The current (or last) leg.
  routing::NodeId leg_from = routing::kNoNode;
  std::uint32_t leg_level = 0;
  sim::Time depart = 0;
  sim::Time arrive = 0;
  double distance_m = 0;
  std::uint32_t deliveries = 0;
  sim::Time on_shift = 0;
  sim::Time busy = 0;
};

enum class DroneState : std::uint8_t { idle, to_store, waiting, delivering, returning, swapping };

struct World::Drone {
  std::uint32_t id = 0;
  std::uint32_t hub = 0;  // index into WorldConfig::drones.hubs
  DroneState state = DroneState::idle;
  double charge_wh = 0;         // at charge_since
  sim::Time charge_since = -1;  // charging in place since then; -1: not charging
  std::int32_t order = -1;
  // The delivery under way: where it lowers the parcel, the customer's walk from there, and
  // the flights' lengths.
  routing::LatLon dest;
  sim::Time walk = 0;
  double to_store_m = 0, out_m = 0, back_m = 0;
  double planned_wh = 0;      // out and back, taken from the battery at take-off
  sim::Time cruise_from = 0;  // the outbound cruise started then
  double aborted_at_m = 0;    // how far out it turned back
  // The current (or last) flight, for its position; it is at fly_to after it.
  routing::LatLon fly_from, fly_to;
  sim::Time fly_depart = 0, fly_arrive = 0;
  DroneRecord record;
};

// An order's chilled and frozen goods on their way from the store's unit to the door: where
// they are, and per cold line its temperature path (analytic between changes of surroundings).
struct Goods {
  enum class Place : std::uint8_t { picking, staged, carried };
  struct Line {
    std::uint32_t temp_class;
    std::uint32_t items;
    ThermalTracker tracker;
    sim::Time since;
    sim::Time before = 0;  // out of range in the unit before it was picked
    double env_c = std::numeric_limits<double>::quiet_NaN(), tau_s = 0;
    double peak_c;
    double peak_off = 0;  // how far peak_c lies outside the range
    std::vector<ThermalPoint> trace;
  };
  Place place = Place::picking;
  const Enclosure* enclosure = nullptr;
  sim::Time ice_until = -1, door_until = -1;
  std::vector<Line> lines;
};

struct Surroundings {
  double env_c, tau_s;
  sim::Time until;  // constant up to then
};

// One dark store with its pickers and riders: a logical process. It writes only its own state,
// its own riders and the orders it took.
class World::StoreLp : public sim::LogicalProcess {
 public:
  StoreLp(World& world, std::uint32_t index, const StoreConfig& cfg,
          const routing::ZoneTree::Classes& roads)
      : world_(world),
        cfg_(cfg),
        index_(index),
        node_(world.network_->nearest_node(cfg.location)),
        out_(*world.network_, node_, routing::ZoneTree::Direction::from_root,
             kZoneRoadFactor * cfg.radius_m, roads),
        back_(*world.network_, node_, routing::ZoneTree::Direction::to_root,
              kZoneRoadFactor * cfg.radius_m, roads),
        rng_(world.config_.seed, kStoreStreamBase + index),
        policy_(routing::make_dispatch_policy(world.config_.dispatch.policy)),
        sensor_rng_(world.config_.seed, kSensorStreamBase + index) {
    if (!policy_)
      throw std::invalid_argument("no dispatch policy named '" + world.config_.dispatch.policy +
                                  "'");
    hours.resize(
        static_cast<std::size_t>((world.config_.duration + world.config_.drain) / sim::kHour) + 2);
    const WorldConfig& w = world.config_;
    if (w.cold_chain.enabled) {
      units_.resize(w.cold_chain.classes.size());
      for (const ColdUnitConfig& u : cfg.units) {
        std::vector<std::pair<sim::Time, sim::Time>> downs;
        for (const Incident& inc : w.incidents)
          if (inc.kind == Incident::Kind::unit_down && inc.store == index &&
              inc.temp_class == u.temp_class)
            downs.emplace_back(inc.from, inc.to);
        units_[u.temp_class] = std::make_unique<ColdUnit>(u, w.cold_chain.classes[u.temp_class],
                                                          w.cold_chain.room_c, std::move(downs));
        unit_classes_.push_back(static_cast<std::uint32_t>(u.temp_class));
      }
    }
    if (w.catalog.enabled)
      for (std::size_t g = 0; g < w.catalog.groups.size(); ++g) {
        const StockPolicy& p = g < cfg.stock.size() ? cfg.stock[g] : w.catalog.groups[g].stock;
        stock_.emplace_back(p, w.start_tod);
        stock_min_.push_back(stock_.back().on_hand(0));
        stockouts_.push_back(0);
      }
    for (const Incident& inc : w.incidents)
      if (inc.kind == Incident::Kind::store_closed && inc.store == index)
        closed_.emplace_back(inc.from, inc.to);
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
  std::vector<SensorReading> readings;
  std::uint32_t alerts = 0;
  std::vector<ThermalTrace> traces;

 private:
  friend class World;  // cross-store dispatch and repositioning move riders at barriers
  void on_arrival(sim::Context& ctx, std::uint32_t id, bool forwarded);
  void on_pick_done(sim::Context& ctx, std::uint32_t id);
  void on_dispatch(sim::Context& ctx);
  void on_shift_start(sim::Context& ctx, std::uint32_t rider);
  void on_shift_end(sim::Context& ctx, std::uint32_t rider);
  void on_sample(sim::Context& ctx);

  void start_picking(sim::Context& ctx);
  void request_dispatch(sim::Context& ctx);
  // Carries on with the rider's plan from where it is: picks up, delivers, rides on, or goes
  // back to the store and waits there.
  void advance(sim::Context& ctx, Rider& rider);
  void start_leg(sim::Context& ctx, Rider& rider, routing::NodeId to, RiderState state);
  // A trip by a vehicle profile (an index into World::travel_), departing at scenario time t.
  routing::TravelTimes::Trip trip(std::uint32_t travel, routing::NodeId from, routing::NodeId to,
                                  sim::Time t);
  // A leg's time and length at a level, from the store's cache.
  const routing::TravelTimes::Leg& leg(std::uint32_t travel, std::uint32_t level,
                                       routing::NodeId from, routing::NodeId to);
  // The route's length of a trip at a level, in metres.
  double trip_length(std::uint32_t travel, std::uint32_t level, routing::NodeId from,
                     routing::NodeId to);
  sim::Time ready_estimate(const OrderRecord& order, sim::Time now) const;
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
  std::unique_ptr<routing::DispatchPolicy> policy_;
  // The store's riders ride the same few hundred legs all day: each (profile, level, from, to)
  // is asked of the contraction hierarchy once.
  struct LegKey {
    std::uint32_t travel, level;
    routing::NodeId from, to;
    bool operator==(const LegKey&) const = default;
  };
  struct LegKeyHash {
    std::size_t operator()(const LegKey& k) const {
      std::uint64_t h = (std::uint64_t{k.from} << 32 | k.to) * 0x9e3779b97f4a7c15ull;
      return static_cast<std::size_t>(h ^ (std::uint64_t{k.travel} << 48 | k.level) ^ (h >> 29));
    }
  };
  std::unordered_map<LegKey, routing::TravelTimes::Leg, LegKeyHash> legs_;
  std::vector<std::uint32_t> riders_;
  std::vector<std::uint32_t> arrivals_;  // order ids in time order
  std::size_t arrived_ = 0;
  int busy_pickers_ = 0;
  std::deque<std::uint32_t> pick_queue_;
  std::deque<std::uint32_t> unassigned_;
  std::deque<std::uint32_t> idle_;  // longest idle first
  // Drones, the cold chain and stock.
  struct Hub {
    std::uint32_t cfg = 0;  // index into WorldConfig::drones.hubs
    double to_store_m = 0;  // flight from the hub to the store, 0 at the store
    std::vector<std::uint32_t> drones;
    std::vector<sim::Time> spares_ready;  // when each spare battery is charged
  };
  void on_drone(sim::Context& ctx, std::uint32_t drone, std::uint32_t phase);
  void on_sensor(sim::Context& ctx);
  // Gives unassigned orders to idle drones where the mode policy prefers them.
  void assign_drones(sim::Context& ctx);
  void take_off(sim::Context& ctx, Drone& drone);
  void release_to_riders(sim::Context& ctx, Drone& drone);
  void fly_home(sim::Context& ctx, Drone& drone, sim::Time from, double distance_m);
  void drone_home(sim::Context& ctx, Drone& drone);
  double drone_charge(const Drone& drone, sim::Time t) const;
  bool hub_down(std::uint32_t hub, sim::Time t) const;
  // The stock check of an arriving order; false when the order leaves the store.
  bool take_stock(std::uint32_t id, sim::Time now);
  void deliver(std::uint32_t id, sim::Time now);
  Surroundings surroundings(const Goods& g, const Goods::Line& line, sim::Time t) const;
  void advance_goods(Goods& g, sim::Time t);
  void place_goods(std::uint32_t order, Goods::Place place, sim::Time t,
                   const Enclosure* enclosure = nullptr);
  void open_doors(const std::vector<std::uint32_t>& onboard, sim::Time t);
  double outdoor_c(sim::Time t) const;
  sim::Time next_hour(sim::Time t) const;
  std::vector<Hub> hubs_;
  std::vector<std::unique_ptr<ColdUnit>> units_;  // by temperature class; null: none
  std::vector<SensorLog> unit_logs_;              // in units_ order
  std::vector<std::uint32_t> unit_classes_;
  std::unordered_map<std::uint32_t, Goods> goods_;
  std::vector<StockLevel> stock_;
  std::vector<int> stock_min_;
  std::vector<std::uint32_t> stockouts_;  // orders that found a group short
  sim::RandomStream sensor_rng_;
  std::uint32_t mode_decisions_ = 0, drone_decisions_ = 0;
  std::vector<std::uint32_t> forward_;  // orders to move to another store at the next epoch
  std::uint32_t pending_in_ = 0;        // orders forwarded here, not yet arrived
  std::vector<std::pair<sim::Time, sim::Time>> closed_;
  sim::Time queue_since_ = 0;
  sim::Time dispatch_at_ = -1;
  bool demand_over_ = false;
  std::uint32_t open_ = 0;
  std::array<std::uint32_t, kRiderStates> in_state_{};
};

// What a store's dispatch policy asks: travel times by the riders' vehicle profiles, from the
// store's cache of legs.
class World::Oracle : public routing::TravelOracle {
 public:
  explicit Oracle(StoreLp& store) : store_(store) {}
  std::int64_t travel_ms(std::uint32_t profile, routing::NodeId from, routing::NodeId to,
                         std::int64_t depart_ms) const override {
    const std::int64_t d = store_.trip(profile, from, to, depart_ms).duration_ms;
    return d < 0 ? kUnreachableMs : d;
  }
  static constexpr std::int64_t kUnreachableMs = 24 * sim::kHour;

 private:
  StoreLp& store_;
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
  if (world_.config_.cold_chain.enabled && world_.config_.cold_chain.sensors.enabled)
    engine.schedule(self, 0, {kSensor, 0, 0}, kPrioritySample);
}

void World::StoreLp::handle(const sim::Event& event, sim::Context& ctx) {
  const auto& p = event.payload;
  switch (p.kind) {
    case kArrival:
      on_arrival(ctx, p.a, p.b != 0);
      break;
    case kPickDone:
      on_pick_done(ctx, p.a);
      break;
    case kDispatch:
      on_dispatch(ctx);
      break;
    case kLegDone:
      advance(ctx, world_.riders_[p.a]);
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
    case kDrone:
      on_drone(ctx, p.a, p.b);
      break;
    case kSensor:
      on_sensor(ctx);
      break;
    default:
      assert(false && "unknown event kind");
  }
}

void World::StoreLp::on_arrival(sim::Context& ctx, std::uint32_t id, bool forwarded) {
  const sim::Time now = ctx.now();
  if (forwarded)
    --pending_in_;
  else
    ++arrived_;
  if (now >= last_shift_end || finished_at >= 0) {
    ++accepted_orders;
    reject(id, RejectReason::no_rider, now);
    return;
  }
  if (!take_stock(id, now)) {
    check_finished(now);
    return;
  }
  ++accepted_orders;
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
    const sim::Time pick = draw(cfg_.pick_time);
    const sim::Time pack = draw(cfg_.pack_time);
    // Chilled and frozen goods are picked last: they leave their unit when the packing starts.
    place_goods(id, Goods::Place::picking, now + pick);
    ctx.schedule(now + pick + pack, {kPickDone, id, 0}, kPriorityPicking);
  }
}

void World::StoreLp::on_pick_done(sim::Context& ctx, std::uint32_t id) {
  --busy_pickers_;
  OrderRecord& order = world_.orders_[id];
  if (order.status != OrderStatus::rejected) {
    order.packed = ctx.now();
    place_goods(id, Goods::Place::staged, ctx.now());
    if (order.rider >= 0) {
      Rider& rider = world_.riders_[order.rider];
      if (rider.state == RiderState::waiting) advance(ctx, rider);
    } else if (order.drone >= 0) {
      Drone& drone = world_.drones_[order.drone];
      if (drone.state == DroneState::waiting) take_off(ctx, drone);
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

// When an order's goods will be ready, as the store can tell: packed, being picked (started plus
// the mean work), or queued (its place in the queue over the pickers, times the mean work).
sim::Time World::StoreLp::ready_estimate(const OrderRecord& order, sim::Time now) const {
  if (order.packed != sim::kNever) return order.packed;
  const sim::Time work = cfg_.pick_time.mean + cfg_.pack_time.mean;
  if (order.pick_started != sim::kNever) return std::max(now, order.pick_started + work);
  const auto ahead =
      std::find(pick_queue_.begin(), pick_queue_.end(), order.id) - pick_queue_.begin();
  return now + work * (1 + static_cast<sim::Time>(ahead) / std::max(1, cfg_.pickers));
}

void World::StoreLp::on_dispatch(sim::Context& ctx) {
  const sim::Time now = ctx.now();
  if (dispatch_at_ != now) return;  // superseded by an earlier call
  dispatch_at_ = -1;
  if (unassigned_.empty()) return;
  if (!hubs_.empty()) {
    assign_drones(ctx);
    if (unassigned_.empty()) return;
  }
  auto& riders = world_.riders_;
  auto& orders = world_.orders_;
  routing::DispatchProblem problem;
  problem.now = now;
  std::vector<std::uint32_t> rider_of;                      // per vehicle
  std::unordered_map<std::uint32_t, std::uint32_t> job_of;  // order id -> job index
  auto job_index = [&](std::uint32_t order_id) {
    auto [it, inserted] = job_of.try_emplace(order_id, static_cast<std::uint32_t>(job_of.size()));
    if (inserted) {
      const OrderRecord& o = orders[order_id];
      problem.jobs.push_back({order_id, node_, o.customer, ready_estimate(o, now),
                              o.placed + world_.config_.promise, 1, 0, 0});
    }
    return it->second;
  };
  auto offer = [&](const Rider& r, sim::Time free) {
    routing::DispatchVehicle v{r.id, node_, free, r.capacity, r.travel, 0, {}};
    for (const routing::Stop& s : r.plan) v.route.push_back({job_index(s.job), s.kind});
    problem.vehicles.push_back(std::move(v));
    rider_of.push_back(r.id);
  };
  // Riders who have not set off with goods: idle ones (longest idle first), then those riding
  // back or waiting, in the store's order.
  for (std::uint32_t id : idle_)
    if (riders[id].shift_end > now) offer(riders[id], now);
  for (std::uint32_t id : riders_) {
    const Rider& r = riders[id];
    if (r.shift_end <= now || !r.onboard.empty() || r.store != index_) continue;
    if (r.state == RiderState::returning || r.state == RiderState::to_store)
      offer(r, r.arrive);
    else if (r.state == RiderState::waiting)
      offer(r, now);
  }
  if (problem.vehicles.empty()) return;
  // No more open orders than free places: the oldest first.
  int free_places = 0;
  for (const auto& v : problem.vehicles)
    free_places += std::max<int>(0, v.capacity - static_cast<int>(v.route.size() / 2));
  for (std::uint32_t id : unassigned_) {
    if (static_cast<int>(problem.open.size()) >= free_places) break;
    problem.open.push_back(job_index(id));
  }
  const Oracle oracle(*this);
  const auto routes = policy_->plan(problem, oracle);
  for (std::size_t v = 0; v < routes.size() && v < rider_of.size(); ++v) {
    Rider& rider = riders[rider_of[v]];
    std::vector<routing::Stop> plan;
    for (const routing::Stop& s : routes[v]) plan.push_back({problem.jobs[s.job].id, s.kind});
    if (plan == rider.plan) continue;
    for (const routing::Stop& s : plan) {
      OrderRecord& order = orders[s.job];
      if (order.rider >= 0) continue;
      order.assigned = now;
      order.rider = static_cast<std::int32_t>(rider.id);
      unassigned_.erase(std::find(unassigned_.begin(), unassigned_.end(), order.id));
    }
    rider.plan = std::move(plan);
    if (rider.state == RiderState::idle) {
      idle_.erase(std::find(idle_.begin(), idle_.end(), rider.id));
      advance(ctx, rider);
    } else if (rider.state == RiderState::waiting) {
      advance(ctx, rider);
    } else if (rider.state == RiderState::returning && !rider.plan.empty()) {
      set_state(rider, RiderState::to_store, now);
    }
  }
}

void World::StoreLp::advance(sim::Context& ctx, Rider& rider) {
  const sim::Time now = ctx.now();
  auto& orders = world_.orders_;
  while (!rider.plan.empty()) {
    const routing::Stop stop = rider.plan.front();
    OrderRecord& order = orders[stop.job];
    const bool pickup = stop.kind == routing::Stop::Kind::pickup;
    const routing::NodeId target = pickup ? node_ : order.customer;
    if (rider.at != target) {
      start_leg(ctx, rider, target, pickup ? RiderState::to_store : RiderState::delivering);
      return;
    }
    if (pickup) {
      if (order.packed == sim::kNever) {
        if (rider.state != RiderState::waiting) set_state(rider, RiderState::waiting, now);
        return;
      }
      order.picked_up = now;
      open_doors(rider.onboard, now);
      place_goods(order.id, Goods::Place::carried, now, &world_.config_.cold_chain.box);
      rider.onboard.push_back(order.id);
    } else {
      rider.onboard.erase(std::find(rider.onboard.begin(), rider.onboard.end(), order.id));
      open_doors(rider.onboard, now);
      deliver(order.id, now);
      ++rider.deliveries;
    }
    rider.plan.erase(rider.plan.begin());
  }
  if (rider.at != node_) {
    start_leg(ctx, rider, node_, RiderState::returning);
    check_finished(now);
    return;
  }
  if (now >= rider.shift_end || finished_at >= 0) {
    set_state(rider, RiderState::off_shift, now);
  } else {
    set_state(rider, RiderState::idle, now);
    idle_.push_back(rider.id);
    request_dispatch(ctx);
  }
  check_finished(now);
}

routing::TravelTimes::Trip World::StoreLp::trip(std::uint32_t travel, routing::NodeId from,
                                                routing::NodeId to, sim::Time t) {
  return world_.travel_[travel]->trip_from(world_.config_.start_tod + t, [&](std::uint32_t level) {
    return leg(travel, level, from, to).ms;
  });
}

const routing::TravelTimes::Leg& World::StoreLp::leg(std::uint32_t travel, std::uint32_t level,
                                                     routing::NodeId from, routing::NodeId to) {
  auto [it, asked] = legs_.try_emplace({travel, level, from, to});
  if (asked) it->second = world_.travel_[travel]->leg(from, to, level);
  return it->second;
}

double World::StoreLp::trip_length(std::uint32_t travel, std::uint32_t level, routing::NodeId from,
                                   routing::NodeId to) {
  return leg(travel, level, from, to).length_m;
}

void World::StoreLp::start_leg(sim::Context& ctx, Rider& rider, routing::NodeId to,
                               RiderState state) {
  const sim::Time now = ctx.now();
  const routing::TravelTimes& travel = *world_.travel_[rider.travel];
  const auto trip = this->trip(rider.travel, rider.at, to, now);
  double length = trip.duration_ms >= 0 ? trip_length(rider.travel, trip.level, rider.at, to) : -1;
  sim::Time duration = trip.duration_ms;
  if (duration < 0) {
    // Only a rider lent to a store whose roads its vehicle may not use gets here: it goes as the
    // crow flies.
    length =
        routing::haversine_m(world_.network_->position(rider.at), world_.network_->position(to));
    duration = travel_ms(length, travel.profile().speed_kmh / 3.6);
  }
  rider.leg_from = rider.at;
  rider.leg_level = trip.duration_ms >= 0 ? trip.level : 0;
  rider.at = to;
  rider.depart = now;
  rider.arrive = now + duration;
  rider.distance_m += length;
  set_state(rider, state, now);
  ctx.schedule(rider.arrive, {kLegDone, rider.id, 0}, kPriorityMovement);
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
  for (const Hub& hub : hubs_) {
    s.drones_grounded += !world_.flight_weather_->flyable(s.time);
    for (std::uint32_t d : hub.drones) {
      const DroneState state = world_.drones_[d].state;
      s.drones_airborne += state == DroneState::to_store || state == DroneState::delivering ||
                           state == DroneState::returning;
    }
  }
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
  if (finished_at >= 0 || !demand_over_ || open_ > 0 || arrived_ < arrivals_.size() ||
      pending_in_ > 0 || !forward_.empty())
    return;
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

// --- stock -----------------------------------------------------------------------------------

bool World::StoreLp::take_stock(std::uint32_t id, sim::Time now) {
  if (stock_.empty()) return true;
  const CatalogConfig& catalog = world_.config_.catalog;
  OrderRecord& order = world_.orders_[id];
  auto& lines = world_.lines_[id];
  auto take = [&](std::size_t g, int qty) {
    const int got = stock_[g].take(qty, now);
    stock_min_[g] = std::min(stock_min_[g], stock_[g].on_hand(now));
    return got;
  };
  bool short_any = false;
  for (const auto& [g, q] : lines)
    if (stock_[g].on_hand(now) < q) {
      short_any = true;
      ++stockouts_[g];
    }
  if (!short_any) {
    for (const auto& [g, q] : lines) take(g, q);
    return true;
  }
  switch (catalog.on_stockout) {
    case StockoutAction::reject:
      ++accepted_orders;
      reject(id, RejectReason::out_of_stock, now);
      return false;
    case StockoutAction::next_store:
      forward_.push_back(id);
      return false;
    case StockoutAction::split:
    case StockoutAction::substitute:
      break;
  }
  std::map<std::uint16_t, std::uint16_t> got_lines;
  std::uint32_t missing = 0, substituted = 0;
  for (const auto& [g, q] : lines) {
    const int got = take(g, q);
    if (got > 0) got_lines[g] += static_cast<std::uint16_t>(got);
    int left = q - got;
    if (catalog.on_stockout == StockoutAction::substitute)
      for (std::uint16_t other = 0; other < stock_.size() && left > 0; ++other) {
        if (other == g || catalog.groups[other].temp_class != catalog.groups[g].temp_class ||
            stock_[other].on_hand(now) == 0)
          continue;
        const int more = take(other, left);
        got_lines[other] += static_cast<std::uint16_t>(more);
        substituted += static_cast<std::uint32_t>(more);
        left -= more;
      }
    missing += static_cast<std::uint32_t>(left);
  }
  order.items_missing = missing;
  order.items_substituted = substituted;
  if (got_lines.empty()) {
    ++accepted_orders;
    reject(id, RejectReason::out_of_stock, now);
    return false;
  }
  lines.assign(got_lines.begin(), got_lines.end());
  world_.basket_totals(id);
  return true;
}

// --- the cold chain ----------------------------------------------------------------------------

double World::StoreLp::outdoor_c(sim::Time t) const {
  const sim::Time tod = (world_.config_.start_tod + t) % sim::kDay;
  return world_.config_.cold_chain.outdoor_c[static_cast<std::size_t>(tod / sim::kHour)];
}

sim::Time World::StoreLp::next_hour(sim::Time t) const {
  return t + sim::kHour - (world_.config_.start_tod + t) % sim::kHour;
}

Surroundings World::StoreLp::surroundings(const Goods& g, const Goods::Line& line,
                                          sim::Time t) const {
  const ColdChainConfig& cc = world_.config_.cold_chain;
  const double product_tau = seconds(cc.product_tau);
  switch (g.place) {
    case Goods::Place::picking:
      return {cc.room_c, product_tau, sim::kNever};
    case Goods::Place::staged:
      if (const ColdUnit* unit = units_[line.temp_class].get())
        return {unit->env_c(t), unit->tau_s(t), unit->next_change(t)};
      return {cc.room_c, seconds(cc.box.tau), sim::kNever};
    case Goods::Place::carried:
      break;
  }
  if (t < g.door_until) return {outdoor_c(t), product_tau, std::min(g.door_until, next_hour(t))};
  const double tau = seconds(g.enclosure->tau);
  if (t < g.ice_until) return {cc.classes[line.temp_class].pack_c, tau, g.ice_until};
  return {outdoor_c(t), tau, next_hour(t)};
}

void World::StoreLp::advance_goods(Goods& g, sim::Time t) {
  for (Goods::Line& line : g.lines) {
    const TempClass& cls = world_.config_.cold_chain.classes[line.temp_class];
    while (true) {
      const Surroundings s = surroundings(g, line, line.since);
      if (s.env_c != line.env_c || s.tau_s != line.tau_s) {
        line.tracker.move_to(s.env_c, s.tau_s, line.since);
        line.env_c = s.env_c;
        line.tau_s = s.tau_s;
        line.trace.push_back({line.since, line.tracker.temperature(line.since), s.env_c, s.tau_s});
      }
      if (line.since >= t) break;
      const sim::Time next = std::min(t, s.until);
      // Each stretch is monotone: its extremes are at its ends.
      const double c = line.tracker.temperature(next);
      const double off = std::max(c - cls.max_c, cls.min_c - c);
      if (off > line.peak_off) line.peak_off = off, line.peak_c = c;
      line.since = next;
    }
  }
}

void World::StoreLp::place_goods(std::uint32_t order_id, Goods::Place place, sim::Time t,
                                 const Enclosure* enclosure) {
  const OrderRecord& order = world_.orders_[order_id];
  if (order.cold.empty()) return;
  auto [it, created] = goods_.try_emplace(order_id);
  Goods& g = it->second;
  if (created) {
    for (const ColdLine& c : order.cold) {
      const ColdUnit* unit = units_[c.temp_class].get();
      const TempClass& cls = world_.config_.cold_chain.classes[c.temp_class];
      const double start = unit ? unit->temperature(t) : cls.store_c;
      const sim::Time left = unit ? unit->left_range(t) : sim::kNever;
      g.lines.push_back({c.temp_class,
                         c.items,
                         ThermalTracker(start, cls.min_c, cls.max_c, t),
                         t,
                         left == sim::kNever ? 0 : t - left,
                         std::numeric_limits<double>::quiet_NaN(),
                         0,
                         start,
                         std::max(start - cls.max_c, cls.min_c - start),
                         {}});
    }
  } else {
    advance_goods(g, t);
  }
  g.place = place;
  if (place == Goods::Place::carried) {
    g.enclosure = enclosure;
    g.ice_until = enclosure->ice_packs ? t + enclosure->ice_hold : -1;
    g.door_until = -1;
  }
  advance_goods(g, t);
}

void World::StoreLp::open_doors(const std::vector<std::uint32_t>& onboard, sim::Time t) {
  for (std::uint32_t id : onboard) {
    auto it = goods_.find(id);
    if (it == goods_.end()) continue;
    advance_goods(it->second, t);
    it->second.door_until = t + world_.config_.cold_chain.door_open;
    advance_goods(it->second, t);
  }
}

// The order reaches the customer at `at`; chilled and frozen goods that spent longer than their
// class's tolerance out of range are spoiled, and refused at the door if the scenario says so.
void World::StoreLp::deliver(std::uint32_t id, sim::Time at) {
  OrderRecord& order = world_.orders_[id];
  --open_;
  ++resolved;
  order.delivered = at;
  order.status = OrderStatus::delivered;
  auto it = goods_.find(id);
  if (it == goods_.end()) return;
  Goods& g = it->second;
  advance_goods(g, at);
  const ColdChainConfig& cc = world_.config_.cold_chain;
  for (std::size_t k = 0; k < g.lines.size(); ++k) {
    Goods::Line& line = g.lines[k];
    ColdLine& c = order.cold[k];
    c.outside = line.before + line.tracker.time_outside(at);
    c.peak_c = line.peak_c;
    c.spoiled = c.outside > cc.classes[c.temp_class].tolerance;
    order.spoiled = order.spoiled || c.spoiled;
    line.trace.push_back({at, line.tracker.temperature(at), line.env_c, line.tau_s});
    traces.push_back({id, line.temp_class, std::move(line.trace)});
  }
  goods_.erase(it);
  if (order.spoiled && cc.spoiled == SpoiledAction::refuse) {
    order.status = OrderStatus::rejected;
    order.reason = RejectReason::spoiled;
    order.rejected = at;
    order.delivered = sim::kNever;
  }
}

void World::StoreLp::on_sensor(sim::Context& ctx) {
  const sim::Time now = ctx.now();
  const SensorConfig& sc = world_.config_.cold_chain.sensors;
  auto noisy = [&](double c) { return c + sc.noise_c * sensor_rng_.normal(); };
  for (std::size_t k = 0; k < unit_classes_.size(); ++k)
    alerts += unit_logs_[k].read(now, noisy(units_[unit_classes_[k]]->temperature(now)), readings);
  const auto& cold = world_.cold_classes_;
  // A box's or pod's sensor reads the warmest goods of its class on board.
  auto read_cargo = [&](const std::vector<std::uint32_t>& cargo, std::size_t base) {
    for (std::size_t c = 0; c < cold.size(); ++c) {
      double warmest = -std::numeric_limits<double>::infinity();
      for (std::uint32_t id : cargo) {
        auto it = goods_.find(id);
        if (it == goods_.end()) continue;
        advance_goods(it->second, now);
        for (const Goods::Line& line : it->second.lines)
          if (line.temp_class == cold[c])
            warmest = std::max(warmest, line.tracker.temperature(now));
      }
      if (warmest > -std::numeric_limits<double>::infinity())
        alerts += world_.mobile_logs_[base + c].read(now, noisy(warmest), readings);
      else
        world_.mobile_logs_[base + c].idle(now, readings);
    }
  };
  for (std::uint32_t id : riders_) read_cargo(world_.riders_[id].onboard, id * cold.size());
  for (const Hub& hub : hubs_)
    for (std::uint32_t d : hub.drones) {
      const Drone& drone = world_.drones_[d];
      const bool loaded = drone.state == DroneState::delivering && drone.order >= 0;
      read_cargo(loaded ? std::vector<std::uint32_t>{static_cast<std::uint32_t>(drone.order)}
                        : std::vector<std::uint32_t>{},
                 (world_.riders_.size() + d) * cold.size());
    }
  if (finished_at < 0) ctx.schedule(now + sc.period, {kSensor, 0, 0}, kPrioritySample);
}

// --- drones ------------------------------------------------------------------------------------

double World::StoreLp::drone_charge(const Drone& drone, sim::Time t) const {
  if (drone.charge_since < 0) return drone.charge_wh;
  const HubConfig& h = world_.config_.drones.hubs[drone.hub];
  const double rate =
      h.spec.battery_wh / static_cast<double>(std::max<sim::Time>(1, h.recharge_time));
  return std::min(h.spec.battery_wh,
                  drone.charge_wh + rate * static_cast<double>(t - drone.charge_since));
}

bool World::StoreLp::hub_down(std::uint32_t hub, sim::Time t) const {
  for (const Incident& inc : world_.config_.incidents)
    if (inc.kind == Incident::Kind::hub_down && inc.hub == hub && t >= inc.from && t < inc.to)
      return true;
  return false;
}

void World::StoreLp::assign_drones(sim::Context& ctx) {
  const sim::Time now = ctx.now();
  const DroneConfig& dc = world_.config_.drones;
  const CostConfig& costs = world_.config_.costs;
  if (!world_.flight_weather_->flyable(now)) return;
  auto& riders = world_.riders_;
  auto& orders = world_.orders_;
  // When a rider of the store could set off, for the comparison.
  sim::Time rider_free = sim::kNever;
  std::uint32_t rider_travel = 0;
  for (std::uint32_t id : idle_)
    if (riders[id].shift_end > now) {
      rider_free = now, rider_travel = riders[id].travel;
      break;
    }
  if (rider_free == sim::kNever)
    for (std::uint32_t id : riders_) {
      const Rider& r = riders[id];
      if (r.shift_end > now && r.store == index_ && r.plan.empty() && r.onboard.empty() &&
          (r.state == RiderState::returning || r.state == RiderState::to_store) &&
          r.arrive < rider_free)
        rider_free = r.arrive, rider_travel = r.travel;
    }
  std::vector<std::uint32_t> taken;
  for (std::uint32_t id : std::vector<std::uint32_t>(unassigned_.begin(), unassigned_.end())) {
    OrderRecord& o = orders[id];
    // The idle drone of a working hub with the most charge.
    Drone* best = nullptr;
    const Hub* best_hub = nullptr;
    double charge = 0;
    for (const Hub& hub : hubs_) {
      if (hub_down(hub.cfg, now)) continue;
      for (std::uint32_t d : hub.drones) {
        Drone& drone = world_.drones_[d];
        if (drone.state != DroneState::idle) continue;
        const double c = drone_charge(drone, now);
        if (!best || c > charge) best = &drone, best_hub = &hub, charge = c;
      }
    }
    if (!best) break;
    const HubConfig& h = dc.hubs[best_hub->cfg];
    if (o.weight_kg > h.spec.max_payload_kg || world_.litres_[id] > h.max_litres) continue;
    routing::LatLon dest = o.location;
    sim::Time walk = 0;
    if (!h.to_door) {
      double nearest = h.max_walk_m;
      bool found = false;
      for (const DropPoint& p : dc.drop_points) {
        const double d = routing::haversine_m(p.location, o.location);
        if (d <= nearest) nearest = d, dest = p.location, found = true;
      }
      if (!found) continue;
      walk = travel_ms(nearest, dc.walk_kmh / 3.6);
    }
    const double out = world_.airspace_->flight_m(cfg_.location, dest);
    const double back = world_.airspace_->flight_m(dest, h.location);
    if (out == routing::Airspace::kNoFlight || back == routing::Airspace::kNoFlight) continue;
    const sim::Time hover = h.takeoff + h.landing;
    const double to_store_wh =
        best_hub->to_store_m > 0 ? leg_energy_wh(h.spec, 0, best_hub->to_store_m, hover) : 0;
    const double need = to_store_wh + leg_energy_wh(h.spec, o.weight_kg, out, hover) +
                        leg_energy_wh(h.spec, 0, back, hover);
    if (need > charge - h.spec.reserve_share * h.spec.battery_wh) continue;
    auto fly = [&](double m) { return travel_ms(m, h.spec.cruise_mps); };
    const sim::Time at_store =
        best_hub->to_store_m > 0 ? now + hover + fly(best_hub->to_store_m) : now;
    const sim::Time ready = ready_estimate(o, now);
    const sim::Time drone_eta = std::max(at_store, ready) + hover + fly(out) + walk;
    bool choose = false;
    if (dc.mode == ModePolicy::share) {
      choose = drone_decisions_ < dc.share_target * accepted_orders;
    } else {
      sim::Time rider_eta = sim::kNever;
      double ride_m = 0;
      if (rider_free != sim::kNever) {
        const sim::Time go = std::max(rider_free, ready);
        const auto t = trip(rider_travel, node_, o.customer, go);
        if (t.duration_ms >= 0) {
          rider_eta = go + t.duration_ms;
          ride_m = trip_length(rider_travel, t.level, node_, o.customer);
        }
      }
      if (dc.mode == ModePolicy::earliest) {
        choose = drone_eta <= rider_eta;
      } else {
        const double flown_km = (best_hub->to_store_m + out + back) / 1000;
        const double airborne_h =
            static_cast<double>(3 * hover + fly(best_hub->to_store_m + out + back)) / sim::kHour;
        const double drone_cost = costs.drone_per_km * flown_km + costs.drone_per_hour * airborne_h;
        const double ride_h =
            rider_eta == sim::kNever ? 0 : 2.0 * static_cast<double>(rider_eta - now) / sim::kHour;
        const double rider_cost =
            costs.rider_per_km * 2 * ride_m / 1000 + costs.rider_per_hour * ride_h;
        const sim::Time deadline = o.placed + world_.config_.promise;
        choose = (drone_cost <= rider_cost && drone_eta <= deadline) ||
                 (rider_eta > deadline && drone_eta < rider_eta);
      }
    }
    if (!choose) continue;
    ++drone_decisions_;
    o.mode = Mode::drone;
    o.drone = static_cast<std::int32_t>(best->id);
    o.assigned = now;
    taken.push_back(id);
    best->charge_wh = charge;
    best->charge_since = -1;
    best->order = static_cast<std::int32_t>(id);
    best->dest = dest;
    best->walk = walk;
    best->to_store_m = best_hub->to_store_m;
    best->out_m = out;
    best->back_m = back;
    o.energy_wh = 0;
    if (best->to_store_m > 0) {
      best->state = DroneState::to_store;
      best->charge_wh -= to_store_wh;
      o.energy_wh += to_store_wh;
      best->record.energy_wh += to_store_wh;
      best->record.distance_m += best->to_store_m;
      best->record.airborne += hover + fly(best->to_store_m);
      best->fly_from = h.location;
      best->fly_to = cfg_.location;
      best->fly_depart = now;
      best->fly_arrive = now + hover + fly(best->to_store_m);
      ctx.schedule(best->fly_arrive, {kDrone, best->id, kAtStore}, kPriorityMovement);
    } else {
      best->state = DroneState::waiting;
    }
  }
  for (std::uint32_t id : taken) {
    unassigned_.erase(std::find(unassigned_.begin(), unassigned_.end(), id));
    Drone& drone = world_.drones_[orders[id].drone];
    if (drone.state == DroneState::waiting && orders[id].packed != sim::kNever)
      take_off(ctx, drone);
  }
}

// With the goods packed and the drone at the store: off it goes, unless the weather or its hub
// keeps it down, in which case the order goes back to the riders.
void World::StoreLp::take_off(sim::Context& ctx, Drone& drone) {
  const sim::Time now = ctx.now();
  const HubConfig& h = world_.config_.drones.hubs[drone.hub];
  if (!world_.flight_weather_->flyable(now) || hub_down(drone.hub, now)) {
    release_to_riders(ctx, drone);
    return;
  }
  OrderRecord& order = world_.orders_[drone.order];
  order.picked_up = now;
  place_goods(order.id, Goods::Place::carried, now, &h.pod);
  const sim::Time hover = h.takeoff + h.landing;
  drone.planned_wh = leg_energy_wh(h.spec, order.weight_kg, drone.out_m, hover) +
                     leg_energy_wh(h.spec, 0, drone.back_m, hover);
  drone.charge_wh -= drone.planned_wh;
  drone.state = DroneState::delivering;
  ++drone.record.flights;
  drone.cruise_from = now + h.takeoff;
  const sim::Time drop = drone.cruise_from + travel_ms(drone.out_m, h.spec.cruise_mps) + h.landing;
  drone.fly_from = cfg_.location;
  drone.fly_to = drone.dest;
  drone.fly_depart = now;
  drone.fly_arrive = drop;
  const sim::Time grounding = world_.flight_weather_->next_grounding(now);
  if (grounding < drop)
    ctx.schedule(grounding, {kDrone, drone.id, kAbort}, kPriorityMovement);
  else
    ctx.schedule(drop, {kDrone, drone.id, kDropped}, kPriorityMovement);
}

void World::StoreLp::release_to_riders(sim::Context& ctx, Drone& drone) {
  const sim::Time now = ctx.now();
  OrderRecord& order = world_.orders_[drone.order];
  order.mode = Mode::rider;
  order.drone = -1;
  order.assigned = sim::kNever;
  order.picked_up = sim::kNever;
  order.energy_wh = 0;
  --drone_decisions_;
  auto at = std::find_if(unassigned_.begin(), unassigned_.end(), [&](std::uint32_t id) {
    const OrderRecord& o = world_.orders_[id];
    return std::tie(o.placed, o.id) > std::tie(order.placed, order.id);
  });
  unassigned_.insert(at, order.id);
  request_dispatch(ctx);
  drone.order = -1;
  if (drone.to_store_m > 0)
    fly_home(ctx, drone, world_.flight_weather_->next_flyable(now), drone.to_store_m);
  else
    drone_home(ctx, drone);
}

// Takes off for the hub at `from` (sim::kNever: stays where it is) on a flight of `distance_m`.
void World::StoreLp::fly_home(sim::Context& ctx, Drone& drone, sim::Time from, double distance_m) {
  drone.state = DroneState::returning;
  if (from == sim::kNever) return;
  const HubConfig& h = world_.config_.drones.hubs[drone.hub];
  const sim::Time duration = h.takeoff + travel_ms(distance_m, h.spec.cruise_mps) + h.landing;
  drone.record.distance_m += distance_m;
  drone.record.airborne += duration;
  drone.fly_from = drone.fly_to;
  drone.fly_to = h.location;
  drone.fly_depart = from;
  drone.fly_arrive = from + duration;
  ctx.schedule(from + duration, {kDrone, drone.id, kHome}, kPriorityMovement);
}

// Back at the hub: a low battery is swapped for a charged spare if there is one; otherwise the
// drone charges where it stands and may fly again on what it has.
void World::StoreLp::drone_home(sim::Context& ctx, Drone& drone) {
  const sim::Time now = ctx.now();
  const HubConfig& h = world_.config_.drones.hubs[drone.hub];
  drone.order = -1;
  const double cap = h.spec.battery_wh;
  if (drone.charge_wh < kSwapBelow * cap) {
    for (Hub& hub : hubs_) {
      if (hub.cfg != drone.hub) continue;
      auto spare = std::min_element(hub.spares_ready.begin(), hub.spares_ready.end());
      if (spare == hub.spares_ready.end() || *spare > now) break;
      *spare = now + h.swap_time +
               static_cast<sim::Time>(static_cast<double>(h.recharge_time) *
                                      (1 - std::max(0.0, drone.charge_wh) / cap));
      drone.state = DroneState::swapping;
      ++drone.record.swaps;
      ctx.schedule(now + h.swap_time, {kDrone, drone.id, kSwapDone}, kPriorityMovement);
      return;
    }
  }
  if (drone.charge_wh < cap) {
    drone.charge_since = now;
    ++drone.record.recharges;
  }
  drone.state = DroneState::idle;
  request_dispatch(ctx);
}

void World::StoreLp::on_drone(sim::Context& ctx, std::uint32_t drone_id, std::uint32_t phase) {
  const sim::Time now = ctx.now();
  Drone& drone = world_.drones_[drone_id];
  const HubConfig& h = world_.config_.drones.hubs[drone.hub];
  const CostConfig& costs = world_.config_.costs;
  switch (phase) {
    case kAtStore: {
      drone.state = DroneState::waiting;
      if (world_.orders_[drone.order].packed != sim::kNever) take_off(ctx, drone);
      break;
    }
    case kDropped: {
      OrderRecord& order = world_.orders_[drone.order];
      const sim::Time hover = h.takeoff + h.landing;
      const double flown_m = drone.to_store_m + drone.out_m + drone.back_m;
      order.energy_wh += drone.planned_wh;
      order.cost = costs.drone_per_km * flown_m / 1000 +
                   costs.drone_per_hour *
                       static_cast<double>((drone.to_store_m > 0 ? 3 : 2) * hover +
                                           travel_ms(flown_m, h.spec.cruise_mps)) /
                       sim::kHour;
      drone.record.energy_wh += drone.planned_wh;
      drone.record.distance_m += drone.out_m;
      drone.record.airborne += now - (drone.cruise_from - h.takeoff);
      ++drone.record.deliveries;
      deliver(order.id, now + drone.walk);
      fly_home(ctx, drone, now, drone.back_m);
      check_finished(now);
      break;
    }
    case kAbort: {
      // Turned back where it is: as far back as it came, carrying the goods.
      OrderRecord& order = world_.orders_[drone.order];
      const double covered = std::min(drone.out_m, std::max<sim::Time>(0, now - drone.cruise_from) *
                                                       h.spec.cruise_mps / 1000.0);
      const double used =
          leg_energy_wh(h.spec, order.weight_kg, 2 * covered, h.takeoff + h.landing);
      drone.charge_wh += drone.planned_wh - used;
      drone.record.energy_wh += used;
      drone.record.distance_m += 2 * covered;
      const sim::Time back = travel_ms(covered, h.spec.cruise_mps) + h.landing;
      drone.record.airborne += now - (drone.cruise_from - h.takeoff) + back;
      ++drone.record.aborted;
      ++order.flights_aborted;
      drone.state = DroneState::returning;
      drone.fly_from = world_.drone_position(drone.id, now);
      drone.fly_to = cfg_.location;
      drone.fly_depart = now;
      drone.fly_arrive = now + back;
      ctx.schedule(now + back, {kDrone, drone.id, kAborted}, kPriorityMovement);
      break;
    }
    case kAborted: {
      place_goods(static_cast<std::uint32_t>(drone.order), Goods::Place::staged, now);
      release_to_riders(ctx, drone);
      break;
    }
    case kHome:
      drone_home(ctx, drone);
      break;
    case kSwapDone:
      drone.charge_wh = h.spec.battery_wh;
      drone.charge_since = -1;
      drone.state = DroneState::idle;
      request_dispatch(ctx);
      break;
    default:
      assert(false && "unknown drone phase");
  }
}

// --- the world ---------------------------------------------------------------------------------

World::World(WorldConfig config, std::shared_ptr<const routing::RoadNetwork> network, int threads)
    : config_(std::move(config)), network_(std::move(network)), threads_(threads) {
  // One contraction hierarchy per vehicle profile (and congestion level), shared by its riders.
  const auto routing_start = std::chrono::steady_clock::now();
  // A storm slows every road while it lasts.
  for (const Incident& inc : config_.incidents)
    if (inc.kind == Incident::Kind::storm && inc.road_factor < 1)
      config_.congestion.push_back({(config_.start_tod + inc.from) % sim::kDay,
                                    (config_.start_tod + inc.to) % sim::kDay,
                                    inc.road_factor,
                                    {}});
  const routing::CongestionProfile congestion(config_.congestion);
  std::map<std::pair<std::string, double>, std::uint32_t> travel_of;
  std::vector<std::uint32_t> group_travel;
  for (const auto& group : config_.riders) {
    const auto key = std::pair(std::string(to_string(group.vehicle)), group.speed_kmh);
    auto [it, inserted] = travel_of.try_emplace(key, static_cast<std::uint32_t>(travel_.size()));
    if (inserted) {
      auto profile = routing::vehicle_profile(key.first, group.speed_kmh);
      if (!profile) throw std::invalid_argument("no vehicle profile named " + key.first);
      travel_.push_back(std::make_unique<routing::TravelTimes>(network_, *profile, congestion,
                                                               config_.routing_cache, threads_));
    }
    group_travel.push_back(it->second);
  }
  routing_seconds_ =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - routing_start).count();
  // A store's zone uses the roads every one of its riders may take.
  std::vector<routing::ZoneTree::Classes> roads(config_.stores.size(),
                                                routing::ZoneTree::all_classes());
  for (std::size_t g = 0; g < config_.riders.size(); ++g)
    for (std::size_t c = 0; c < routing::kRoadClassCount; ++c)
      roads[config_.riders[g].store][c] =
          roads[config_.riders[g].store][c] && travel_[group_travel[g]]->profile().allowed[c];

  stores_.resize(config_.stores.size());
  sim::parallel_for_each(stores_.size(), threads_, [&](std::size_t i) {
    stores_[i] = std::make_unique<StoreLp>(*this, static_cast<std::uint32_t>(i), config_.stores[i],
                                           roads[i]);
  });
  const sim::Time end = config_.duration + config_.drain;
  for (std::size_t g = 0; g < config_.riders.size(); ++g) {
    const auto& group = config_.riders[g];
    assert(group.store < stores_.size());
    for (int k = 0; k < group.count; ++k) {
      Rider r;
      r.id = static_cast<std::uint32_t>(riders_.size());
      r.store = static_cast<std::uint32_t>(group.store);
      r.vehicle = group.vehicle;
      r.travel = group_travel[g];
      r.capacity = group.capacity;
      r.at = stores_[r.store]->node();
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
  if (config_.dispatch.cross_store || config_.dispatch.reposition) {
    // Any rider of the city may serve any store.
    sim::Time last = 0;
    for (const auto& s : stores_) last = std::max(last, s->last_shift_end);
    for (auto& s : stores_) s->last_shift_end = last;
    lenders_.resize(stores_.size());
    lender_ms_.resize(stores_.size());
    sim::parallel_for_each(stores_.size(), threads_, [&](std::size_t to) {
      for (std::size_t from = 0; from < stores_.size(); ++from) {
        const double d = stores_[from]->out().distance_m(stores_[to]->node());
        if (from != to && d != routing::ZoneTree::kUnreachable)
          lenders_[to].push_back({static_cast<std::uint32_t>(from), d});
      }
      std::sort(lenders_[to].begin(), lenders_[to].end(), [](const auto& a, const auto& b) {
        return std::tie(a.second, a.first) < std::tie(b.second, b.first);
      });
      // Rides between stores, by every profile at every level, asked once.
      for (const auto& [from, d] : lenders_[to]) {
        std::vector<routing::Weight> ms;
        for (const auto& travel : travel_)
          for (std::uint32_t level = 0; level < travel->level_count(); ++level)
            ms.push_back(travel->level_ms(stores_[from]->node(), stores_[to]->node(), level));
        lender_ms_[to].push_back(std::move(ms));
      }
    });
  }
  setup_operations();
  place_orders();
}

World::~World() = default;

// Drone hubs and their fleets, the weather and airspace they fly in, and the cold chain's
// sensors: in the stores' order, then the riders', then the drones'.
void World::setup_operations() {
  const ColdChainConfig& cc = config_.cold_chain;
  if (cc.enabled)
    for (std::uint32_t c = 0; c < cc.classes.size(); ++c)
      if (cc.classes[c].cold()) cold_classes_.push_back(c);
  const DroneConfig& dc = config_.drones;
  if (!dc.hubs.empty()) {
    std::vector<Storm> storms;
    for (const Incident& inc : config_.incidents)
      if (inc.kind == Incident::Kind::storm &&
          (inc.wind_mps > dc.limits.max_wind_mps || inc.rain_mmh > dc.limits.max_rain_mmh))
        storms.push_back({inc.from, inc.to});
    flight_weather_ =
        std::make_unique<FlightWeather>(dc.weather, dc.limits, config_.start_tod, storms);
    airspace_ = std::make_unique<routing::Airspace>(dc.no_fly);
  }
  for (std::uint32_t k = 0; k < dc.hubs.size(); ++k) {
    const HubConfig& h = dc.hubs[k];
    StoreLp& store = *stores_[h.store];
    StoreLp::Hub hub;
    hub.cfg = k;
    hub.spares_ready.assign(static_cast<std::size_t>(h.spare_batteries), 0);
    if (routing::haversine_m(h.location, store.cfg().location) >= 1)
      hub.to_store_m = airspace_->flight_m(h.location, store.cfg().location);
    for (int i = 0; i < h.drones; ++i) {
      Drone d;
      d.id = static_cast<std::uint32_t>(drones_.size());
      d.hub = k;
      d.charge_wh = h.spec.battery_wh;
      d.fly_from = d.fly_to = h.location;
      d.record.id = d.id;
      d.record.hub = k;
      hub.drones.push_back(d.id);
      drones_.push_back(d);
    }
    store.hubs_.push_back(std::move(hub));
  }
  if (!cc.enabled || !cc.sensors.enabled) return;
  const SensorConfig& sc = cc.sensors;
  auto add = [&](std::string id, std::uint32_t c) {
    sensor_info_.push_back({std::move(id), c});
    const TempClass& cls = cc.classes[c];
    return SensorLog(static_cast<std::uint32_t>(sensor_info_.size() - 1), cls.min_c, cls.max_c,
                     sc.alert_after, sc.log_period);
  };
  for (auto& store : stores_)
    for (std::uint32_t c : store->unit_classes_)
      store->unit_logs_.push_back(add("store/" + store->cfg().id + "/" + cc.classes[c].name, c));
  for (const Rider& r : riders_)
    for (std::uint32_t c : cold_classes_)
      mobile_logs_.push_back(add("rider/" + std::to_string(r.id) + "/" + cc.classes[c].name, c));
  for (const Drone& d : drones_)
    for (std::uint32_t c : cold_classes_)
      mobile_logs_.push_back(add("drone/" + std::to_string(d.id) + "/" + cc.classes[c].name, c));
}

bool World::store_open(std::size_t store, sim::Time t) const {
  for (const auto& [from, to] : stores_[store]->closed_)
    if (t >= from && t < to) return false;
  return true;
}

// Items are drawn over the SKU groups by their shares, from a stream of their own so that the
// rest of the run does not depend on the catalog. Without a catalog an item weighs 0.5 kg and
// fills a litre.
void World::fill_baskets() {
  const auto& groups = config_.catalog.groups;
  lines_.resize(orders_.size());
  litres_.resize(orders_.size());
  if (groups.empty()) {
    for (OrderRecord& o : orders_) {
      o.weight_kg = 0.5 * o.items;
      litres_[o.id] = 1.0 * o.items;
    }
    return;
  }
  std::vector<double> cumulative;
  double total = 0;
  for (const SkuGroup& g : groups) cumulative.push_back(total += g.share);
  sim::RandomStream rng(config_.seed, kBasketStream);
  for (OrderRecord& o : orders_) {
    std::map<std::uint16_t, std::uint16_t> lines;
    for (std::uint32_t i = 0; i < o.items; ++i) {
      const double u = rng.uniform() * total;
      const auto g = std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin();
      ++lines[static_cast<std::uint16_t>(
          std::min<std::ptrdiff_t>(g, static_cast<std::ptrdiff_t>(groups.size()) - 1))];
    }
    lines_[o.id].assign(lines.begin(), lines.end());
    basket_totals(o.id);
  }
}

void World::basket_totals(std::uint32_t id) {
  OrderRecord& o = orders_[id];
  const auto& groups = config_.catalog.groups;
  o.weight_kg = 0;
  litres_[id] = 0;
  o.cold.clear();
  for (const auto& [g, q] : lines_[id]) {
    o.weight_kg += groups[g].kg_per_item * q;
    litres_[id] += groups[g].litres_per_item * q;
  }
  for (std::uint32_t c : cold_classes_) {
    std::uint32_t items = 0;
    for (const auto& [g, q] : lines_[id])
      if (groups[g].temp_class == c) items += q;
    if (items > 0) o.cold.push_back({c, items, 0, 0, false});
  }
}

// At a dispatch epoch: each order a store could not stock goes to the nearest other open store
// (by road) that covers the customer and has not had it yet; with none left it is rejected.
void World::forward_orders(sim::Time now, sim::ParallelSimulator& engine) {
  for (std::uint32_t s = 0; s < stores_.size(); ++s) {
    StoreLp& from = *stores_[s];
    for (std::uint32_t id : from.forward_) {
      OrderRecord& o = orders_[id];
      tried_[id].push_back(s);
      std::int32_t best = -1;
      double best_d = 0;
      for (std::uint32_t t = 0; t < stores_.size(); ++t) {
        const StoreLp& to = *stores_[t];
        if (std::find(tried_[id].begin(), tried_[id].end(), t) != tried_[id].end() ||
            !store_open(t, now) ||
            routing::haversine_m(to.cfg().location, o.location) > to.cfg().radius_m ||
            !to.back().reachable(o.customer))
          continue;
        const double d = to.out().distance_m(o.customer);
        if (d == routing::ZoneTree::kUnreachable) continue;
        if (best < 0 || d < best_d) best = static_cast<std::int32_t>(t), best_d = d;
      }
      if (best < 0) {
        ++from.accepted_orders;
        from.reject(id, RejectReason::out_of_stock, now);
        continue;
      }
      o.store = best;
      o.distance_m = best_d;
      ++o.forwarded;
      ++orders_forwarded_;
      ++stores_[best]->pending_in_;
      engine.schedule(lp_of_store_[best], now, {kArrival, id, 1}, kPriorityArrival);
    }
    from.forward_.clear();
    from.check_finished(now);
  }
}

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
      if (routing::haversine_m(store.cfg().location, where) > store.cfg().radius_m ||
          !store_open(s, o.placed))
        continue;
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
  fill_baskets();
  if (config_.catalog.enabled && config_.catalog.on_stockout == StockoutAction::next_store)
    tried_.resize(orders_.size());
}

RunResult World::run(const ProgressFn& progress) {
  const auto wall_start = std::chrono::steady_clock::now();
  // No message ever crosses between stores, so the window only paces progress reports.
  sim::ParallelSimulator engine(
      window_ > 0 ? window_ : (config_.sample_period > 0 ? config_.sample_period : sim::kMinute),
      threads_);
  for (auto& store : stores_) {
    const sim::LpId id = engine.add_process(*store);
    lp_of_store_.push_back(id);
    store->start(engine, id);
  }
  const bool forwarding = !tried_.empty();
  const bool global =
      (config_.dispatch.cross_store || config_.dispatch.reposition) && config_.dispatch.epoch > 0;
  if (global || forwarding)
    engine.set_barrier(config_.dispatch.epoch > 0 ? config_.dispatch.epoch : 30 * sim::kSecond,
                       [&](sim::Time t) {
                         if (forwarding) forward_orders(t, engine);
                         if (!global) return;
                         if (config_.dispatch.cross_store) cross_store_dispatch(t, engine);
                         if (config_.dispatch.reposition && t % kRepositionPeriod == 0)
                           reposition(t, engine);
                       });
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
  const sim::Time limit = std::min(config_.duration + config_.drain, stop_);
  const auto stats = engine.run(limit, tick);
  sim::Time end_time = config_.duration;
  for (const auto& s : stores_)
    end_time = std::max(end_time, s->finished_at >= 0 ? s->finished_at : limit);
  RunResult result = collect(end_time, stats.events);
  result.global_dispatch_seconds = global_dispatch_seconds_;
  result.riders_lent = riders_lent_;
  result.riders_repositioned = riders_repositioned_;
  result.routing_seconds = routing_seconds_;
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
      if (r.state == RiderState::returning && r.plan.empty() && r.shift_end > now)
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
    const auto& lenders = lenders_[needs[i].store];
    for (std::size_t k = 0; k < lenders.size(); ++k) {
      const auto [s, d] = lenders[k];
      if (idle_of[s].empty()) continue;
      const std::int64_t ride =
          store_ride_ms(needs[i].store, k, riders_[idle_of[s].front()].travel, now);
      if (ride < 0) continue;
      const sim::Time eta = now + ride;
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
      StoreLp& to = *stores_[needs[i].store];
      Rider& rider = riders_[rider_id];
      OrderRecord& order = orders_[needs[i].order];
      rider.plan = {{order.id, routing::Stop::Kind::pickup},
                    {order.id, routing::Stop::Kind::dropoff}};
      order.assigned = now;
      order.rider = static_cast<std::int32_t>(rider_id);
      to.unassigned_.erase(std::find(to.unassigned_.begin(), to.unassigned_.end(), order.id));
      transfer_rider(rider_id, offer.store, needs[i].store, now, offer.eta, offer.distance_m,
                     engine);
      ++riders_lent_;
      break;
    }
  }
  global_dispatch_seconds_ +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

sim::Time World::store_ride_ms(std::uint32_t to, std::size_t k, std::uint32_t travel,
                               sim::Time now) const {
  std::size_t offset = 0;
  for (std::uint32_t t = 0; t < travel; ++t) offset += travel_[t]->level_count();
  const auto& ms = lender_ms_[to][k];
  return travel_[travel]
      ->trip_from(config_.start_tod + now, [&](std::uint32_t level) { return ms[offset + level]; })
      .duration_ms;
}

// An idle rider leaves `from` (its idle time is booked there) and rides to `to`, its new home,
// arriving at `eta`.
void World::transfer_rider(std::uint32_t rider_id, std::uint32_t from_store, std::uint32_t to_store,
                           sim::Time now, sim::Time eta, double distance_m,
                           sim::ParallelSimulator& engine) {
  StoreLp& from = *stores_[from_store];
  StoreLp& to = *stores_[to_store];
  Rider& rider = riders_[rider_id];
  from.set_state(rider, RiderState::to_store, now);
  --from.in_state_[static_cast<int>(RiderState::to_store)];
  ++to.in_state_[static_cast<int>(RiderState::to_store)];
  from.idle_.erase(std::find(from.idle_.begin(), from.idle_.end(), rider_id));
  from.riders_.erase(std::find(from.riders_.begin(), from.riders_.end(), rider_id));
  to.riders_.push_back(rider_id);
  rider.store = to_store;
  rider.leg_from = from.node_;
  rider.leg_level = static_cast<std::uint32_t>(
      travel_[rider.travel]->congestion().level_at(config_.start_tod + now));
  rider.at = to.node_;
  rider.depart = now;
  rider.arrive = eta;
  rider.distance_m += distance_m;
  const sim::LpId lp = lp_of_store_[to_store];
  engine.schedule(lp, eta, {kLegDone, rider_id, 0}, kPriorityMovement);
  if (rider.shift_end < config_.duration + config_.drain)
    engine.schedule(lp, rider.shift_end, {kShiftEnd, rider_id, 0}, kPriorityShiftEnd);
}

// Idle riders follow predicted demand. A store's demand over the next half hour is forecast as
// its orders of the last half hour, scaled by the demand profile's weight ahead against behind;
// its pressure is that forecast per free rider (idle or riding back empty, plus one). Stores in
// order of falling pressure, from one forecast order per free rider up, each take one idle rider
// from the nearest store under a third of their pressure that keeps at least two idle riders; a
// store gives or takes one rider an epoch.
void World::reposition(sim::Time now, sim::ParallelSimulator& engine) {
  const std::size_t n = stores_.size();
  constexpr sim::Time kWindow = 30 * sim::kMinute;
  // A store asks for a rider only when each of its free riders faces a forecast order or more.
  constexpr double kMinPressure = 1.0;
  auto weight = [&](sim::Time t) {
    const auto hour = static_cast<std::size_t>(((config_.start_tod + t) / sim::kHour) % 24);
    double total = 0;
    for (double w : config_.demand.profile) total += w;
    return total > 0 ? config_.demand.profile[hour] : 1.0;
  };
  const double behind = weight(now - kWindow / 2), ahead = weight(now + kWindow / 2);
  const double scale = behind > 0 ? ahead / behind : (ahead > 0 ? 1.0 : 0.0);
  std::vector<double> pressure(n, 0);
  std::vector<std::vector<std::uint32_t>> idle_of(n);
  sim::parallel_for_each(n, threads_, [&](std::size_t s) {
    const StoreLp& store = *stores_[s];
    const auto first = store.arrivals_.begin();
    const auto last = first + static_cast<std::ptrdiff_t>(store.arrived_);
    const auto recent =
        last - std::upper_bound(first, last, now - kWindow, [&](sim::Time t, std::uint32_t id) {
          return t < orders_[id].placed;
        });
    std::size_t free = 0;
    for (std::uint32_t id : store.idle_)
      if (riders_[id].shift_end > now) idle_of[s].push_back(id), ++free;
    for (std::uint32_t id : store.riders_) {
      const Rider& r = riders_[id];
      free += r.state == RiderState::returning && r.plan.empty() && r.shift_end > now;
    }
    pressure[s] = static_cast<double>(recent) * scale / static_cast<double>(free + 1);
  });
  std::vector<std::uint32_t> order(n);
  for (std::uint32_t s = 0; s < n; ++s) order[s] = s;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::tie(pressure[b], a) < std::tie(pressure[a], b);
  });
  std::vector<bool> touched(n, false);
  for (std::uint32_t to : order) {
    if (pressure[to] < kMinPressure || touched[to]) continue;
    for (std::size_t k = 0; k < lenders_[to].size(); ++k) {
      const auto [from, d] = lenders_[to][k];
      if (touched[from] || idle_of[from].size() < 3 || 3 * pressure[from] >= pressure[to]) continue;
      const std::uint32_t rider_id = idle_of[from].front();
      const std::int64_t ride = store_ride_ms(to, k, riders_[rider_id].travel, now);
      if (ride < 0) continue;
      transfer_rider(rider_id, from, to, now, now + ride, d, engine);
      touched[from] = touched[to] = true;
      ++riders_repositioned_;
      break;
    }
  }
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
  for (const auto& s : stores_) {
    StoreRecord rec{s->cfg().id,        s->cfg().location, s->node(),
                    s->accepted_orders, s->queue_area_ms,  {}};
    for (std::size_t g = 0; g < s->stock_.size(); ++g)
      rec.stock.push_back({config_.catalog.groups[g].name, s->stockouts_[g],
                           s->stock_[g].replenishments(), s->stock_[g].on_hand(end_time),
                           s->stock_min_[g]});
    r.stores.push_back(std::move(rec));
  }
  collect_operations(r);

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
      m.drones_airborne += x.drones_airborne;
      m.drones_grounded += x.drones_grounded;
    }
    m.placed = count_upto(placed, m.time);
    m.delivered = count_upto(delivered, m.time);
    m.on_time = count_upto(on_time, m.time);
    m.rejected = count_upto(rejected, m.time);
    r.samples.push_back(m);
  }
  return r;
}

// Drones, sensors, thermal traces and costs: merged from the stores in a fixed order.
void World::collect_operations(RunResult& r) {
  const ColdChainConfig& cc = config_.cold_chain;
  if (cc.enabled)
    for (const TempClass& c : cc.classes) {
      r.temp_classes.push_back(c.name);
      r.class_ranges.emplace_back(c.min_c, c.max_c);
    }
  for (const HubConfig& h : config_.drones.hubs)
    r.hubs.push_back({h.id, h.location, static_cast<std::uint32_t>(h.store)});
  for (const Drone& d : drones_) r.drones.push_back(d.record);
  r.sensors = sensor_info_;
  for (const auto& s : stores_) {
    r.readings.insert(r.readings.end(), s->readings.begin(), s->readings.end());
    r.traces.insert(r.traces.end(), s->traces.begin(), s->traces.end());
    r.alerts += s->alerts;
  }
  std::sort(r.readings.begin(), r.readings.end(), [](const auto& a, const auto& b) {
    return std::tie(a.time, a.sensor) < std::tie(b.time, b.sensor);
  });
  std::sort(r.traces.begin(), r.traces.end(), [](const auto& a, const auto& b) {
    return std::tie(a.order, a.temp_class) < std::tie(b.order, b.temp_class);
  });
  r.orders_forwarded = orders_forwarded_;
  const CostConfig& costs = config_.costs;
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

routing::LatLon World::drone_position(std::uint32_t drone_id, sim::Time t) const {
  const Drone& d = drones_[drone_id];
  if (t >= d.fly_arrive) return d.fly_to;
  if (t <= d.fly_depart) return d.fly_from;
  const double f =
      static_cast<double>(t - d.fly_depart) / static_cast<double>(d.fly_arrive - d.fly_depart);
  return {d.fly_from.lat + f * (d.fly_to.lat - d.fly_from.lat),
          d.fly_from.lon + f * (d.fly_to.lon - d.fly_from.lon)};
}

TwinState World::twin_state(sim::Time t) const {
  TwinState s;
  s.time = t;
  s.start_tod = config_.start_tod;
  s.promise = config_.promise;
  const std::size_t cold = cold_classes_.size();
  for (const auto& store : stores_) {
    bool alert = false;
    for (const SensorLog& log : store->unit_logs_) alert = alert || log.alerting();
    s.stores.push_back({store->cfg().location, store->cfg().id, alert});
  }
  for (const HubConfig& h : config_.drones.hubs) s.hubs.push_back({h.location, h.id, false});
  for (const Rider& r : riders_) {
    bool alert = false;
    for (std::size_t c = 0; c < cold && r.id * cold + c < mobile_logs_.size(); ++c)
      alert = alert || mobile_logs_[r.id * cold + c].alerting();
    s.riders.push_back({rider_position(r.id, t), r.id, static_cast<std::uint8_t>(r.state), alert});
    s.riders_idle += r.state == RiderState::idle;
  }
  for (const Drone& d : drones_) {
    const bool up = t >= d.fly_depart && t < d.fly_arrive;
    bool alert = false;
    const std::size_t base = (riders_.size() + d.id) * cold;
    for (std::size_t c = 0; c < cold && base + c < mobile_logs_.size(); ++c)
      alert = alert || mobile_logs_[base + c].alerting();
    s.drones.push_back({drone_position(d.id, t), d.id, static_cast<std::uint8_t>(up), alert});
    s.drones_up += up;
  }
  for (const OrderRecord& o : orders_) {
    if (o.placed > t) break;
    ++s.placed;
    if (o.status == OrderStatus::rejected && o.rejected <= t) continue;
    if (o.delivered <= t) {
      ++s.delivered;
      s.on_time += o.delivered - o.placed <= config_.promise;
      if (t - o.delivered < TwinState::kFade)
        s.orders.push_back({o.location, o.id, o.placed, o.delivered});
      continue;
    }
    ++s.in_flight;
    s.late_now += t - o.placed > config_.promise;
    s.orders.push_back({o.location, o.id, o.placed, sim::kNever});
  }
  return s;
}

routing::LatLon World::rider_position(std::uint32_t rider_id, sim::Time t) const {
  const Rider& rider = riders_[rider_id];
  if (rider.leg_from == routing::kNoNode || t >= rider.arrive) return network_->position(rider.at);
  if (t <= rider.depart) return network_->position(rider.leg_from);
  std::vector<routing::NodeId> path;
  travel_[rider.travel]->route(rider.leg_from, rider.at, rider.leg_level, &path);
  std::vector<double> steps;
  double total = 0;
  for (std::size_t i = 1; i < path.size(); ++i)
    total += steps.emplace_back(
        routing::haversine_m(network_->position(path[i - 1]), network_->position(path[i])));
  if (total <= 0) return network_->position(rider.at);
  // Along the leg's route at an even pace.
  const double covered = total * static_cast<double>(t - rider.depart) /
                         static_cast<double>(rider.arrive - rider.depart);
  double along = 0;
  for (std::size_t i = 1; i < path.size(); ++i) {
    const auto p = network_->position(path[i - 1]), q = network_->position(path[i]);
    const double step = steps[i - 1];
    if (along + step >= covered) {
      const double f = step > 0 ? (covered - along) / step : 0;
      return {p.lat + f * (q.lat - p.lat), p.lon + f * (q.lon - p.lon)};
    }
    along += step;
  }
  return network_->position(rider.at);
}

}  // namespace model
