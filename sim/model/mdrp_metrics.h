// The MDRP's performance measures (Reyes et al., "The Grubhub instances", section 1.1), as the
// library's evaluator (compute_performance_summary.py) computes them: orders delivered;
// click-to-door, its overage max(0, click-to-door - target), ready-to-door and ready-to-pickup
// over the delivered orders; per courier its orders and instructions per hour of shift,
// utilisation, delivery earnings and compensation; bundle sizes; total compensation and the share
// of couriers paid the guaranteed minimum. Times in minutes, pay in the instance's currency.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sim/model/mdrp_simulation.h"
#include "sim/model/summary_stats.h"

namespace model {

struct MdrpCourierMeasures {
  double shift_hours = 0;
  double utilisation = 0;   // busy time (MdrpCourierLog::busy_ms) over the shift
  double earnings = 0;      // pay_per_order x orders delivered
  double compensation = 0;  // max(earnings, pay_per_hour x shift hours)
  bool on_minimum = false;  // earnings below the guarantee
};

struct MdrpMetrics {
  std::size_t orders = 0, delivered = 0, couriers = 0, instructions = 0;
  Describe click_to_door, overage, ready_to_door, ready_to_pickup;
  double within_target = 0;  // share of delivered orders with click-to-door <= the target
  double over_maximum = 0;   // share of delivered orders with click-to-door > the maximum
  Describe bundle_size;      // orders per instruction
  std::vector<MdrpCourierMeasures> per_courier;
  Describe orders_per_hour, bundles_per_hour, utilisation, earnings, compensation;  // per courier
  double courier_hours = 0, orders_per_courier_hour = 0;
  double total_earnings = 0, total_compensation = 0;
  double on_guaranteed_minimum = 0;  // share of couriers
};

MdrpMetrics mdrp_metrics(const MdrpInstance& instance, const MdrpRun& run);

// The headline measures as (name, value) pairs, for sweeps: orders delivered, click-to-door mean
// and p90, within target, ready-to-pickup mean, orders per courier-hour, orders per bundle,
// utilisation mean, total compensation, share on the guaranteed minimum.
std::vector<std::pair<std::string, double>> mdrp_kpi_values(const MdrpMetrics& m);

}  // namespace model
