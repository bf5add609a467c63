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
    const double click = d.drop_ms / kMinute - order.placement;
    ctd.push_back(click);
    overage.push_back(std::max(0.0, click - instance.terms.target_click_to_door));
    rtd.push_back(d.drop_ms / kMinute - order.ready);
    rtp.push_back(d.pickup_ms / kMinute - order.ready);
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
  if (m.instructions > 0)
    m.orders_per_bundle = static_cast<double>(m.delivered) / static_cast<double>(m.instructions);

  std::vector<double> utilisation, earnings, compensation;
  std::size_t on_minimum = 0;
  for (std::size_t c = 0; c < instance.couriers.size(); ++c) {
    const MdrpCourier& courier = instance.couriers[c];
    const double hours = (courier.off - courier.on) / 60.0;
    const double earned = instance.terms.pay_per_order * run.couriers[c].orders;
    const double guaranteed = instance.terms.pay_per_hour * hours;
    m.courier_hours += hours;
    utilisation.push_back(run.couriers[c].busy_ms / kMinute / (courier.off - courier.on));
    earnings.push_back(earned);
    compensation.push_back(std::max(earned, guaranteed));
    m.total_earnings += earned;
    m.total_compensation += compensation.back();
    if (earned < guaranteed) ++on_minimum;
  }
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
          {"orders_per_bundle", m.orders_per_bundle},
          {"courier_utilisation", m.utilisation.mean},
          {"total_compensation", m.total_compensation},
          {"couriers_on_guaranteed_minimum", m.on_guaranteed_minimum}};
}

}  // namespace model
