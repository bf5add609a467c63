#include "sim/model/sensor_log.h"

namespace model {

SensorLog::SensorLog(std::uint32_t sensor, double min_c, double max_c, int alert_after,
                     sim::Time log_period)
    : sensor_(sensor),
      min_c_(min_c),
      max_c_(max_c),
      alert_after_(alert_after),
      log_period_(log_period) {}

bool SensorLog::read(sim::Time t, double value_c, std::vector<SensorReading>& out) {
  last_c_ = value_c;
  const bool outside = value_c < min_c_ || value_c > max_c_;
  outside_run_ = outside ? outside_run_ + 1 : 0;
  auto flag = SensorReading::Flag::reading;
  if (!alerting_ && outside_run_ >= alert_after_) {
    alerting_ = true;
    flag = SensorReading::Flag::alert;
  } else if (alerting_ && !outside) {
    alerting_ = false;
    flag = SensorReading::Flag::cleared;
  }
  if (flag != SensorReading::Flag::reading || last_logged_ == sim::kNever ||
      t - last_logged_ >= log_period_) {
    out.push_back({t, sensor_, value_c, flag});
    last_logged_ = t;
  }
  return flag == SensorReading::Flag::alert;
}

void SensorLog::idle(sim::Time t, std::vector<SensorReading>& out) {
  outside_run_ = 0;
  if (!alerting_) return;
  alerting_ = false;
  out.push_back({t, sensor_, last_c_, SensorReading::Flag::cleared});
  last_logged_ = t;
}

}  // namespace model
