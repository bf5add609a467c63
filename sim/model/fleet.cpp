#include "sim/model/fleet.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "sim/model/cold_chain.h"
#include "sim/model/model_events.h"
#include "sim/model/store_context.h"

namespace model {

namespace {

std::size_t hour_of(sim::Time t, std::size_t hours) {
  return std::min(static_cast<std::size_t>(t / sim::kHour), hours - 1);
}

void start_leg(StoreContext& s, Rider& rider, routing::NodeId to, RiderState state) {
  const sim::Time now = s.now();
  const routing::TravelTimes& travel = *s.world.travel[rider.travel];
  const auto trip = s.routes.trip(rider.travel, rider.at, to, now);
  double length =
      trip.duration_ms >= 0 ? s.routes.trip_length(rider.travel, trip.level, rider.at, to) : -1;
  sim::Time duration = trip.duration_ms;
  if (duration < 0) {
    // Only a rider lent to a store whose roads its vehicle may not use gets here: it goes as the
    // crow flies.
    const routing::RoadNetwork& net = *s.world.network;
    length = routing::haversine_m(net.position(rider.at), net.position(to));
    duration =
        static_cast<sim::Time>(std::llround(length / (travel.profile().speed_kmh / 3.6) * 1000.0));
  }
  rider.leg_from = rider.at;
  rider.leg_level = trip.duration_ms >= 0 ? trip.level : 0;
  rider.at = to;
  rider.depart = now;
  rider.arrive = now + duration;
  rider.distance_m += length;
  set_rider_state(s.store.fleet, rider, state, now);
  s.ctx.schedule(rider.arrive, {kLegDone, rider.id, 0}, kPriorityMovement);
}

// The rider takes the packed goods of its plan's first stop at the counter and rides off.
void take_goods(StoreContext& s, Rider& rider) {
  const sim::Time now = s.now();
  OrderRecord& order = s.state.orders[rider.plan.front().job];
  order.picked_up = now;
  open_doors(s, rider.onboard, now);
  place_goods(s, order.id, Goods::Place::carried, now, Goods::kRiderBox);
  rider.onboard.push_back(order.id);
  rider.plan.erase(rider.plan.begin());
}

// The goods of the plan's first stop in the customer's hands.
void hand_to_customer(StoreContext& s, Rider& rider) {
  const sim::Time now = s.now();
  const std::uint32_t id = rider.plan.front().job;
  rider.onboard.erase(std::find(rider.onboard.begin(), rider.onboard.end(), id));
  open_doors(s, rider.onboard, now);
  deliver(s, id, now);
  ++rider.deliveries;
  rider.plan.erase(rider.plan.begin());
}

// Starts serving a stop for a drawn time (the hand-over at the store, the door, the walk back);
// false when the draw is 0 and the stop is served at once.
bool serve(StoreContext& s, Rider& rider, Rider::Service what) {
  const Distribution& d = what == Rider::Service::handover ? s.site.cfg.handover
                          : what == Rider::Service::door   ? s.config().door.handover
                                                           : s.config().door.walk_back;
  const sim::Time t = draw(s, d);
  if (t <= 0) return false;
  const RiderState state =
      what == Rider::Service::handover ? RiderState::waiting : RiderState::delivering;
  if (rider.state != state) set_rider_state(s.store.fleet, rider, state, s.now());
  rider.service = what;
  rider.service_end = s.now() + t;
  s.ctx.schedule(rider.service_end, {kLegDone, rider.id, 0}, kPriorityMovement);
  return true;
}

bool coming(RiderState s) {
  return s == RiderState::returning || s == RiderState::to_store || s == RiderState::waiting;
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

void set_rider_state(FleetState& fleet, Rider& rider, RiderState state, sim::Time now) {
  if (rider.state != RiderState::off_shift) {
    const bool busy = rider.state != RiderState::idle;
    rider.on_shift += now - rider.since;
    if (rider.overtime_from != sim::kNever && now > rider.overtime_from)
      rider.overtime += now - std::max(rider.since, rider.overtime_from);
    if (busy) rider.busy += now - rider.since;
    for (sim::Time t = rider.since; t < now;) {
      const std::size_t h = hour_of(t, fleet.hours.size());
      const sim::Time upto = std::min<sim::Time>(now, static_cast<sim::Time>(h + 1) * sim::kHour);
      fleet.hours[h].rider_on_shift_ms += static_cast<double>(upto - t);
      if (busy) fleet.hours[h].rider_busy_ms += static_cast<double>(upto - t);
      t = upto;
    }
  }
  if (coming(state) && !coming(rider.state)) {
    // Kept sorted and distinct; entries of riders that left these states are dropped by
    // coming_riders(). A fleet whose store never dispatches starts over rather than grow the list.
    auto& list = fleet.coming;
    if (list.size() > 2 * fleet.riders.size() + 64) list.clear();
    const FleetSlot entry{rider.fleet_slot, rider.id};
    if (const auto at = std::lower_bound(list.begin(), list.end(), entry);
        at == list.end() || *at != entry)
      list.insert(at, entry);
  }
  --fleet.in_state[static_cast<int>(rider.state)];
  ++fleet.in_state[static_cast<int>(state)];
  rider.state = state;
  rider.since = now;
}

const std::vector<FleetSlot>& coming_riders(FleetState& fleet, std::vector<Rider>& riders) {
  auto& list = fleet.coming;
  const std::size_t expected = fleet.in_state[static_cast<int>(RiderState::returning)] +
                               fleet.in_state[static_cast<int>(RiderState::to_store)] +
                               fleet.in_state[static_cast<int>(RiderState::waiting)];
  // A rider is read only once it is known to be of this fleet: one that left it is another
  // store's, maybe being moved by that store's thread.
  std::erase_if(list, [&](const FleetSlot& e) {
    return e.slot >= fleet.riders.size() || fleet.riders[e.slot] != e.rider ||
           !coming(riders[e.rider].state);
  });
  // What is left are distinct riders of the fleet in those states; as many as in_state counts
  // means all of them.
  if (list.size() == expected) {
#ifndef NDEBUG
    std::vector<FleetSlot> scan;
    for (std::uint32_t i = 0; i < fleet.riders.size(); ++i)
      if (coming(riders[fleet.riders[i]].state)) scan.push_back({i, fleet.riders[i]});
    assert(scan == list);
#endif
    return list;
  }
  list.clear();
  for (std::uint32_t i = 0; i < fleet.riders.size(); ++i) {
    Rider& r = riders[fleet.riders[i]];
    r.fleet_slot = i;
    if (coming(r.state)) list.push_back({i, r.id});
  }
  return list;
}

void advance_rider(StoreContext& s, Rider& rider) {
  const sim::Time now = s.now();
  auto& orders = s.state.orders;
  const routing::NodeId home = s.site.node;
  if (rider.service != Rider::Service::none) {
    if (now < rider.service_end) return;  // called by another part while it serves
    const Rider::Service done = rider.service;
    rider.service = Rider::Service::none;
    if (done == Rider::Service::handover) {
      take_goods(s, rider);
    } else if (done == Rider::Service::door) {
      hand_to_customer(s, rider);
      if (serve(s, rider, Rider::Service::walk_back)) return;
    }
  }
  while (!rider.plan.empty()) {
    const routing::Stop stop = rider.plan.front();
    OrderRecord& order = orders[stop.job];
    const bool pickup = stop.kind == routing::Stop::Kind::pickup;
    const routing::NodeId target = pickup ? home : order.customer;
    if (rider.at != target) {
      start_leg(s, rider, target, pickup ? RiderState::to_store : RiderState::delivering);
      return;
    }
    if (pickup) {
      if (order.packed == sim::kNever) {
        if (rider.state != RiderState::waiting)
          set_rider_state(s.store.fleet, rider, RiderState::waiting, now);
        return;
      }
      if (serve(s, rider, Rider::Service::handover)) return;
      take_goods(s, rider);
    } else {
      order.at_door = now;
      if (serve(s, rider, Rider::Service::door)) return;
      hand_to_customer(s, rider);
      if (serve(s, rider, Rider::Service::walk_back)) return;
    }
  }
  if (rider.at != home) {
    start_leg(s, rider, home, RiderState::returning);
    check_finished(s.state, s.store, now);
    return;
  }
  if (now >= rider.shift_end || s.store.orders.finished_at >= 0) {
    set_rider_state(s.store.fleet, rider, RiderState::off_shift, now);
  } else {
    set_rider_state(s.store.fleet, rider, RiderState::idle, now);
    s.store.fleet.idle.push_back(rider.id);
    request_dispatch(s);
  }
  check_finished(s.state, s.store, now);
}

void on_shift_start(StoreContext& s, std::uint32_t rider_id) {
  Rider& rider = s.state.riders[rider_id];
  // A rider whose shift was ended early (a what-if) stays off.
  if (rider.state != RiderState::off_shift || s.store.orders.finished_at >= 0 ||
      s.now() >= rider.shift_end)
    return;
  set_rider_state(s.store.fleet, rider, RiderState::idle, s.now());
  s.store.fleet.idle.push_back(rider.id);
  request_dispatch(s);
}

void on_shift_end(StoreContext& s, std::uint32_t rider_id) {
  const sim::Time now = s.now();
  Rider& rider = s.state.riders[rider_id];
  FleetState& fleet = s.store.fleet;
  StoreOrders& book = s.store.orders;
  const bool last = now >= fleet.last_shift_end;
  if (last && s.config().operations.overtime && book.open > 0)
    for (std::uint32_t id : fleet.riders) {
      Rider& r = s.state.riders[id];
      if (r.store != s.index || r.state == RiderState::off_shift || r.shift_end < now ||
          r.shift_end == sim::kNever)
        continue;
      r.overtime_from = r.shift_end;
      r.shift_end = sim::kNever;
    }
  // A rider lent to another store gets its shift's end there.
  if (rider.store == s.index && rider.state == RiderState::idle && rider.shift_end <= now) {
    fleet.idle.erase(std::find(fleet.idle.begin(), fleet.idle.end(), rider.id));
    set_rider_state(fleet, rider, RiderState::off_shift, now);
  }
  // Busy riders finish their order and go off shift when back at the store.
  if (!last) return;
  const bool kept = std::any_of(fleet.riders.begin(), fleet.riders.end(), [&](std::uint32_t id) {
    return s.state.riders[id].shift_end == sim::kNever;
  });
  if (!kept) {
    PickingState& picking = s.store.picking;
    account_queue(picking, now);
    for (std::uint32_t id : book.unassigned) {
      reject(s.state, s.store, id, RejectReason::no_rider, now);
      --book.open;
      auto it = std::find(picking.queue.begin(), picking.queue.end(), id);
      if (it != picking.queue.end()) picking.queue.erase(it);
    }
    book.unassigned.clear();
  }
  check_finished(s.state, s.store, now);
}

void end_overtime(WorldState& state, StoreState& store, sim::Time now) {
  FleetState& fleet = store.fleet;
  if (now < fleet.last_shift_end || store.orders.open > 0) return;
  for (std::uint32_t id : fleet.riders) {
    Rider& r = state.riders[id];
    if (r.shift_end != sim::kNever || r.overtime_from == sim::kNever) continue;
    r.shift_end = r.overtime_from;
    if (r.state != RiderState::idle) continue;
    fleet.idle.erase(std::find(fleet.idle.begin(), fleet.idle.end(), r.id));
    set_rider_state(fleet, r, RiderState::off_shift, now);
  }
}

}  // namespace model
