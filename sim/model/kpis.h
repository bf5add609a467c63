// The key performance indicators of one run, computed from its RunResult. Durations are minutes.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "sim/model/run_result.h"

namespace model {

struct Summary {
  double mean = 0, p50 = 0, p90 = 0, p99 = 0;
  std::size_t count = 0;
};

// Mean and nearest-rank percentiles; all zero for an empty sample.
Summary summarize(std::vector<double> values);

struct Kpis {
  std::uint32_t orders_placed = 0;
  std::uint32_t orders_delivered = 0;
  std::uint32_t orders_open = 0;  // neither delivered nor rejected when the run stopped
  std::map<std::string, std::uint32_t> rejected_by_reason;  // every reason, zeros included
  std::uint32_t orders_rejected = 0;
  double on_time_share = 0;          // delivered within the promise / delivered
  Summary click_to_door_min;         // delivered - placed
  Summary pick_wait_min;             // pick started - placed, accepted orders that were picked
  double rider_utilisation = 0;      // busy / on shift, all riders
  double orders_per_rider_hour = 0;  // delivered / rider hours on shift
  double km_per_order = 0;           // rider km (out and back) / delivered
  std::uint64_t events = 0;
  double wall_seconds = 0;
  double events_per_second = 0;
};

Kpis compute_kpis(const RunResult& r);

}  // namespace model
