// One cold-chain sensor's readings: noisy samples of a temperature, an alert once enough
// consecutive readings lie outside the class's range and a clearing when one is back inside,
// and a log that keeps a reading at most once per period (alerts and clearings always).
#pragma once

#include <cstdint>
#include <vector>

#include "sim/model/run_result.h"

namespace model {

class SensorLog {
 public:
  SensorLog(std::uint32_t sensor, double min_c, double max_c, int alert_after,
            sim::Time log_period);

  // A reading (noise already added) at time t; appends what is to be logged to `out`. Returns
  // true when it raised an alert.
  bool read(sim::Time t, double value_c, std::vector<SensorReading>& out);
  // Nothing to read (a box emptied at the door): a running alert is cleared, logged with the
  // last reading.
  void idle(sim::Time t, std::vector<SensorReading>& out);
  bool alerting() const { return alerting_; }

 private:
  std::uint32_t sensor_;
  double min_c_, max_c_;
  int alert_after_;
  sim::Time log_period_;
  sim::Time last_logged_ = sim::kNever;
  int outside_run_ = 0;
  bool alerting_ = false;
  double last_c_ = 0;
};

}  // namespace model
