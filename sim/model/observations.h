// What the live twin (sim/twin/sync.h) changes in a paused world when an observation says the
// model is wrong, beyond what sim/model/whatif.h offers: a rider's leg moved to where it was seen,
// a rider's reported status, a unit's observed temperature.
//
// The status functions change the world at now() only where the report leaves one reading: the
// rider's next step (its kLegDone or kShiftStart event) is put at now(), and the next run does it
// with the model's own logic (the delivery and its KPIs, the hand-over, the cold chain, the
// return leg, dispatch). Each says whether the model already agrees, was changed, or cannot be
// changed unambiguously (then the world is as it was).
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

enum class Override : std::uint8_t {
  agrees,   // the model has done it, or its own event at now() does it: nothing changed
  applied,  // the world changed
  refused,  // the model disagrees in a way the report does not settle: nothing changed
};

// The rider handed `order` to its customer now. Applied when the rider is delivering with the
// order on board (riding, walking back from a door, or at this order's door): it is at the
// order's door now and the goods are in the customer's hands now (the order's delivery time);
// the walk back and the rest of its plan follow. A rider riding to another stop had its leg end
// at this door instead (its distance counts the leg from the same start to this door in place
// of the old one). Refused: another rider's order, one not yet picked up in the model, a rider
// at another customer's door.
Override observe_delivered(World& world, std::uint32_t rider, std::uint32_t order);

// The rider took `order` at the store's counter now. Applied when the order is packed and on
// the rider's plan with only pickups before it, and the rider is riding to the store or at it:
// it is at the store now, the hand-over ends now and it carries on with its plan. Refused:
// another rider's order, one the model's pickers have not packed, a rider with deliveries to do
// first.
Override observe_picked_up(World& world, std::uint32_t rider, std::uint32_t order);

// The rider took at the store's counter now an order the model has waiting there for another
// rider or for none: the order moves to this rider, who takes it now as observe_picked_up does.
// Applied when the order is packed and not yet picked up (nor flown by a drone), and the rider
// is at the order's store with no goods on board: idle there, waiting at the counter, or riding
// to it or back to it (it arrives now). Orders the model had this rider collect go back to the
// store's queue for the model's dispatch (they were another rider's in the operation). The
// order's pickup and drop-off leave the other rider's plan, which carries on as when an order is
// cancelled: waiting at the counter (or in this order's hand-over), it goes on to its next stop
// or back to idle and dispatch now; riding to the store, it arrives and does the same. Refused,
// nothing changed: an order the model's pickers have not packed (the steps in between would be
// guessed), a rider with goods on board in the model or in another order's hand-over, another
// store's.
Override reassign_picked_up(World& world, std::uint32_t rider, std::uint32_t order);

// The operation's dispatch gave `order` to the rider now, before the model's dispatch gave it to
// anyone: it is the rider's now, as the model's dispatch would have made it. Applied when the
// order waits in its store's queue (accepted, not yet given to a rider or drone) and the rider
// has nothing to do: idle at the store (it waits at the counter, or goes to it now if the order
// is packed) or riding back to it (it rides on to collect it). Refused, nothing changed: an order
// the model has given to a rider (sync first exchanges the two riders where it can) or a drone,
// another store's, a rider with a plan or goods in the model.
Override assign_observed(World& world, std::uint32_t rider, std::uint32_t order);

// Riders `a` and `b` exchange what they are doing (state, position and leg, plan, goods on
// board, service under way, their next step), each keeping its identity: shift, vehicle, box
// sensors and the distance and deliveries so far. For the live twin's data association: two
// riders of one store on the same vehicle profile are interchangeable in the model, which of
// them took an order is a label its dispatch chose under its own random draws, and the
// operation's report settles it (as a tracker swaps track labels). The orders they hold follow
// their stops. Returns false, nothing changed, unless both are on shift at the same store on the
// same vehicle profile and capacity, and neither is on overtime or lent.
bool exchange_riders(World& world, std::uint32_t a, std::uint32_t b);

// The rider is at its store. A rider riding to it arrives now; an off-shift one starts its
// shift (observe_on_shift). Refused: a rider delivering.
Override observe_at_store(World& world, std::uint32_t rider);

// The rider's shift started: an off-shift rider comes on shift now at its store; if its shift in
// the model had ended, it works until its store's last shift ends (or the scenario does).
// Refused once the store has finished its day.
Override observe_on_shift(World& world, std::uint32_t rider);

// The rider's shift ended: an idle rider goes off shift now, a busy one finishes what it has
// and goes off when back at the store (no new work).
Override observe_off_shift(World& world, std::uint32_t rider);

// The temperature of store `store`'s unit of class `temp_class` is `celsius` at now(): the
// unit's contents continue from it (warming or cooling as the unit runs or is down), so the
// goods taken from it, its sensor and its time out of range follow the observation. Goods
// already staged in it keep their own temperatures. Returns false when the store has no such
// unit.
bool observe_unit_temperature(World& world, std::uint32_t store, std::uint32_t temp_class,
                              double celsius);
// The unit's temperature in the model at now(), observations included.
double unit_temperature(const World& world, std::uint32_t store, std::uint32_t temp_class);

}  // namespace model
