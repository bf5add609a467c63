// The simulated city: dark stores with their pickers, the riders based at them and the demand
// that feeds them, run on the discrete-event engine. Build it from a validated WorldConfig and a
// road network, call run() once, and read everything that happened from the RunResult.
//
// Life of an order: placed -> taken by the nearest store whose radius covers the customer (or
// rejected) -> queued for the store's pickers (c parallel servers, FIFO), picked and packed ->
// assigned by the dispatch policy to a rider, who waits at the store if the order is not packed
// -> picked up, ridden to the customer along the shortest road path -> delivered; the rider rides
// back to its store. Movement is analytic: a trip is a path with a departure and arrival time.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <vector>

#include "routing/dispatch.h"
#include "routing/road_network.h"
#include "routing/shortest_path_tree.h"
#include "sim/engine/logical_process.h"
#include "sim/engine/random.h"
#include "sim/engine/simulator.h"
#include "sim/model/demand.h"
#include "sim/model/run_result.h"
#include "sim/model/world_config.h"

namespace model {

enum class RiderState : std::uint8_t { off_shift, idle, to_store, waiting, delivering, returning };
inline constexpr int kRiderStates = 6;
const char* to_string(RiderState s);

class World : public sim::LogicalProcess {
 public:
  using ProgressFn = std::function<void(sim::Time now, std::uint32_t placed,
                                        std::uint32_t resolved)>;

  // The network must outlive the world. Store locations are snapped to their nearest node.
  World(WorldConfig config, std::shared_ptr<const routing::RoadNetwork> network);
  ~World() override;

  // Runs the whole scenario once. `progress` is called now and then from the running thread.
  RunResult run(const ProgressFn& progress = {});

  // Where a rider is at time t >= the start of its current (or last) trip, interpolated along it.
  routing::LatLon rider_position(std::uint32_t rider, sim::Time t) const;

  void handle(const sim::Event& event, sim::Context& ctx) override;

 private:
  struct Store;
  struct Rider;
  struct Trip {
    const routing::ShortestPathTree* tree = nullptr;
    routing::NodeId far_end = routing::kNoNode;  // the non-root end of the path
    sim::Time depart = 0;
    sim::Time arrive = 0;
  };

  void on_arrival(sim::Context& ctx);
  void on_pick_done(sim::Context& ctx, std::uint32_t store, std::uint32_t order);
  void on_dispatch(sim::Context& ctx);
  void on_rider_at_store(sim::Context& ctx, std::uint32_t rider);
  void on_delivered(sim::Context& ctx, std::uint32_t rider, std::uint32_t order);
  void on_shift_start(sim::Context& ctx, std::uint32_t rider);
  void on_shift_end(sim::Context& ctx, std::uint32_t rider);
  void on_sample(sim::Context& ctx);

  void start_picking(sim::Context& ctx, Store& store);
  void request_dispatch(sim::Context& ctx);
  void depart(sim::Context& ctx, Rider& rider);
  void set_state(Rider& rider, RiderState state, sim::Time now);
  void reject(std::uint32_t order, RejectReason reason, sim::Time now);
  void resolve(sim::Context& ctx);
  void account_queue(Store& store, sim::Time now);
  sim::Time sample_draw(const Distribution& d, sim::RandomStream& rng) const;
  std::size_t hour_index(sim::Time t) const;

  WorldConfig config_;
  std::shared_ptr<const routing::RoadNetwork> network_;
  std::vector<std::unique_ptr<Store>> stores_;
  std::vector<Rider> riders_;
  std::vector<OrderRecord> orders_;
  std::unique_ptr<DemandGenerator> demand_;
  OrderRequest pending_request_;  // the arrival scheduled next
  std::unique_ptr<routing::DispatchPolicy> policy_;
  RunResult result_;

  sim::Time dispatch_at_ = -1;  // the pending dispatch call, -1 if none
  bool demand_over_ = false;
  std::uint32_t open_ = 0;  // accepted, neither delivered nor rejected
  std::uint32_t placed_ = 0, delivered_ = 0, on_time_ = 0, rejected_ = 0;
  std::uint32_t unassigned_ = 0, pick_queue_ = 0;
  std::array<std::uint32_t, kRiderStates> riders_in_state_{};
};

}  // namespace model
