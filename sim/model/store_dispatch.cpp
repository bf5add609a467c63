// The glue between a store and its dispatch policy: the store's riders and orders as the
// policy's plain problem (routing/dispatch.h), and its routes back as riders' plans.
#include <algorithm>
#include <cmath>

#include "sim/model/model_events.h"
#include "sim/model/picking.h"
#include "sim/model/store_context.h"

namespace model {

namespace {

// What a store's dispatch policy asks: travel times by the riders' vehicle profiles, from the
// store's cache of legs.
class Oracle : public routing::TravelOracle {
 public:
  explicit Oracle(StoreRoutes& routes) : routes_(routes) {}
  std::int64_t travel_ms(std::uint32_t profile, routing::NodeId from, routing::NodeId to,
                         std::int64_t depart_ms) const override {
    const std::int64_t d = routes_.trip(profile, from, to, depart_ms).duration_ms;
    return d < 0 ? kUnreachableMs : d;
  }
  std::int64_t lower_bound_ms(std::uint32_t profile, routing::NodeId from,
                              routing::NodeId to) const override {
    return std::min(routes_.lower_bound_ms(profile, from, to), kUnreachableMs);
  }
  static constexpr std::int64_t kUnreachableMs = 24 * sim::kHour;

 private:
  StoreRoutes& routes_;
};

}  // namespace

sim::Time claim_dispatch(const WorldConfig& c, StoreState& store, sim::Time now) {
  const sim::Time epoch = c.dispatch.epoch;
  const sim::Time at = epoch > 0 ? (now + epoch - 1) / epoch * epoch : now;
  if (store.dispatch_at >= now && store.dispatch_at <= at) return -1;
  store.dispatch_at = at;
  return at;
}

void request_dispatch(StoreContext& s) {
  const sim::Time at = claim_dispatch(s.config(), s.store, s.now());
  if (at >= 0) s.ctx.schedule(at, {kDispatch, 0, 0}, kPriorityDispatch);
}

sim::Time draw_from(sim::RandomStream& rng, const Distribution& d) {
  const auto mean = static_cast<double>(d.mean);
  switch (d.kind) {
    case Distribution::Kind::fixed:
      return d.mean;
    case Distribution::Kind::exponential:
      return std::llround(rng.exponential(mean));
    case Distribution::Kind::lognormal:
      return d.mean > 0 ? std::llround(rng.lognormal(mean, d.cv)) : 0;
  }
  return d.mean;
}

sim::Time draw(StoreContext& s, const Distribution& d) { return draw_from(s.store.rng, d); }

sim::Time draw_items(StoreContext& s, const Distribution& per_item, std::uint32_t items) {
  if (items == 0 || per_item.mean == 0) return 0;
  Distribution d = per_item;
  d.mean *= static_cast<sim::Time>(items);
  return draw(s, d);
}

void on_dispatch(StoreContext& s) {
  const sim::Time now = s.now();
  StoreState& store = s.store;
  if (store.dispatch_at != now) return;  // superseded by an earlier call
  store.dispatch_at = -1;
  auto& unassigned = store.orders.unassigned;
  if (unassigned.empty()) return;
  if (!store.drones.hubs.empty()) {
    assign_drones(s);
    if (unassigned.empty()) return;
  }
  auto& riders = s.state.riders;
  auto& orders = s.state.orders;
  DispatchScratch& scratch = s.scratch;
  routing::DispatchProblem& problem = scratch.problem;
  problem.now = now;
  problem.jobs.clear();
  problem.open.clear();
  std::size_t vehicles = 0;           // of problem.vehicles, whose routes' buffers are kept
  auto& rider_of = scratch.rider_of;  // per vehicle
  rider_of.clear();
  auto& job_of = scratch.job_of;
  if (++scratch.stamp == 0) {
    job_of.assign(job_of.size(), {});
    scratch.stamp = 1;
  }
  auto find_slot = [&](std::uint32_t order_id) -> DispatchScratch::Slot& {
    const std::size_t mask = job_of.size() - 1;
    for (std::size_t i = (order_id * std::size_t{0x9E3779B1}) & mask;; i = (i + 1) & mask)
      if (job_of[i].stamp != scratch.stamp || job_of[i].order == order_id) return job_of[i];
  };
  auto job_index = [&](std::uint32_t order_id) {
    if (2 * (problem.jobs.size() + 1) > job_of.size()) {
      job_of.assign(std::max<std::size_t>(64, 2 * job_of.size()), {});
      for (std::uint32_t j = 0; j < problem.jobs.size(); ++j)
        find_slot(problem.jobs[j].id) = {problem.jobs[j].id, j, scratch.stamp};
    }
    DispatchScratch::Slot& slot = find_slot(order_id);
    if (slot.stamp == scratch.stamp) return slot.job;
    slot = {order_id, static_cast<std::uint32_t>(problem.jobs.size()), scratch.stamp};
    const OrderRecord& o = orders[order_id];
    // The drop-off's service is the door and the walk back; the deadline is moved by the walk
    // back so that lateness is the goods' hand-over to the customer against the promise.
    const DoorConfig& door = s.config().door;
    problem.jobs.push_back({order_id, s.site.node, o.customer, ready_estimate(s, o, now),
                            o.placed + s.config().promise + door.walk_back.mean, 1,
                            s.site.cfg.handover.mean, door.handover.mean + door.walk_back.mean});
    return slot.job;
  };
  // A rider whose plan holds only orders already given out is not offered to a policy that plans
  // only empty routes: the plan is the same.
  const bool only_empty = s.policy.plans_only_empty_routes();
  auto left_out = [&](const Rider& r) {
    return only_empty && !r.plan.empty() &&
           std::all_of(r.plan.begin(), r.plan.end(),
                       [&](const routing::Stop& stop) { return orders[stop.job].rider >= 0; });
  };
  auto offer = [&](const Rider& r, sim::Time free) {
    if (vehicles == problem.vehicles.size()) {
      problem.vehicles.emplace_back();
      if (!scratch.spare_routes.empty()) {
        problem.vehicles.back().route = std::move(scratch.spare_routes.back());
        scratch.spare_routes.pop_back();
      }
    }
    routing::DispatchVehicle& v = problem.vehicles[vehicles++];
    v.id = r.id;
    v.at = s.site.node;
    v.free_ms = free;
    v.capacity = r.capacity;
    v.profile = r.travel;
    v.load = 0;
    v.route.clear();
    // job_index may grow the table, never problem.vehicles: v stays valid.
    for (const routing::Stop& stop : r.plan) v.route.push_back({job_index(stop.job), stop.kind});
    rider_of.push_back(r.id);
  };
  // Riders who have not set off with goods: idle ones (longest idle first), then those riding
  // back or waiting, in the store's order.
  auto& others = scratch.others;  // (rider, when free)
  others.clear();
  int free_places = 0;
  for (const FleetSlot& c : coming_riders(store.fleet, riders)) {
    const Rider& r = riders[c.rider];
    if (r.shift_end <= now || !r.onboard.empty() || r.store != s.index ||
        r.service != Rider::Service::none)
      continue;
    free_places += std::max<int>(0, r.capacity - static_cast<int>(r.plan.size() / 2));
    if (!left_out(r)) others.emplace_back(r.id, r.state == RiderState::waiting ? now : r.arrive);
  }
  // Free places count only up to the open orders they can take.
  for (auto it = store.fleet.idle.begin();
       it != store.fleet.idle.end() && static_cast<std::size_t>(free_places) < unassigned.size();
       ++it)
    if (riders[*it].shift_end > now) free_places += riders[*it].capacity;
  // No more open orders than free places: the oldest first.
  const std::size_t open_jobs =
      std::min(unassigned.size(), static_cast<std::size_t>(std::max(0, free_places)));
  // Of equal idle riders (same vehicle profile and capacity, all at the store, free now) a policy
  // that takes the earliest first needs no more than one per open order; once every class the
  // world has is offered that many, the rest of the idle riders are not looked at.
  const bool thin = s.policy.takes_earliest_of_equal_vehicles();
  auto& classes = scratch.classes;  // (profile, capacity) -> offered
  classes.clear();
  std::size_t full = 0;  // classes offered open_jobs riders
  for (std::uint32_t id : store.fleet.idle) {
    if (thin && (open_jobs == 0 || (full > 0 && full == s.world.rider_classes))) break;
    const Rider& r = riders[id];
    if (r.shift_end <= now) continue;
    if (thin) {
      const std::uint64_t key =
          (std::uint64_t{r.travel} << 32) | static_cast<std::uint32_t>(r.capacity);
      auto c = std::find_if(classes.begin(), classes.end(),
                            [&](const auto& e) { return e.first == key; });
      if (c == classes.end()) c = classes.insert(classes.end(), {key, 0});
      if (c->second == open_jobs) continue;
      if (++c->second == open_jobs) ++full;
    }
    if (!left_out(r)) offer(r, now);
  }
  for (const auto& [id, free] : others) offer(riders[id], free);
  // Vehicles past this call's count go, their routes' buffers kept for the next calls.
  for (; problem.vehicles.size() > vehicles; problem.vehicles.pop_back())
    scratch.spare_routes.push_back(std::move(problem.vehicles.back().route));
  if (problem.vehicles.empty()) return;
  for (std::size_t i = 0; i < open_jobs; ++i) problem.open.push_back(job_index(unassigned[i]));
  const Oracle oracle(s.routes);
  const auto routes = s.policy.plan(problem, oracle);
  for (std::size_t v = 0; v < routes.size() && v < rider_of.size(); ++v) {
    Rider& rider = riders[rider_of[v]];
    const auto& route = routes[v];
    if (std::equal(route.begin(), route.end(), rider.plan.begin(), rider.plan.end(),
                   [&](const routing::Stop& a, const routing::Stop& b) {
                     return problem.jobs[a.job].id == b.job && a.kind == b.kind;
                   }))
      continue;
    rider.plan.clear();  // its buffer kept: riders take plan after plan
    for (const routing::Stop& stop : route)
      rider.plan.push_back({problem.jobs[stop.job].id, stop.kind});
    for (const routing::Stop& stop : rider.plan) {
      OrderRecord& order = orders[stop.job];
      if (order.rider >= 0) continue;
      order.assigned = now;
      order.rider = static_cast<std::int32_t>(rider.id);
      unassigned.erase(std::find(unassigned.begin(), unassigned.end(), order.id));
    }
    if (rider.state == RiderState::idle) {
      store.fleet.idle.erase(std::find(store.fleet.idle.begin(), store.fleet.idle.end(), rider.id));
      advance_rider(s, rider);
    } else if (rider.state == RiderState::waiting) {
      advance_rider(s, rider);
    } else if (rider.state == RiderState::returning && !rider.plan.empty()) {
      set_rider_state(store.fleet, rider, RiderState::to_store, now);
    }
  }
}

}  // namespace model
