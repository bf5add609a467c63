#include "sim/model/mdrp_metrics.h"

#include <algorithm>

namespace model {

MdrpMetrics mdrp_metrics(const MdrpInstance& instance, const MdrpRun& run) {
  constexpr double kMinute = 60'000;
  MdrpMetrics m;
  m.orders = instance.orders.size();
  m.couriers = instance.couriers.size();
  m.instructions = run.instructions.size();
  std::vector<double> ctd, overage, rtd, rtp;
  std::size_t within = 0, over = 0;
  for (std::size_t o = 0; o < instance.orders.size(); ++o) {
    const MdrpDelivery& d = run.deliveries[o];
    if (!d.delivered) continue;
    const MdrpOrder& order = instance.orders[o];
    const double click = (d.drop_ms - order.placement_ms) / kMinute;
    ctd.push_back(click);
    overage.push_back(std::max(0.0, click - instance.terms.target_click_to_door));
    rtd.push_back((d.drop_ms - order.ready_ms) / kMinute);
    rtp.push_back((d.pickup_ms - order.ready_ms) / kMinute);
    if (click <= instance.terms.target_click_to_door) ++within;
    if (click > instance.terms.maximum_click_to_door) ++over;
  }
  m.delivered = ctd.size();
  m.click_to_door = describe(ctd);
  m.overage = describe(overage);
  m.ready_to_door = describe(rtd);
  m.ready_to_pickup = describe(rtp);
  if (m.delivered > 0) {
    m.within_target = static_cast<double>(within) / static_cast<double>(m.delivered);
    m.over_maximum = static_cast<double>(over) / static_cast<double>(m.delivered);
  }
  std::vector<double> sizes;
  std::vector<int> bundles(instance.couriers.size(), 0);
  for (const MdrpInstruction& i : run.instructions) {
    sizes.push_back(static_cast<double>(i.orders.size()));
    ++bundles[i.courier];
  }
  m.bundle_size = describe(sizes);

  std::vector<double> per_hour, bundles_per_hour, utilisation, earnings, compensation;
  std::size_t on_minimum = 0;
  for (std::size_t c = 0; c < instance.couriers.size(); ++c) {
    const MdrpCourier& courier = instance.couriers[c];
    MdrpCourierMeasures& cm = m.per_courier.emplace_back();
    const double shift_ms = static_cast<double>(courier.off_ms - courier.on_ms);
    cm.shift_hours = shift_ms / (60 * kMinute);
    cm.utilisation = static_cast<double>(run.couriers[c].busy_ms) / shift_ms;
    cm.earnings = instance.terms.pay_per_order * run.couriers[c].orders;
    const double guaranteed = instance.terms.pay_per_hour * cm.shift_hours;
    cm.compensation = std::max(cm.earnings, guaranteed);
    cm.on_minimum = cm.earnings < guaranteed;
    per_hour.push_back(run.couriers[c].orders / cm.shift_hours);
    bundles_per_hour.push_back(bundles[c] / cm.shift_hours);
    utilisation.push_back(cm.utilisation);
    earnings.push_back(cm.earnings);
    compensation.push_back(cm.compensation);
    m.courier_hours += cm.shift_hours;
    m.total_earnings += cm.earnings;
    m.total_compensation += cm.compensation;
    if (cm.on_minimum) ++on_minimum;
  }
  m.orders_per_hour = describe(per_hour);
  m.bundles_per_hour = describe(bundles_per_hour);
  m.utilisation = describe(utilisation);
  m.earnings = describe(earnings);
  m.compensation = describe(compensation);
  if (m.courier_hours > 0)
    m.orders_per_courier_hour = static_cast<double>(m.delivered) / m.courier_hours;
  if (m.couriers > 0)
    m.on_guaranteed_minimum = static_cast<double>(on_minimum) / static_cast<double>(m.couriers);
  return m;
}

std::vector<std::pair<std::string, double>> mdrp_kpi_values(const MdrpMetrics& m) {
  return {{"orders_delivered", static_cast<double>(m.delivered)},
          {"click_to_door_mean_min", m.click_to_door.mean},
          {"click_to_door_p90_min", m.click_to_door.p90},
          {"within_target", m.within_target},
          {"ready_to_pickup_mean_min", m.ready_to_pickup.mean},
          {"orders_per_courier_hour", m.orders_per_courier_hour},
          {"orders_per_bundle", m.bundle_size.mean},
          {"courier_utilisation", m.utilisation.mean},
          {"total_compensation", m.total_compensation},
          {"couriers_on_guaranteed_minimum", m.on_guaranteed_minimum}};
}

}  // namespace model
