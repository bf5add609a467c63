// What the visual twin shows of the world at one instant: stores, hubs, riders and drones where
// they are, open and recently delivered orders, sensor alerts and the live KPIs. Plain data,
// copied out of the world between engine windows; the viewer never touches the world.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "routing/geo.h"
#include "sim/engine/time.h"

namespace model {

struct TwinState {
  struct Place {
    routing::LatLon at;
    std::string id;
    bool alert = false;      // a fridge or freezer out of range
    std::string alert_text;  // which, and its last reading: "frozen -9.8 °C"
    // Stores only: orders waiting for a picker, and the store's orders delivered and delivered
    // within the promise so far.
    std::uint32_t queue = 0, delivered = 0, on_time = 0;
    // Stores only: pickers on duty, and whether it takes orders now. Not saved in twin.bin.
    std::uint32_t pickers = 0;
    bool ordering = true;
    // Stores only, the live twin's newest forecast over its horizon (sim/twin/forecast.h): the
    // on-time share predicted for the orders placed in it (NaN: none placed) and the mean pick
    // queue; -1: no forecast. Not saved in twin.bin.
    float outlook_on_time = -1, outlook_queue = -1;
  };
  struct Vehicle {
    routing::LatLon at;
    std::uint32_t id = 0;
    std::uint8_t state = 0;   // RiderState, or for drones 0 at the hub and 1 in the air
    bool alert = false;       // its box or pod out of range
    std::string alert_text;   // which, and its last reading
    std::int32_t store = -1;  // riders: the index of their store
  };
  struct Pin {
    routing::LatLon at;
    std::uint32_t id = 0;
    sim::Time placed = 0;
    sim::Time delivered = sim::kNever;  // kNever while open
    // The live twin's forecast: the probability the open order misses its promise; -1: none.
    // Not saved in twin.bin.
    float late_risk = -1;
  };

  sim::Time time = 0;
  sim::Time start_tod = 0;
  sim::Time promise = 0;
  std::vector<Place> stores, hubs;
  std::vector<Vehicle> riders, drones;
  std::vector<Pin> orders;  // open, and delivered within the last kFade
  // Live figures.
  std::uint32_t placed = 0, delivered = 0, on_time = 0, late_now = 0, in_flight = 0;
  std::uint32_t riders_idle = 0, drones_up = 0;
  // The live twin's newest forecast: the world time it was made from (kNever: none), how far it
  // looks ahead and its replications. Not saved in twin.bin.
  sim::Time outlook_at = sim::kNever;
  sim::Time outlook_horizon = 0;
  int outlook_runs = 0;

  static constexpr sim::Time kFade = 10 * sim::kMinute;
};

}  // namespace model
