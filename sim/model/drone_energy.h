// Energy of a multirotor delivery drone. Cruise follows D'Andrea, "Can drones deliver?" (IEEE
// T-ASE 11(3), 2014): P = (m_frame + m_battery + m_payload) * g * v / (eta * L/D) + P_avionics,
// so energy per km grows linearly with the payload. Hover (take-off, landing, waiting over the
// drop point) follows momentum theory as in Stolaroff et al., "Energy use and life cycle
// greenhouse gas emissions of drones for commercial package delivery" (Nature Communications 9,
// 2018): P = (m g)^1.5 / (eta * sqrt(2 rho A)) + P_avionics, A the total rotor disc area.
#pragma once

#include "sim/engine/time.h"

namespace model {

struct DroneSpec {
  double frame_kg = 5;
  double battery_kg = 2;
  double max_payload_kg = 2.5;
  double max_takeoff_kg = 10;  // the frame's limit: frame, battery and payload together
  double cruise_mps = 15;
  double lift_to_drag = 3;
  double efficiency = 0.7;  // power transfer, battery to thrust
  double avionics_w = 50;
  double rotor_area_m2 = 0.8;  // all rotors' discs together
  double air_density = 1.225;
  double battery_wh = 800;
  double reserve_share = 0.2;  // of battery_wh, never planned to be used
};

double cruise_power_w(const DroneSpec& d, double payload_kg);
double hover_power_w(const DroneSpec& d, double payload_kg);

// One leg: take off or hover for `hover` in all, and cruise `distance_m`, carrying `payload_kg`.
double leg_energy_wh(const DroneSpec& d, double payload_kg, double distance_m, sim::Time hover);

// A delivery: hover `hover_each` at take-off, at the drop and at landing back home, and cruise
// `distance_m` out with the payload and back empty.
double delivery_energy_wh(const DroneSpec& d, double payload_kg, double distance_m,
                          sim::Time hover_each);

// Whether the delivery leaves the reserve untouched, and fits the frame.
bool can_deliver(const DroneSpec& d, double payload_kg, double distance_m, sim::Time hover_each);

}  // namespace model
