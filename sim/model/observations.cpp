#include "sim/model/observations.h"

#include <algorithm>

#include "sim/engine/parallel_simulator.h"
#include "sim/model/model_events.h"

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

}  // namespace model
