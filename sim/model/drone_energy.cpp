#include "sim/model/drone_energy.h"

#include <cmath>

namespace model {

namespace {
constexpr double kG = 9.81;

double mass(const DroneSpec& d, double payload_kg) {
  return d.frame_kg + d.battery_kg + payload_kg;
}
}  // namespace

double cruise_power_w(const DroneSpec& d, double payload_kg) {
  return mass(d, payload_kg) * kG * d.cruise_mps / (d.efficiency * d.lift_to_drag) + d.avionics_w;
}

double hover_power_w(const DroneSpec& d, double payload_kg) {
  const double thrust = mass(d, payload_kg) * kG;
  return std::pow(thrust, 1.5) / (d.efficiency * std::sqrt(2 * d.air_density * d.rotor_area_m2)) +
         d.avionics_w;
}

double leg_energy_wh(const DroneSpec& d, double payload_kg, double distance_m, sim::Time hover) {
  const double cruise_s = distance_m / d.cruise_mps;
  const double hover_s = static_cast<double>(hover) / 1000.0;
  return (cruise_s * cruise_power_w(d, payload_kg) + hover_s * hover_power_w(d, payload_kg)) /
         3600.0;
}

double delivery_energy_wh(const DroneSpec& d, double payload_kg, double distance_m,
                          sim::Time hover_each) {
  const double cruise_s = distance_m / d.cruise_mps;
  const double hover_s = static_cast<double>(hover_each) / 1000.0;
  const double joules = cruise_s * (cruise_power_w(d, payload_kg) + cruise_power_w(d, 0)) +
                        hover_s * (2 * hover_power_w(d, payload_kg) + hover_power_w(d, 0));
  return joules / 3600.0;
}

bool can_deliver(const DroneSpec& d, double payload_kg, double distance_m, sim::Time hover_each) {
  return payload_kg >= 0 && payload_kg <= d.max_payload_kg &&
         delivery_energy_wh(d, payload_kg, distance_m, hover_each) <=
             d.battery_wh * (1 - d.reserve_share);
}

}  // namespace model
