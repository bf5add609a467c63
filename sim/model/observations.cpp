#include "sim/model/observations.h"

#include <algorithm>
#include <cassert>
#include <tuple>

#include "sim/engine/parallel_simulator.h"
#include "sim/model/cold_chain.h"
#include "sim/model/model_events.h"
#include "sim/model/store_context.h"

namespace model {

bool reanchor_leg(World& world, std::uint32_t rider_id, routing::NodeId from) {
  WorldState& st = world.state();
  const WorldSetup& w = world.setup();
  Rider& r = st.riders.at(rider_id);
  const sim::Time now = st.engine.now;
  const bool riding = r.state == RiderState::to_store || r.state == RiderState::delivering ||
                      r.state == RiderState::returning;
  if (!riding || r.service != Rider::Service::none || r.leg_from == routing::kNoNode ||
      now >= r.arrive || from == r.at)
    return false;
  const routing::TravelTimes& travel = *w.travel[r.travel];
  const auto trip = travel.trip(from, r.at, w.config.start_tod + now);
  if (trip.duration_ms < 0) return false;
  const auto old_leg = travel.leg(r.leg_from, r.at, r.leg_level);
  const auto new_leg = travel.leg(from, r.at, trip.level);
  const double left = r.arrive > r.depart && old_leg.length_m > 0
                          ? old_leg.length_m * static_cast<double>(r.arrive - now) /
                                static_cast<double>(r.arrive - r.depart)
                          : 0;
  auto leg_done = [&](const sim::Event& e) {
    return e.time == r.arrive && e.payload.kind == kLegDone && e.payload.a == rider_id;
  };
  // Not exactly the leg's own event pending: leave the rider as it is.
  if (std::count_if(st.engine.pending.begin(), st.engine.pending.end(), leg_done) != 1)
    return false;
  std::erase_if(st.engine.pending, leg_done);
  r.distance_m += std::max(0.0, new_leg.length_m) - left;
  r.leg_from = from;
  r.leg_level = trip.level;
  r.depart = now;
  r.arrive = now + trip.duration_ms;
  const sim::Time arrive = r.arrive;
  const auto lp = static_cast<sim::LpId>(r.store);
  world.change([&](const WorldSetup&, WorldState&, sim::ParallelSimulator& engine) {
    engine.schedule(lp, arrive, {kLegDone, rider_id, 0}, kPriorityMovement);
  });
  return true;
}

namespace {

bool leg_done_of(const sim::Event& e, std::uint32_t rider) {
  return e.payload.kind == kLegDone && e.payload.a == rider;
}

std::size_t pending_steps(const WorldState& st, std::uint32_t rider) {
  return static_cast<std::size_t>(
      std::count_if(st.engine.pending.begin(), st.engine.pending.end(),
                    [&](const auto& e) { return leg_done_of(e, rider); }));
}

// The rider's next step at now(). A pending one due now stays, keeping its place among the
// events of this instant (a twin that agrees with the model is not perturbed).
void step_now(World& world, std::uint32_t rider) {
  WorldState& st = world.state();
  const sim::Time now = st.engine.now;
  auto& pending = st.engine.pending;
  const auto it = std::find_if(pending.begin(), pending.end(),
                               [&](const auto& e) { return leg_done_of(e, rider); });
  if (it != pending.end()) {
    if (it->time == now) return;
    pending.erase(it);
  }
  const auto lp = static_cast<sim::LpId>(st.riders[rider].store);
  world.change([&](const WorldSetup&, WorldState&, sim::ParallelSimulator& engine) {
    engine.schedule(lp, now, {kLegDone, rider, 0}, kPriorityMovement);
  });
}

auto find_stop(std::vector<routing::Stop>& plan, std::uint32_t order, routing::Stop::Kind kind) {
  return std::find_if(plan.begin(), plan.end(),
                      [&](const routing::Stop& s) { return s.job == order && s.kind == kind; });
}

bool onboard(const Rider& r, std::uint32_t order) {
  return std::find(r.onboard.begin(), r.onboard.end(), order) != r.onboard.end();
}

}  // namespace

Override observe_delivered(World& world, std::uint32_t rider_id, std::uint32_t order_id) {
  WorldState& st = world.state();
  const WorldSetup& w = world.setup();
  const sim::Time now = st.engine.now;
  Rider& r = st.riders.at(rider_id);
  OrderRecord& o = st.orders.at(order_id);
  if (o.rider != static_cast<std::int32_t>(rider_id)) return Override::refused;
  if (o.status == OrderStatus::delivered && o.delivered <= now) return Override::agrees;
  const auto drop = find_stop(r.plan, order_id, routing::Stop::Kind::dropoff);
  if (o.status != OrderStatus::open || r.state != RiderState::delivering || drop == r.plan.end() ||
      !onboard(r, order_id))
    return Override::refused;
  const bool first = drop == r.plan.begin();
  if (r.service == Rider::Service::door) {
    if (!first) return Override::refused;
    if (r.service_end <= now) return Override::agrees;
  }
  if (r.service == Rider::Service::handover || pending_steps(st, rider_id) > 1)
    return Override::refused;
  if (r.service == Rider::Service::none && r.at != o.customer) {
    // Riding to another stop: this leg went from the same start to this door instead.
    if (r.leg_from == routing::kNoNode) return Override::refused;
    const routing::TravelTimes& travel = *w.travel[r.travel];
    const auto old_leg = travel.leg(r.leg_from, r.at, r.leg_level);
    const auto new_leg = travel.leg(r.leg_from, o.customer, r.leg_level);
    if (new_leg.length_m < 0) return Override::refused;
    r.distance_m += new_leg.length_m - std::max(0.0, old_leg.length_m);
  } else if (r.service == Rider::Service::walk_back) {
    // Walking back from another door: it rode from there to this one.
    const routing::TravelTimes& travel = *w.travel[r.travel];
    const auto trip = travel.trip(r.at, o.customer, w.config.start_tod + now);
    if (trip.duration_ms < 0) return Override::refused;
    r.distance_m += travel.leg(r.at, o.customer, trip.level).length_m;
    r.leg_from = r.at;
    r.leg_level = trip.level;
    r.depart = now;
  }
  if (r.service != Rider::Service::door) {
    r.at = o.customer;
    r.arrive = now;
    o.at_door = now;
    std::rotate(r.plan.begin(), drop, drop + 1);
  }
  r.service = Rider::Service::door;
  r.service_end = now;
  step_now(world, rider_id);
  return Override::applied;
}

Override observe_picked_up(World& world, std::uint32_t rider_id, std::uint32_t order_id) {
  WorldState& st = world.state();
  const sim::Time now = st.engine.now;
  Rider& r = st.riders.at(rider_id);
  const OrderRecord& o = st.orders.at(order_id);
  if (o.rider != static_cast<std::int32_t>(rider_id)) return Override::refused;
  if (o.picked_up <= now) return Override::agrees;
  const auto pick = find_stop(r.plan, order_id, routing::Stop::Kind::pickup);
  if (o.status != OrderStatus::open || pick == r.plan.end() ||
      (r.state != RiderState::to_store && r.state != RiderState::waiting))
    return Override::refused;
  if (r.service == Rider::Service::handover && pick == r.plan.begin() && r.service_end <= now)
    return Override::agrees;
  const bool pickups_first = std::all_of(r.plan.begin(), pick, [](const routing::Stop& s) {
    return s.kind == routing::Stop::Kind::pickup;
  });
  if (!pickups_first || o.packed > now || r.at != world.setup().stores[r.store].node ||
      (r.service != Rider::Service::none && r.service != Rider::Service::handover) ||
      pending_steps(st, rider_id) > 1)
    return Override::refused;
  if (r.state == RiderState::to_store) {
    r.arrive = std::min(r.arrive, now);
    set_rider_state(st.stores[r.store].fleet, r, RiderState::waiting, now);
  }
  std::rotate(r.plan.begin(), pick, pick + 1);
  r.service = Rider::Service::handover;
  r.service_end = now;
  step_now(world, rider_id);
  return Override::applied;
}

Override reassign_picked_up(World& world, std::uint32_t rider_id, std::uint32_t order_id) {
  WorldState& st = world.state();
  const sim::Time now = st.engine.now;
  Rider& r = st.riders.at(rider_id);
  OrderRecord& o = st.orders.at(order_id);
  if (o.rider == static_cast<std::int32_t>(rider_id))
    return observe_picked_up(world, rider_id, order_id);
  if (o.status != OrderStatus::open || o.drone >= 0 || o.picked_up <= now || o.packed > now ||
      o.store != static_cast<std::int32_t>(r.store))
    return Override::refused;
  const bool at_store = r.state == RiderState::idle || r.state == RiderState::waiting ||
                        r.state == RiderState::to_store || r.state == RiderState::returning;
  if (!at_store || !r.onboard.empty() || r.at != world.setup().stores[r.store].node ||
      r.service != Rider::Service::none || pending_steps(st, rider_id) > 1)
    return Override::refused;
  StoreState& store = st.stores[r.store];
  auto& unassigned = store.orders.unassigned;
  Rider* other = o.rider >= 0 ? &st.riders[o.rider] : nullptr;
  if (other ? find_stop(other->plan, order_id, routing::Stop::Kind::pickup) == other->plan.end()
            : std::find(unassigned.begin(), unassigned.end(), order_id) == unassigned.end())
    return Override::refused;
  // The orders the model had this rider collect are another rider's in the operation: they go
  // back to the store's queue, oldest first, for the model's dispatch to give them again.
  if (!r.plan.empty()) {
    for (const routing::Stop& stop : r.plan) {
      OrderRecord& x = st.orders[stop.job];
      if (x.rider != static_cast<std::int32_t>(rider_id)) continue;
      x.rider = -1;
      x.assigned = sim::kNever;
      const auto at = std::find_if(unassigned.begin(), unassigned.end(), [&](std::uint32_t id) {
        const OrderRecord& u = st.orders[id];
        return std::tie(u.placed, u.id) > std::tie(x.placed, x.id);
      });
      unassigned.insert(at, x.id);
    }
    r.plan.clear();
    if (const sim::Time at = claim_dispatch(world.setup().config, store, now); at >= 0)
      world.change([&](const WorldSetup&, WorldState&, sim::ParallelSimulator& engine) {
        engine.schedule(static_cast<sim::LpId>(r.store), at, {kDispatch, 0, 0}, kPriorityDispatch);
      });
  }
  const auto waiting = std::find(unassigned.begin(), unassigned.end(), order_id);

  if (other) {
    const bool in_its_handover =
        other->service == Rider::Service::handover && other->plan.front().job == order_id;
    std::erase_if(other->plan, [&](const routing::Stop& s) { return s.job == order_id; });
    if (in_its_handover) other->service = Rider::Service::none;
    if (other->state == RiderState::waiting && other->service == Rider::Service::none)
      step_now(world, other->id);
  } else {
    unassigned.erase(waiting);
    o.assigned = now;
  }
  o.rider = static_cast<std::int32_t>(rider_id);

  r.plan = {{order_id, routing::Stop::Kind::pickup}, {order_id, routing::Stop::Kind::dropoff}};
  FleetState& fleet = store.fleet;
  if (r.state == RiderState::idle) {
    fleet.idle.erase(std::find(fleet.idle.begin(), fleet.idle.end(), rider_id));
    set_rider_state(fleet, r, RiderState::waiting, now);
  } else if (r.state == RiderState::returning) {
    set_rider_state(fleet, r, RiderState::to_store, now);
  }
  const Override done = observe_picked_up(world, rider_id, order_id);
  assert(done == Override::applied);
  return done;
}

Override assign_observed(World& world, std::uint32_t rider_id, std::uint32_t order_id) {
  WorldState& st = world.state();
  const sim::Time now = st.engine.now;
  Rider& r = st.riders.at(rider_id);
  OrderRecord& o = st.orders.at(order_id);
  if (o.rider == static_cast<std::int32_t>(rider_id)) return Override::agrees;
  if (o.rider >= 0 || o.status != OrderStatus::open || o.drone >= 0 || o.picked_up <= now ||
      o.store != static_cast<std::int32_t>(r.store))
    return Override::refused;
  if ((r.state != RiderState::idle && r.state != RiderState::returning) || !r.plan.empty() ||
      !r.onboard.empty() || r.at != world.setup().stores[r.store].node ||
      r.service != Rider::Service::none || pending_steps(st, rider_id) > 1)
    return Override::refused;
  StoreState& store = st.stores[r.store];
  auto& unassigned = store.orders.unassigned;
  const auto waiting = std::find(unassigned.begin(), unassigned.end(), order_id);
  if (waiting == unassigned.end()) return Override::refused;
  unassigned.erase(waiting);
  o.assigned = now;
  o.rider = static_cast<std::int32_t>(rider_id);
  r.plan = {{order_id, routing::Stop::Kind::pickup}, {order_id, routing::Stop::Kind::dropoff}};
  FleetState& fleet = store.fleet;
  if (r.state == RiderState::idle) {
    fleet.idle.erase(std::find(fleet.idle.begin(), fleet.idle.end(), rider_id));
    set_rider_state(fleet, r, RiderState::waiting, now);
    if (o.packed <= now) step_now(world, rider_id);  // to the counter now
  } else {
    set_rider_state(fleet, r, RiderState::to_store, now);
  }
  return Override::applied;
}

bool exchange_riders(World& world, std::uint32_t a, std::uint32_t b) {
  WorldState& st = world.state();
  Rider& x = st.riders.at(a);
  Rider& y = st.riders.at(b);
  const auto home = [&](const Rider& r) {
    const FleetState& f = st.stores[r.store].fleet;
    return std::find(f.riders.begin(), f.riders.end(), r.id) != f.riders.end();
  };
  if (a == b || x.store != y.store || x.vehicle != y.vehicle || x.travel != y.travel ||
      x.capacity != y.capacity || x.state == RiderState::off_shift ||
      y.state == RiderState::off_shift || x.overtime_from != sim::kNever ||
      y.overtime_from != sim::kNever || !home(x) || !home(y))
    return false;
  // The open orders each holds (its stops and goods on board) become the other's.
  const auto held = [&](const Rider& r) {
    std::vector<std::uint32_t> k;
    for (const routing::Stop& stop : r.plan) k.push_back(stop.job);
    k.insert(k.end(), r.onboard.begin(), r.onboard.end());
    std::sort(k.begin(), k.end());
    k.erase(std::unique(k.begin(), k.end()), k.end());
    std::erase_if(
        k, [&](std::uint32_t o) { return st.orders[o].rider != static_cast<std::int32_t>(r.id); });
    return k;
  };
  const std::vector<std::uint32_t> of_x = held(x), of_y = held(y);
  for (std::uint32_t k : of_x) st.orders[k].rider = static_cast<std::int32_t>(b);
  for (std::uint32_t k : of_y) st.orders[k].rider = static_cast<std::int32_t>(a);
  std::swap(x.state, y.state);
  std::swap(x.since, y.since);
  std::swap(x.plan, y.plan);
  std::swap(x.onboard, y.onboard);
  std::swap(x.at, y.at);
  std::swap(x.leg_from, y.leg_from);
  std::swap(x.leg_level, y.leg_level);
  std::swap(x.depart, y.depart);
  std::swap(x.arrive, y.arrive);
  std::swap(x.service, y.service);
  std::swap(x.service_end, y.service_end);
  for (std::uint32_t& id : st.stores[x.store].fleet.idle) id = id == a ? b : id == b ? a : id;
  for (sim::Event& e : st.engine.pending)
    if (e.payload.kind == kLegDone && (e.payload.a == a || e.payload.a == b))
      e.payload.a = e.payload.a == a ? b : a;
  return true;
}

Override observe_at_store(World& world, std::uint32_t rider_id) {
  WorldState& st = world.state();
  const sim::Time now = st.engine.now;
  Rider& r = st.riders.at(rider_id);
  switch (r.state) {
    case RiderState::idle:
    case RiderState::waiting:
      return Override::agrees;
    case RiderState::off_shift:
      return observe_on_shift(world, rider_id);
    case RiderState::delivering:
      return Override::refused;
    case RiderState::to_store:
    case RiderState::returning:
      break;
  }
  if (r.arrive <= now) return Override::agrees;
  if (r.service != Rider::Service::none || r.at != world.setup().stores[r.store].node ||
      pending_steps(st, rider_id) > 1)
    return Override::refused;
  r.arrive = now;
  step_now(world, rider_id);
  return Override::applied;
}

Override observe_on_shift(World& world, std::uint32_t rider_id) {
  WorldState& st = world.state();
  const sim::Time now = st.engine.now;
  Rider& r = st.riders.at(rider_id);
  if (r.state != RiderState::off_shift) return Override::agrees;
  auto& pending = st.engine.pending;
  auto shift_start = [&](const sim::Event& e) {
    return e.payload.kind == kShiftStart && e.payload.a == rider_id;
  };
  const bool due = std::any_of(pending.begin(), pending.end(), [&](const sim::Event& e) {
    return shift_start(e) && e.time <= now && now < r.shift_end;
  });
  if (due) return Override::agrees;
  StoreState& store = st.stores[r.store];
  if (store.orders.finished_at >= 0 || r.at != world.setup().stores[r.store].node)
    return Override::refused;
  std::erase_if(pending, shift_start);
  r.shift_start = std::min(r.shift_start, now);
  const sim::Time end = world.end();
  const bool extend = r.shift_end <= now;
  if (extend) {
    r.shift_end = store.fleet.last_shift_end > now ? store.fleet.last_shift_end : end;
    store.fleet.last_shift_end = std::max(store.fleet.last_shift_end, r.shift_end);
  }
  const auto lp = static_cast<sim::LpId>(r.store);
  const sim::Time shift_end = r.shift_end;
  world.change([&](const WorldSetup&, WorldState&, sim::ParallelSimulator& engine) {
    engine.schedule(lp, now, {kShiftStart, rider_id, 0}, kPriorityShiftStart);
    if (extend && shift_end < end)
      engine.schedule(lp, shift_end, {kShiftEnd, rider_id, 0}, kPriorityShiftEnd);
  });
  return Override::applied;
}

Override observe_off_shift(World& world, std::uint32_t rider_id) {
  WorldState& st = world.state();
  const sim::Time now = st.engine.now;
  Rider& r = st.riders.at(rider_id);
  if (r.state == RiderState::off_shift || r.shift_end <= now) return Override::agrees;
  FleetState& fleet = st.stores[r.store].fleet;
  if (r.state == RiderState::idle) {
    if (const auto it = std::find(fleet.idle.begin(), fleet.idle.end(), rider_id);
        it != fleet.idle.end())
      fleet.idle.erase(it);
    set_rider_state(fleet, r, RiderState::off_shift, now);
  }
  r.shift_end = now;
  return Override::applied;
}

bool observe_unit_temperature(World& world, std::uint32_t store, std::uint32_t temp_class,
                              double celsius) {
  const auto& units = world.setup().stores.at(store).units;
  if (temp_class >= units.size() || !units[temp_class]) return false;
  const ColdUnit& unit = *units[temp_class];
  ColdChainState& cold = world.state().stores[store].cold;
  const sim::Time now = world.now();
  const UnitObservation* before = unit_observation(cold, temp_class);
  const TempClass& cls = unit.temp_class();
  UnitObservation seen{now, celsius, sim::kNever};
  // Out of range: since the model had it out, or, if the model had it in, since now.
  if (celsius < cls.min_c || celsius > cls.max_c) {
    const sim::Time left = unit.left_range(now, before);
    seen.left = left == sim::kNever ? now : left;
  }
  if (cold.observed.size() < units.size()) cold.observed.resize(units.size());
  cold.observed[temp_class] = seen;
  return true;
}

double unit_temperature(const World& world, std::uint32_t store, std::uint32_t temp_class) {
  const ColdUnit& unit = *world.setup().stores.at(store).units.at(temp_class);
  return unit.temperature(world.now(),
                          unit_observation(world.state().stores[store].cold, temp_class));
}

}  // namespace model
