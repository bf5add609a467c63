#include "sim/model/city_dispatch.h"

#include <algorithm>
#include <tuple>
#include <vector>

#include "sim/engine/parallel_for.h"
#include "sim/model/model_events.h"

namespace model {

// At a dispatch epoch: each order a store could not stock goes to the nearest other open store
// (by road) that covers the customer and has not had it yet; with none left it is rejected.
void forward_orders(const WorldSetup& w, WorldState& state, sim::Time now,
                    sim::ParallelSimulator& engine) {
  for (std::uint32_t s = 0; s < state.stores.size(); ++s) {
    StoreState& from = state.stores[s];
    for (std::uint32_t id : from.orders.forward) {
      OrderRecord& o = state.orders[id];
      state.tried[id].push_back(s);
      std::int32_t best = -1;
      double best_d = 0;
      for (std::uint32_t t = 0; t < w.stores.size(); ++t) {
        const StoreSetup& to = w.stores[t];
        if (std::find(state.tried[id].begin(), state.tried[id].end(), t) != state.tried[id].end() ||
            !store_open(state.stores[t], now) ||
            routing::haversine_m(to.cfg.location, o.location) > to.cfg.radius_m ||
            !to.back.reachable(o.customer))
          continue;
        const double d = to.out.distance_m(o.customer);
        if (d == routing::ZoneTree::kUnreachable) continue;
        if (best < 0 || d < best_d) best = static_cast<std::int32_t>(t), best_d = d;
      }
      if (best < 0) {
        ++from.orders.accepted;
        reject(state, from, id, RejectReason::out_of_stock, now);
        continue;
      }
      o.store = best;
      o.distance_m = best_d;
      ++o.forwarded;
      ++state.orders_forwarded;
      ++state.stores[best].orders.pending_in;
      engine.schedule(static_cast<sim::LpId>(best), now, {kArrival, id, 1}, kPriorityArrival);
    }
    from.orders.forward.clear();
    check_finished(state, from, now);
  }
}

// Orders still waiting at a store with no idle rider of its own take an idle rider of another
// store when that rider can be there before the store's own returning riders. Gathering and
// scoring run in parallel over stores and orders; the choice runs in (placed, id) order, so the
// result does not depend on the thread count.
void cross_store_dispatch(const WorldSetup& w, WorldState& state, sim::Time now,
                          sim::ParallelSimulator& engine, int threads) {
  const std::size_t n = state.stores.size();
  // Most epochs nobody waits without a rider: find out before gathering anything.
  bool anyone_waiting = false;
  for (const auto& store : state.stores) anyone_waiting |= !store.orders.unassigned.empty();
  if (!anyone_waiting) return;
  struct Need {
    std::uint32_t store, order;
    sim::Time placed;
    sim::Time local_eta;  // when a rider of the store itself could take it
  };
  std::vector<std::vector<Need>> needs_of(n);
  std::vector<std::vector<std::uint32_t>> idle_of(n);
  sim::parallel_for_each(n, threads, [&](std::size_t s) {
    const StoreState& store = state.stores[s];
    for (std::uint32_t id : store.fleet.idle)
      if (lendable(state.riders[id], now)) idle_of[s].push_back(id);
    if (!idle_of[s].empty() || store.orders.unassigned.empty()) return;
    std::vector<sim::Time> returning;
    for (std::uint32_t id : store.fleet.riders) {
      const Rider& r = state.riders[id];
      if (r.state == RiderState::returning && r.plan.empty() && lendable(r, now))
        returning.push_back(r.arrive);
    }
    std::sort(returning.begin(), returning.end());
    std::size_t k = 0;
    for (std::uint32_t id : store.orders.unassigned) {
      const sim::Time local = k < returning.size() ? returning[k] : sim::kNever;
      ++k;
      needs_of[s].push_back({static_cast<std::uint32_t>(s), id, state.orders[id].placed, local});
    }
  });
  std::vector<Need> needs;
  for (const auto& v : needs_of) needs.insert(needs.end(), v.begin(), v.end());
  if (needs.empty()) return;
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
  sim::parallel_for_each(needs.size(), threads, [&](std::size_t i) {
    const auto& lenders = w.lenders[needs[i].store];
    for (std::size_t k = 0; k < lenders.size(); ++k) {
      const auto [s, d] = lenders[k];
      if (idle_of[s].empty()) continue;
      const std::int64_t ride =
          store_ride_ms(w, needs[i].store, k, state.riders[idle_of[s].front()].travel, now);
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
      StoreState& to = state.stores[needs[i].store];
      Rider& rider = state.riders[rider_id];
      OrderRecord& order = state.orders[needs[i].order];
      rider.plan = {{order.id, routing::Stop::Kind::pickup},
                    {order.id, routing::Stop::Kind::dropoff}};
      order.assigned = now;
      order.rider = static_cast<std::int32_t>(rider_id);
      to.orders.unassigned.erase(
          std::find(to.orders.unassigned.begin(), to.orders.unassigned.end(), order.id));
      transfer_rider(w, state, rider_id, offer.store, needs[i].store, now, offer.eta,
                     offer.distance_m, engine);
      ++state.riders_lent;
      break;
    }
  }
}

sim::Time store_ride_ms(const WorldSetup& w, std::uint32_t to, std::size_t k, std::uint32_t travel,
                        sim::Time now) {
  std::size_t offset = 0;
  for (std::uint32_t t = 0; t < travel; ++t) offset += w.travel[t]->level_count();
  const auto& ms = w.lender_ms[to][k];
  return w.travel[travel]
      ->trip_from(w.config.start_tod + now, [&](std::uint32_t level) { return ms[offset + level]; })
      .duration_ms;
}

// An idle rider leaves `from` (its idle time is booked there) and rides to `to`, its new home,
// arriving at `eta`.
void transfer_rider(const WorldSetup& w, WorldState& state, std::uint32_t rider_id,
                    std::uint32_t from_store, std::uint32_t to_store, sim::Time now, sim::Time eta,
                    double distance_m, sim::ParallelSimulator& engine) {
  FleetState& from = state.stores[from_store].fleet;
  FleetState& to = state.stores[to_store].fleet;
  Rider& rider = state.riders[rider_id];
  set_rider_state(from, rider, RiderState::to_store, now);
  --from.in_state[static_cast<int>(RiderState::to_store)];
  ++to.in_state[static_cast<int>(RiderState::to_store)];
  from.idle.erase(std::find(from.idle.begin(), from.idle.end(), rider_id));
  from.riders.erase(std::find(from.riders.begin(), from.riders.end(), rider_id));
  to.riders.push_back(rider_id);
  rider.store = to_store;
  rider.leg_from = w.stores[from_store].node;
  rider.leg_level = static_cast<std::uint32_t>(
      w.travel[rider.travel]->congestion().level_at(w.config.start_tod + now));
  rider.at = w.stores[to_store].node;
  rider.depart = now;
  rider.arrive = eta;
  rider.distance_m += distance_m;
  const auto lp = static_cast<sim::LpId>(to_store);
  engine.schedule(lp, eta, {kLegDone, rider_id, 0}, kPriorityMovement);
  if (rider.shift_end < w.config.duration + w.config.drain)
    engine.schedule(lp, rider.shift_end, {kShiftEnd, rider_id, 0}, kPriorityShiftEnd);
}

// Idle riders follow predicted demand. A store's demand over the next half hour is forecast as
// its orders of the last half hour, scaled by the demand profile's weight ahead against behind;
// its pressure is that forecast per free rider (idle or riding back empty, plus one). Stores in
// order of falling pressure, from one forecast order per free rider up, each take one idle rider
// from the nearest store under a third of their pressure that keeps at least two idle riders; a
// store gives or takes one rider an epoch.
void reposition(const WorldSetup& w, WorldState& state, sim::Time now,
                sim::ParallelSimulator& engine, int threads) {
  const std::size_t n = state.stores.size();
  constexpr sim::Time kWindow = 30 * sim::kMinute;
  // A store asks for a rider only when each of its free riders faces a forecast order or more.
  constexpr double kMinPressure = 1.0;
  auto weight = [&](sim::Time t) {
    const auto hour = static_cast<std::size_t>(((w.config.start_tod + t) / sim::kHour) % 24);
    double total = 0;
    for (double x : w.config.demand.profile) total += x;
    return total > 0 ? w.config.demand.profile[hour] : 1.0;
  };
  const double behind = weight(now - kWindow / 2), ahead = weight(now + kWindow / 2);
  const double scale = behind > 0 ? ahead / behind : (ahead > 0 ? 1.0 : 0.0);
  std::vector<double> pressure(n, 0);
  std::vector<std::vector<std::uint32_t>> idle_of(n);
  sim::parallel_for_each(n, threads, [&](std::size_t s) {
    const StoreState& store = state.stores[s];
    const auto first = store.orders.arrivals.begin();
    const auto last = first + static_cast<std::ptrdiff_t>(store.orders.arrived);
    const auto recent =
        last - std::upper_bound(first, last, now - kWindow, [&](sim::Time t, std::uint32_t id) {
          return t < state.orders[id].placed;
        });
    std::size_t free = 0;
    for (std::uint32_t id : store.fleet.idle)
      if (lendable(state.riders[id], now)) idle_of[s].push_back(id), ++free;
    for (std::uint32_t id : store.fleet.riders) {
      const Rider& r = state.riders[id];
      free += r.state == RiderState::returning && r.plan.empty() && lendable(r, now);
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
    for (std::size_t k = 0; k < w.lenders[to].size(); ++k) {
      const auto [from, d] = w.lenders[to][k];
      if (touched[from] || idle_of[from].size() < 3 || 3 * pressure[from] >= pressure[to]) continue;
      const std::uint32_t rider_id = idle_of[from].front();
      const std::int64_t ride = store_ride_ms(w, to, k, state.riders[rider_id].travel, now);
      if (ride < 0) continue;
      transfer_rider(w, state, rider_id, from, to, now, now + ride, d, engine);
      touched[from] = touched[to] = true;
      ++state.riders_repositioned;
      break;
    }
  }
}

}  // namespace model
