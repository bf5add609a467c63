// What the live twin (sim/twin/sync.h) changes in a paused world when an observation says the
// model is wrong, beyond what sim/model/whatif.h offers: a rider's leg moved to where it was seen.
#pragma once

#include <cstdint>

#include "routing/road_network.h"
#include "sim/model/world.h"

namespace model {

// Re-anchors rider `rider`'s current leg at road node `from` (the node nearest where it was
// seen) at now(): it rides from there to where the leg ends, leaving now, at the hour's
// congestion, and its leg-done event moves to the new arrival. Only a rider riding a leg (to the
// store, delivering or returning, no hand-over or door under way) is moved, and only when its
// vehicle can ride from `from` to the leg's end. The rider's distance counts the new leg in
// place of what was left of the old one. Returns whether it moved the rider.
bool reanchor_leg(World& world, std::uint32_t rider, routing::NodeId from);

}  // namespace model
