#include "sim/model/replications.h"

#include <cmath>

namespace model {

double student_t_975(int df) {
  // Exact to three decimals (standard tables); beyond 30 the Cornish-Fisher expansion around the
  // normal quantile is within 1e-3.
  static const double kTable[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                  2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                  2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                  2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (df < 1) df = 1;
  if (df <= 30) return kTable[df - 1];
  const double z = 1.959964;
  const double n = df;
  return z + (z * z * z + z) / (4 * n) +
         (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * n * n);
}

std::vector<std::pair<std::string, double>> kpi_values(const Kpis& k) {
  return {{"orders_placed", k.orders_placed},
          {"orders_delivered", k.orders_delivered},
          {"orders_rejected", k.orders_rejected},
          {"on_time_share", k.on_time_share},
          {"click_to_door_mean_min", k.click_to_door_min.mean},
          {"click_to_door_p90_min", k.click_to_door_min.p90},
          {"pick_wait_mean_min", k.pick_wait_min.mean},
          {"rider_utilisation", k.rider_utilisation},
          {"orders_per_rider_hour", k.orders_per_rider_hour},
          {"km_per_order", k.km_per_order}};
}

std::vector<KpiInterval> replication_intervals(const std::vector<Kpis>& runs) {
  std::vector<KpiInterval> out;
  const auto first = kpi_values(runs.front());
  for (std::size_t i = 0; i < first.size(); ++i) {
    KpiInterval ci;
    ci.name = first[i].first;
    ci.n = runs.size();
    double sum = 0;
    for (const auto& r : runs) sum += kpi_values(r)[i].second;
    ci.mean = sum / static_cast<double>(ci.n);
    if (ci.n > 1) {
      double ss = 0;
      for (const auto& r : runs) ss += std::pow(kpi_values(r)[i].second - ci.mean, 2);
      ci.sd = std::sqrt(ss / static_cast<double>(ci.n - 1));
      ci.half_width =
          student_t_975(static_cast<int>(ci.n) - 1) * ci.sd / std::sqrt(static_cast<double>(ci.n));
    }
    out.push_back(ci);
  }
  return out;
}

}  // namespace model
