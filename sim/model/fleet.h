// The rider fleet: each rider's shift, state machine, plan and current leg, and per store the
// riders based there with the time they spend in each state. Riders are ridden by their store's
// logical process; a rider lent to another store moves to that store's fleet at a barrier.
//
// A rider's day: off shift -> idle at the store -> (given a plan by dispatch) to the store or
// waiting there for packed goods -> delivering, stop by stop -> returning -> idle, and off shift
// once its shift has ended and it is back. Movement is analytic: a leg has a departure and an
// arrival time on the fastest route for the rider's vehicle at that time of day.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <vector>

#include "routing/dispatch.h"
#include "routing/road_network.h"
#include "sim/engine/time.h"
#include "sim/model/run_result.h"
#include "sim/model/world_config.h"

namespace model {

struct StoreContext;
struct StoreState;
struct WorldState;

enum class RiderState : std::uint8_t { off_shift, idle, to_store, waiting, delivering, returning };
inline constexpr int kRiderStates = 6;
const char* to_string(RiderState s);

struct Rider {
  std::uint32_t id = 0;
  std::uint32_t store = 0;
  Vehicle vehicle = Vehicle::ebike;
  std::uint32_t travel = 0;  // index into WorldSetup::travel: the vehicle profile
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
  // The current (or last) leg: from leg_from at `depart` to `at` at `arrive`, at a congestion
  // level.
  routing::NodeId leg_from = routing::kNoNode;
  std::uint32_t leg_level = 0;
  sim::Time depart = 0;
  sim::Time arrive = 0;
  double distance_m = 0;
  std::uint32_t deliveries = 0;
  sim::Time on_shift = 0;
  sim::Time busy = 0;
  // The stop it is serving where it is, until service_end: the hand-over at the store's counter,
  // the door (arrival to the goods in the customer's hands), or the walk back to its vehicle.
  enum class Service : std::uint8_t { none, handover, door, walk_back };
  Service service = Service::none;
  sim::Time service_end = 0;
  // Its shift's end when it was kept on past it to deliver the store's accepted orders
  // (operations.overtime), kNever otherwise; shift_end is kNever while the overtime lasts.
  sim::Time overtime_from = sim::kNever;
  sim::Time overtime = 0;  // time on shift after overtime_from
  // Its position in its store's FleetState::riders when last looked up: a hint, checked before
  // use, not part of the checkpoint (see coming_riders).
  std::uint32_t fleet_slot = 0;
};

// A rider of a fleet and its position in FleetState::riders.
struct FleetSlot {
  std::uint32_t slot = 0;
  std::uint32_t rider = 0;
  auto operator<=>(const FleetSlot&) const = default;
};

// The riders a store dispatches: its own and those lent to it.
struct FleetState {
  std::vector<std::uint32_t> riders;
  std::deque<std::uint32_t> idle;  // longest idle first
  std::array<std::uint32_t, kRiderStates> in_state{};
  sim::Time last_shift_end = 0;   // no rider of the store works after it
  std::vector<HourRecord> hours;  // rider time on shift and busy per scenario hour
  // Riders that entered returning, to_store or waiting since coming_riders() last ran (and those
  // it found then), sorted and distinct: a hint that lets it skip the idle riders, not part of the
  // checkpoint.
  std::vector<FleetSlot> coming;
};

// Whether the rider may be lent or moved to another store at `now`: on shift, not in overtime.
inline bool lendable(const Rider& r, sim::Time now) {
  return r.shift_end > now && r.overtime_from == sim::kNever;
}

// The fleet's riders riding back, riding to the store or waiting there, in the order of
// fleet.riders. Costs their number, not the fleet's: it checks fleet.coming against the fleet and
// in_state, and passes over fleet.riders only when riders joined or left the fleet or changed
// state past set_rider_state since the last call (lent, swapped by the twin, a checkpoint loaded).
// Reads only riders of this fleet, so stores may call it in parallel.
const std::vector<FleetSlot>& coming_riders(FleetState& fleet, std::vector<Rider>& riders);

// Books the rider's time in its old state (split over the scenario hours it spans) and moves it
// to `state` at `now`.
void set_rider_state(FleetState& fleet, Rider& rider, RiderState state, sim::Time now);

// Carries on with the rider's plan from where it is: picks up, delivers, rides on, or goes back
// to the store and waits there.
void advance_rider(StoreContext& s, Rider& rider);
void on_shift_start(StoreContext& s, std::uint32_t rider);
// Off shift if idle; busy riders finish and go off shift when back. At the store's last shift's
// end, with operations.overtime, the riders whose shift ends then stay on while the store has
// accepted orders open (overtime); without it, or with no such rider, the orders no rider took
// are rejected `no_rider`.
void on_shift_end(StoreContext& s, std::uint32_t rider);
// Ends the store's overtime once no accepted order is open after its last shift's end: riders
// kept on go off shift (at once when idle, when back otherwise).
void end_overtime(WorldState& state, StoreState& store, sim::Time now);

}  // namespace model
