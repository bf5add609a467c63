// The model's event kinds and their priorities among events at the same instant, shared by the
// parts that schedule them. An event's payload: `a` is the rider, order or drone it concerns,
// `b` a detail (a drone's flight phase, or 1 for an order forwarded from another store).
#pragma once

#include <cstdint>

namespace model {

enum EventKind : std::uint16_t {
  kArrival = 1,
  kPickDone,
  kDispatch,
  kLegDone,
  kShiftStart,
  kShiftEnd,
  kSample,
  kEndOfDemand,
  kDrone,     // a drone's flight phase ends (b: the DronePhase)
  kSensor,    // the store's sensors read
  kPickers,   // the number of pickers on duty changed
  kPatience,  // the customer's patience with order `a` runs out
};

enum DronePhase : std::uint32_t {
  kAtStore = 1,  // landed at the store, from a hub elsewhere
  kDropped,      // lowered the parcel at the door or drop point
  kAbort,        // the weather turned: back to the store
  kAborted,      // landed back at the store with the goods
  kHome,         // landed at its hub
  kSwapDone,
};

// Riders come on shift first, state changes next, then arrivals, and dispatch and sampling last
// so that they see everything that happened then.
enum EventPriority : std::uint16_t {
  kPriorityShiftStart = 0,
  kPriorityMovement = 1,
  kPriorityPicking = 2,
  kPriorityArrival = 3,
  kPriorityShiftEnd = 4,
  kPriorityEndOfDemand = 5,
  kPriorityDispatch = 6,
  kPrioritySample = 7,
};

}  // namespace model
