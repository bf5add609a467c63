// The MDRP's performance measures (Reyes et al., "The Grubhub instances", section 1.1) of one run:
// orders delivered; click-to-door, its overage beyond the target, ready-to-door and
// ready-to-pickup over the delivered orders; utilisation, delivery earnings and compensation
// over the couriers; total compensation and the share of couriers paid the guaranteed minimum.
// Times in minutes, pay in the instance's currency.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sim/model/mdrp_simulation.h"
#include "sim/model/summary_stats.h"

namespace model {

struct MdrpMetrics {
  std::size_t orders = 0, delivered = 0, couriers = 0, instructions = 0;
  Describe click_to_door, overage, ready_to_door, ready_to_pickup;
  double within_target = 0;  // share of delivered orders with click-to-door <= the target
  double over_maximum = 0;   // share of delivered orders with click-to-door > the maximum
  double orders_per_bundle = 0;
  // Per courier: the share of the duty period spent riding or in service (not waiting).
  Describe utilisation, earnings, compensation;
  double courier_hours = 0, orders_per_courier_hour = 0;
  double total_earnings = 0, total_compensation = 0;
  double on_guaranteed_minimum = 0;  // share of couriers whose orders earned less than the minimum
};

// Pay: a courier earns pay_per_order for each order it delivered and is paid
// max(earnings, pay_per_hour * duty hours). Overage is max(0, click-to-door - target).
MdrpMetrics mdrp_metrics(const MdrpInstance& instance, const MdrpRun& run);

// The headline measures as (name, value) pairs, for sweeps: orders delivered, click-to-door mean
// and p90, within target, ready-to-pickup mean, orders per courier-hour, orders per bundle,
// utilisation mean, total compensation, share on the guaranteed minimum.
std::vector<std::pair<std::string, double>> mdrp_kpi_values(const MdrpMetrics& m);

}  // namespace model
