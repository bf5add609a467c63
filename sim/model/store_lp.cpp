#include "sim/model/store_lp.h"

#include <cassert>
#include <stdexcept>

#include "sim/model/model_events.h"
#include "sim/model/order_rules.h"
#include "sim/model/store_context.h"

namespace model {

namespace {

void on_sample(StoreContext& s) {
  const StoreState& store = s.store;
  Sample sample;
  sample.time = s.now();
  sample.in_flight = store.orders.open;
  sample.unassigned = static_cast<std::uint32_t>(store.orders.unassigned.size());
  sample.pick_queue = static_cast<std::uint32_t>(store.picking.queue.size());
  sample.riders_idle = store.fleet.in_state[static_cast<int>(RiderState::idle)];
  sample.riders_off = store.fleet.in_state[static_cast<int>(RiderState::off_shift)];
  sample.riders_busy = static_cast<std::uint32_t>(store.fleet.riders.size()) - sample.riders_idle -
                       sample.riders_off;
  for (const Hub& hub : store.drones.hubs) {
    sample.drones_grounded += !s.world.flight_weather->flyable(sample.time);
    for (std::uint32_t d : hub.drones) {
      const DroneState state = s.state.drones[d].state;
      sample.drones_airborne += state == DroneState::to_store || state == DroneState::delivering ||
                                state == DroneState::returning;
    }
  }
  s.store.samples.push_back(sample);
  if (store.orders.finished_at < 0)
    s.ctx.schedule(s.now() + s.config().sample_period, {kSample, 0, 0}, kPrioritySample);
}

}  // namespace

StoreLp::StoreLp(const WorldSetup& world, WorldState& state, std::uint32_t index)
    : world_(&world),
      state_(&state),
      index_(index),
      routes_(world),
      policy_(routing::make_dispatch_policy(state.policy)) {
  if (!policy_) throw std::invalid_argument("no dispatch policy named '" + state.policy + "'");
}

void StoreLp::schedule_start(sim::ParallelSimulator& engine, sim::LpId self) const {
  const WorldConfig& c = world_->config;
  const StoreState& store = state_->stores[index_];
  const sim::Time end = c.duration + c.drain;
  for (std::uint32_t id : store.fleet.riders) {
    const Rider& r = state_->riders[id];
    if (r.shift_start < end)
      engine.schedule(self, r.shift_start, {kShiftStart, id, 0}, kPriorityShiftStart);
    if (r.shift_end < end)
      engine.schedule(self, r.shift_end, {kShiftEnd, id, 0}, kPriorityShiftEnd);
  }
  for (std::uint32_t id : store.orders.arrivals)
    engine.schedule(self, state_->orders[id].placed, {kArrival, id, 0}, kPriorityArrival);
  engine.schedule(self, c.duration, {kEndOfDemand, 0, 0}, kPriorityEndOfDemand);
  engine.schedule(self, 0, {kSample, 0, 0}, kPrioritySample);
  if (c.cold_chain.enabled && c.cold_chain.sensors.enabled)
    engine.schedule(self, 0, {kSensor, 0, 0}, kPrioritySample);
}

void StoreLp::handle(const sim::Event& event, sim::Context& ctx) {
  StoreContext s{
      *world_,  *state_, state_->stores[index_], world_->stores[index_], index_, ctx, routes_,
      *policy_, scratch_};
  const auto& p = event.payload;
  switch (p.kind) {
    case kArrival:
      on_arrival(s, p.a, p.b != 0);
      break;
    case kPickDone:
      on_pick_done(s, p.a);
      break;
    case kDispatch:
      on_dispatch(s);
      break;
    case kLegDone:
      advance_rider(s, state_->riders[p.a]);
      break;
    case kShiftStart:
      on_shift_start(s, p.a);
      break;
    case kShiftEnd:
      on_shift_end(s, p.a);
      break;
    case kSample:
      on_sample(s);
      break;
    case kEndOfDemand:
      s.store.orders.demand_over = true;
      check_finished(*state_, s.store, ctx.now());
      break;
    case kDrone:
      on_drone(s, p.a, static_cast<std::uint32_t>(p.b));
      break;
    case kSensor:
      on_sensor(s);
      break;
    case kPickers:
      start_picking(s);
      break;
    case kPatience:
      on_patience(s, p.a);
      break;
    default:
      assert(false && "unknown event kind");
  }
}

}  // namespace model
