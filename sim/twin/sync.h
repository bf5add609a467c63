// The live twin's world: a model::World kept in step with an operation's accepted messages
// (sim/twin/ingest.h hands them on, in order, replayed ones first after a restart).
//
// Clock: simulated time 0 is the operation's instant `start` (default: the scenario's start time
// of day on the UTC date of the first message). Each message first runs the world to its time
// (pings, telemetry and readings in steps of at least SyncOptions::step; a message behind the
// world's time is applied at it and counted late), then is applied:
//   order.placed      the order enters the world at its store (observed demand replaces the
//                     scenario's: the synthetic demand is dropped at start); its basket is drawn
//                     from the catalog with the message's item count
//   order.cancelled   the order is cancelled as a customer's patience would (not once picked up)
//   order.picked/packed   compared with the model's state
//   rider.status      the model agrees when it has done what is reported, or does it at this
//                     instant with its own event; otherwise it is a contradiction and, where the
//                     report leaves one reading, overrides the model now
//                     (sim/model/observations.h): delivered (the rider, carrying it, is at the door
//                     now: delivered now), picked_up (the rider, at or riding to the store, takes
//                     the packed order now), at_store (a rider riding to its store arrives now),
//                     on_shift (starts now), off_shift (idle: off now; busy: after what it has),
//                     assigned (an order the model has not given yet is the rider's now, if it
//                     has nothing to do: model::assign_observed).
//                     picked_up or delivered of an order the model gave to another rider of the
//                     store on the same vehicle profile: the two exchange what they do
//                     (model::exchange_riders; not when either holds an order the operation
//                     confirmed as its own), then as above. Else picked_up of a packed order the
//                     model has waiting for another rider (or none), by a rider at or riding to
//                     or back to the store with no goods on board: the order moves to it and it
//                     takes it now (model::reassign_picked_up), its own model orders go back to
//                     the store's queue, the other re-plans. Delivered by a rider of another
//                     profile, an order the model has not packed or picked up, a rider
//                     delivering reported at the store: contradictions only
//   rider.ping        map-matched online (routing/map_matching.h, Newson and Krumm 2009) and kept
//                     as the rider's observed position; compared with the model's position,
//                     and a rider riding a leg elsewhere rides on from there (reanchor_m) when
//                     the model and the operation agree on what it is doing: carrying the order
//                     it last reported picked up, or riding back after the one it last delivered
//                     (re-anchoring a rider the model has on another job would hold the model's
//                     delivery back at every ping)
//   drone.telemetry   kept as the drone's observed position; compared with the model's
//   sensor.reading    kept as the unit's or box's observed value; a store unit's temperature
//                     ("<class>-unit/temperature", Cel) is compared with the model's unit, then
//                     replaces it: the unit's contents continue from the reading (the schema names
//                     no box sensors, so boxes keep the model's temperatures)
//   store.status      opens or closes the store, sets its pickers on duty (sim/model/whatif.h)
// Every disagreement between the model and an observation is a Contradiction carrying both
// values; a rider or drone that stays away from its modelled position is reported once per
// episode, when it starts.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "routing/edge_index.h"
#include "routing/map_matching.h"
#include "sim/model/world.h"
#include "sim/twin/messages.h"

namespace twin {

struct SyncOptions {
  std::optional<UnixMillis> start;  // the instant of simulated 0; default: see above
  // A rider or drone observed further than this from where the model has it contradicts it.
  double contradiction_m = 300;
  // Observations (pings, statuses, readings) advance the world by at least this; orders and
  // store changes to their exact instant.
  sim::Time step = sim::kSecond;
  // A matched ping further than this from the model's position moves the rider's current leg
  // to start there (model::reanchor_leg); 0: never.
  double reanchor_m = 50;
  // A unit's reading further than this from the model's unit temperature contradicts it, °C.
  double contradiction_c = 3;
  // How long a ping stands for the rider's position in twin_state().
  sim::Time observed_for = 2 * sim::kMinute;
  routing::MapMatchParams matching;  // sigma_m etc.; modes: the riders' vehicles' edges
  int threads = 1;                   // the world's
};

struct Contradiction {
  sim::Time t = 0;      // simulated time
  UnixMillis time = 0;  // the operation's clock
  std::string entity;   // "r12", "o40", "d3" or a store id
  std::string what;   // position, temperature, order_phase, order_state, rider_state, store_state,
                      // customer (far from every road, or outside its store's zone), unknown_entity
  std::string model;  // the model's value
  std::string observed;  // the observation's
};

struct SyncCounters {
  std::uint64_t orders = 0;      // observed orders put into the world
  std::uint64_t cancelled = 0;   // cancellations applied
  std::uint64_t phases = 0;      // order.picked / order.packed compared
  std::uint64_t pings = 0;       // rider pings
  std::uint64_t matched = 0;     // of those, on a street within the matcher's radius
  std::uint64_t reanchored = 0;  // of those, moved the rider's leg to start where it was seen
  std::uint64_t statuses = 0;    // rider.status compared
  // Of those, that changed the model (sim/model/observations.h): the order delivered now, taken
  // at the counter now, the rider at the store now, its shift started or ended.
  std::uint64_t set_delivered = 0, set_picked_up = 0, set_at_store = 0, set_on_shift = 0,
                set_off_shift = 0;
  // Of those, picked up by a rider the model had not given the order to: moved to it, taken now.
  std::uint64_t reassigned = 0;
  // rider.status assigned of an order the model had not given yet: given to the rider then.
  std::uint64_t set_assigned = 0;
  // Of those, by a rider the model had doing what another of the store did (the order with it):
  // the two exchanged what they do in the model (model::exchange_riders).
  std::uint64_t exchanged = 0;
  std::uint64_t telemetry = 0;  // drone telemetry
  std::uint64_t readings = 0;   // sensor readings
  std::uint64_t set_temperature =
      0;                            // of those, a store unit's temperature the model continues from
  std::uint64_t store_changes = 0;  // store.status that changed the world
  std::uint64_t late = 0;           // behind the world's time, applied at it
  std::uint64_t before_start = 0;   // of the late, before simulated 0 (a clock set wrong?)
  std::uint64_t after_end = 0;      // after the scenario's end: not applied
  std::uint64_t unknown = 0;        // naming an order, rider or drone the world does not have
  std::uint64_t contradictions = 0;
};

// What the twin last heard of a rider or drone.
struct Observation {
  sim::Time t = 0;             // simulated time of the fix
  routing::LatLon raw;         // as reported
  routing::LatLon at;          // map-matched (riders), else as reported
  bool on_street = false;      // matched to a street
  bool contradicting = false;  // in a position contradiction episode
  // Riders: the last reported status and its order (the world's id), if any.
  RiderState reported = RiderState::on_shift;
  std::optional<std::uint32_t> job;
};

// "orders 120 (cancelled 2), pings 5400 (5390 on a street), statuses 240, ..., contradictions 3"
std::string describe(const SyncCounters& c);

class TwinSync {
 public:
  using OnContradiction = std::function<void(const Contradiction&)>;

