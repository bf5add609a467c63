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
  SensorLog() = default;
  SensorLog(std::uint32_t sensor, double min_c, double max_c, int alert_after,
            sim::Time log_period);

  // A reading (noise already added) at time t; appends what is to be logged to `out`. Returns
  // true when it raised an alert.
  bool read(sim::Time t, double value_c, std::vector<SensorReading>& out);
  // Nothing to read (a box emptied at the door): a running alert is cleared, logged with the
  // last reading.
  void idle(sim::Time t, std::vector<SensorReading>& out);
  bool alerting() const { return alerting_; }
  double last_c() const { return last_c_; }  // the last reading, °C

  // For checkpoints (sim/model/checkpoint.h): every member, in one place.
  template <class Archive>
  void serialize(Archive& ar) {
    ar(sensor_, min_c_, max_c_, alert_after_, log_period_, last_logged_, outside_run_, alerting_,
       last_c_);
  }

 private:
  std::uint32_t sensor_ = 0;
  double min_c_ = 0, max_c_ = 0;
  int alert_after_ = 0;
  sim::Time log_period_ = 0;
  sim::Time last_logged_ = sim::kNever;
  int outside_run_ = 0;
  bool alerting_ = false;
  double last_c_ = 0;
};

}  // namespace model
