// coming_riders (sim/model/fleet.h): the riders of a fleet riding back, riding to the store or
// waiting there, in the fleet's order, found without a pass over the fleet, must be exactly what
// that pass finds, whatever happened to the fleet since the last call: state changes through
// set_rider_state, riders lent from one store's fleet to another's (as cross-store dispatch and
// repositioning do it, past set_rider_state), states swapped by the twin, the hint lost as when a
// checkpoint is loaded.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "sim/model/fleet.h"

namespace {

using model::FleetSlot;
using model::FleetState;
using model::Rider;
using model::RiderState;

std::vector<FleetSlot> scan(const FleetState& fleet, const std::vector<Rider>& riders) {
  std::vector<FleetSlot> out;
  for (std::uint32_t i = 0; i < fleet.riders.size(); ++i) {
    const RiderState s = riders[fleet.riders[i]].state;
    if (s == RiderState::returning || s == RiderState::to_store || s == RiderState::waiting)
      out.push_back({i, fleet.riders[i]});
  }
  return out;
}

TEST(ComingRiders, EqualAPassOverTheFleetAfterEveryKindOfChange) {
  constexpr std::uint32_t kRiders = 40;
  std::vector<Rider> riders(kRiders);
  std::vector<FleetState> fleets(2);
  for (FleetState& f : fleets) f.hours.resize(1);
  // Riders of both stores interleaved, not in id order.
  for (std::uint32_t k = 0; k < kRiders; ++k) {
    const std::uint32_t id = (k * 17) % kRiders;
    riders[id].id = id;
    riders[id].store = id % 2;
    fleets[id % 2].riders.push_back(id);
    ++fleets[id % 2].in_state[static_cast<int>(RiderState::off_shift)];
  }
  std::mt19937 rng(7);
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  sim::Time now = 0;
  std::size_t rebuilt_hints = 0;
  for (int step = 0; step < 20'000; ++step) {
    now += 100;  // within the one scenario hour the fleet books
    const std::size_t from = pick(2);
    FleetState& f = fleets[from];
    const std::size_t what = pick(100);
    if (f.riders.empty()) continue;
    Rider& r = riders[f.riders[pick(f.riders.size())]];
    if (what < 85) {
      set_rider_state(f, r, static_cast<RiderState>(pick(model::kRiderStates)), now);
    } else if (what < 92) {
      // Lent: to_store in the old fleet's books, then moved with its count.
      FleetState& to = fleets[1 - from];
      set_rider_state(f, r, RiderState::to_store, now);
      --f.in_state[static_cast<int>(RiderState::to_store)];
      ++to.in_state[static_cast<int>(RiderState::to_store)];
      f.riders.erase(std::find(f.riders.begin(), f.riders.end(), r.id));
      to.riders.push_back(r.id);
      r.store = static_cast<std::uint32_t>(1 - from);
    } else if (what < 98) {
      // The twin swaps two riders of a store, states and all.
      Rider& other = riders[f.riders[pick(f.riders.size())]];
      std::swap(r.state, other.state);
      std::swap(r.since, other.since);
    } else {
      f.coming.clear();
      ++rebuilt_hints;
    }
    if (pick(3) == 0) continue;  // not every change is followed by a dispatch
    for (std::size_t k = 0; k < 2; ++k)
      ASSERT_EQ(model::coming_riders(fleets[k], riders), scan(fleets[k], riders))
          << "store " << k << " at step " << step;
  }
  EXPECT_GT(rebuilt_hints, 0u);
}

}  // namespace
