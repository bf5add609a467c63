#include "sim/model/drone_energy.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using model::DroneSpec;

TEST(DroneEnergy, CruiseAndHoverFollowTheirFormulas) {
  const DroneSpec d;  // 5 kg frame, 2 kg battery, 15 m/s, L/D 3, eta 0.7, 50 W, 0.8 m^2
  // (7 + 1) kg * 9.81 * 15 / (0.7 * 3) + 50 = 560.571 + 50, by hand.
  EXPECT_NEAR(model::cruise_power_w(d, 1), 8 * 9.81 * 15 / 2.1 + 50, 1e-9);
  EXPECT_NEAR(model::cruise_power_w(d, 1), 610.571, 0.001);
  // (8 * 9.81)^1.5 / (0.7 * sqrt(2 * 1.225 * 0.8)) + 50 = 695.25 / 0.98 + 50, by hand.
  const double thrust = 8 * 9.81;
  EXPECT_NEAR(model::hover_power_w(d, 1),
              std::pow(thrust, 1.5) / (0.7 * std::sqrt(2 * 1.225 * 0.8)) + 50, 1e-9);
  EXPECT_NEAR(model::hover_power_w(d, 1), 759.4, 0.1);
}

TEST(DroneEnergy, ADeliveryAddsUpItsLegs) {
  const DroneSpec d;
  const double distance = 3000, hover_s = 30;
  const double expected_j =
      distance / 15 * (model::cruise_power_w(d, 2) + model::cruise_power_w(d, 0)) +
      hover_s * (2 * model::hover_power_w(d, 2) + model::hover_power_w(d, 0));
  EXPECT_NEAR(model::delivery_energy_wh(d, 2, distance, 30 * sim::kSecond), expected_j / 3600,
              1e-9);
  // Energy per km grows linearly with the payload.
  const double e0 = model::delivery_energy_wh(d, 0, distance, 0);
  const double e1 = model::delivery_energy_wh(d, 1, distance, 0);
  const double e2 = model::delivery_energy_wh(d, 2, distance, 0);
  EXPECT_NEAR(e2 - e1, e1 - e0, 1e-9);
  EXPECT_GT(e1, e0);
}

TEST(DroneEnergy, NeverPlansIntoTheReserveNorAboveThePayloadLimit) {
  const DroneSpec d;
  const double usable = d.battery_wh * (1 - d.reserve_share);
  // The longest delivery the reserve allows, found by bisection on the energy.
  double lo = 0, hi = 200000;
  for (int k = 0; k < 60; ++k) {
    const double mid = (lo + hi) / 2;
    (model::delivery_energy_wh(d, 2, mid, 20 * sim::kSecond) <= usable ? lo : hi) = mid;
  }
  EXPECT_TRUE(model::can_deliver(d, 2, lo * 0.999, 20 * sim::kSecond));
  EXPECT_FALSE(model::can_deliver(d, 2, lo * 1.001, 20 * sim::kSecond));
  EXPECT_FALSE(model::can_deliver(d, 2.6, 100, 0));
  EXPECT_FALSE(model::can_deliver(d, -1, 100, 0));
}

}  // namespace