  // Builds the world (the expensive part: travel times) and drops its synthetic demand.
  TwinSync(model::WorldConfig config, std::shared_ptr<const routing::RoadNetwork> network,
           SyncOptions opt = {}, OnContradiction on_contradiction = {});
  ~TwinSync();

  // Runs the world to the message's time and applies it.
  void apply(const Message& m);
  // Runs the world to the operation's instant `t` (e.g. the wall clock when idle).
  void advance_to(UnixMillis t);

  sim::Time now() const { return world_->now(); }
  std::optional<UnixMillis> start() const { return start_; }
  const model::World& world() const { return *world_; }
  const SyncCounters& counters() const { return counters_; }
  // The world's order id of the observed order `id`, if it was placed.
  std::optional<std::uint32_t> order_index(const std::string& id) const;
  // The observed id of the world's order `k` ("" for none).
  std::string observed_id(std::uint32_t k) const;
  // Every world order id's observed id ("" for none), by world order id.
  const std::vector<std::string>& observed_ids() const { return observed_ids_; }
  const std::map<std::uint32_t, Observation>& riders_observed() const { return riders_seen_; }
  // The world as the viewer shows it now, riders at their observed (matched) positions while
  // their last ping is at most SyncOptions::observed_for old.
  model::TwinState twin_state() const;
  // The twin's state as one JSON document: time, counters, every observed order with the model's
  // status and phase times (seconds), every rider with its modelled and observed position.
  void write_state(std::ostream& out) const;

 private:
  sim::Time to_sim(UnixMillis t) const { return t - *start_; }
  // Runs the world to t (capped at its end) if that is at least `step` ahead.
  void run_to(sim::Time t, sim::Time step);
  void contradict(const std::string& entity, const std::string& what, std::string model,
                  std::string observed);
  void on_order(const OrderPlaced& o);
  void on_cancel(const OrderCancelled& o);
  void on_phase(const OrderPicked& o);
  void on_ping(const RiderPing& p);
  void on_status(const RiderStatus& s);
  void on_order_status(const RiderStatus& s, std::uint32_t rider, Observation& seen);
  // Whether the operation and the model agree on what rider k is doing (see rider.ping above).
  bool same_job(std::uint32_t k, const Observation& seen) const;
  void on_drone(const DroneTelemetry& d);
  void on_reading(const SensorReading& r);
  void on_store(const StoreStatus& s);
  std::optional<std::uint32_t> entity_index(const std::string& id, char prefix, std::size_t count);

  SyncOptions opt_;
  OnContradiction on_contradiction_;
  std::shared_ptr<const routing::RoadNetwork> network_;
  std::unique_ptr<model::World> world_;
  std::unique_ptr<routing::EdgeIndex> edges_;
  std::optional<UnixMillis> start_;
  UnixMillis message_time_ = 0;  // of the message being applied
  SyncCounters counters_;
  std::unordered_map<std::string, std::uint32_t> orders_;  // observed id -> world order id
  std::vector<std::string> observed_ids_;                  // world order id -> observed id
  std::map<std::uint32_t, routing::OnlineMapMatcher> matchers_;
  std::map<std::uint32_t, Observation> riders_seen_, drones_seen_;
  // Orders the operation reported assigned, picked up or delivered, by world order id: the
  // rider's id.
  std::map<std::uint32_t, std::uint32_t> confirmed_;
  // An order given to rider k: the model agrees, or the two riders exchange (as for a pickup).
  void on_assigned(const RiderStatus& s, std::uint32_t k);
  // Whether the rider holds (plan or goods) an order the operation confirmed as its own.
  bool holds_confirmed(std::uint32_t rider) const;
  struct Observed {
    SensorReading reading;
    bool contradicting = false;
  };
  std::map<std::string, Observed> readings_;  // by "<store>/<name>"
};

}  // namespace twin
