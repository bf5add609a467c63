// The cold chain: chilled and frozen goods on their way from the store's fridge or freezer to the
// door, each cold line's temperature tracked analytically (first-order relaxation towards its
// surroundings, sim/model/thermal.h) through picking, staging in the unit, the rider's box or the
// drone's pod (with ice packs) and every door opening; spoilage at the door after the class's
// tolerance out of range; and the sensors on units, boxes and pods, read on a period with noise,
// raising alerts (sim/model/sensor_log.h).
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <vector>

#include "sim/engine/random.h"
#include "sim/engine/time.h"
#include "sim/model/cold_unit.h"
#include "sim/model/run_result.h"
#include "sim/model/sensor_log.h"
#include "sim/model/thermal.h"

namespace model {

struct StoreContext;

// An order's chilled and frozen goods: where they are, and per cold line its temperature path.
struct Goods {
  enum class Place : std::uint8_t { picking, staged, carried };
  struct Line {
    std::uint32_t temp_class = 0;
    std::uint32_t items = 0;
    ThermalTracker tracker;
    sim::Time since = 0;
    sim::Time before = 0;  // out of range in the unit before it was picked
    double env_c = std::numeric_limits<double>::quiet_NaN(), tau_s = 0;
    double peak_c = 0;
    double peak_off = 0;  // how far peak_c lies outside the range
    std::vector<ThermalPoint> trace;
  };
  Place place = Place::picking;
  // What carries it: kRiderBox, or a hub's index for its drones' pod; kNone before.
  std::int32_t enclosure = kNone;
  sim::Time ice_until = -1, door_until = -1;
  std::vector<Line> lines;

  static constexpr std::int32_t kNone = -2;
  static constexpr std::int32_t kRiderBox = -1;
};

// The cold chain of one store.
struct ColdChainState {
  std::map<std::uint32_t, Goods> goods;  // by order id
  std::vector<SensorLog> unit_logs;      // in WorldSetup's StoreSetup::unit_classes order
  sim::RandomStream sensor_rng{0, 0};
  std::vector<SensorReading> readings;
  std::uint32_t alerts = 0;
  std::vector<ThermalTrace> traces;  // of the orders delivered here
  // By temperature class: the unit's last observed temperature (the live twin); empty: none.
  std::vector<UnitObservation> observed;
};

// The observation unit `temp_class` continues from, or null.
const UnitObservation* unit_observation(const ColdChainState& cold, std::uint32_t temp_class);

// The order's cold goods enter `place` at t (created from the unit's temperature the first time);
// `enclosure` (Goods::kRiderBox or a hub index) when carried.
void place_goods(StoreContext& s, std::uint32_t order, Goods::Place place, sim::Time t,
                 std::int32_t enclosure = Goods::kNone);
// A box's lid opens at t (a pickup or a drop-off): the goods on board see the outdoor air.
void open_doors(StoreContext& s, const std::vector<std::uint32_t>& onboard, sim::Time t);
// The order's goods reach the door at `at`: their time out of range and peak, spoiled or not.
void goods_delivered(StoreContext& s, OrderRecord& order, sim::Time at);
// The store's sensors read: units, its riders' boxes and its drones' pods.
void on_sensor(StoreContext& s);

}  // namespace model
