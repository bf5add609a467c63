// What the cold chain of a scenario is made of: temperature classes for goods, the fridges and
// freezers of the stores, the insulated boxes of riders and pods of drones, the outdoor
// temperature by hour, and the sensors that watch them. Plain, validated data for the model.
#pragma once

#include <array>
#include <limits>
#include <string>
#include <vector>

#include "sim/engine/time.h"

namespace model {

inline constexpr double kNoLimitC = std::numeric_limits<double>::infinity();

// A temperature class of goods: ambient (no range), chilled 0..8 °C, frozen <= -18 °C by default.
struct TempClass {
  std::string name;
  double min_c = -kNoLimitC;
  double max_c = kNoLimitC;
  // Longer than this outside [min_c, max_c] on the way to the customer spoils the goods.
  sim::Time tolerance = 30 * sim::kMinute;
  double store_c = 20;  // where the goods wait before the order: the unit's setpoint
  double pack_c = 20;   // an ice pack's (or dry ice's) temperature for this class
  bool cold() const { return min_c > -kNoLimitC || max_c < kNoLimitC; }
};

// A rider's box or a drone's pod: goods inside follow the outside (or the ice pack while it
// lasts) with time constant `tau`.
struct Enclosure {
  sim::Time tau = 20 * sim::kMinute;
  bool ice_packs = false;
  sim::Time ice_hold = 1 * sim::kHour;  // how long an ice pack holds its temperature once loaded
};

// A store's fridge or freezer, holding one temperature class. Switched off, its contents warm
// towards the store's room temperature with `tau_off`; running, they return to the setpoint
// with `tau_on`.
struct ColdUnitConfig {
  std::size_t temp_class = 0;
  int capacity = 400;  // units of stock it holds
  sim::Time tau_off = 2 * sim::kHour;
  sim::Time tau_on = 30 * sim::kMinute;
};

struct SensorConfig {
  bool enabled = false;
  sim::Time period = 1 * sim::kMinute;  // sampling
  double noise_c = 0.2;                 // standard deviation of a reading
  // A sensor's readings go to sensors.csv at most once per log_period; alerts always do.
  sim::Time log_period = 5 * sim::kMinute;
  int alert_after = 2;  // consecutive readings out of range that raise an alert
};

enum class SpoiledAction { count, refuse };  // delivered and counted, or refused at the door
const char* to_string(SpoiledAction a);

struct ColdChainConfig {
  bool enabled = false;
  std::vector<TempClass> classes;             // [0] is ambient by convention of the loader
  std::array<double, 24> outdoor_c{};         // per clock hour 00..23
  double room_c = 18;                         // inside the stores, where orders are picked and wait
  sim::Time product_tau = 10 * sim::kMinute;  // bare goods in open air (picking, door moments)
  sim::Time door_open = 30 * sim::kSecond;    // a box opened at each stop
  Enclosure box;                              // riders' boxes
  SpoiledAction spoiled = SpoiledAction::count;
  SensorConfig sensors;
};

}  // namespace model
