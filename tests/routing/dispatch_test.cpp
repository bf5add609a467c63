#include "routing/dispatch.h"

#include <gtest/gtest.h>

namespace {

TEST(NearestIdleDispatch, OldestJobGetsTheVehicleThatArrivesFirst) {
  routing::NearestIdleDispatch policy;
  const std::vector<routing::DispatchJob> jobs = {{10, 0, 5, 0}, {11, 0, 6, 0}, {12, 0, 7, 0}};
  const std::vector<routing::DispatchVehicle> vehicles = {{1, 500, 1}, {2, 100, 1}};
  const auto out = policy.assign(jobs, vehicles);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].job, 10u);
  EXPECT_EQ(out[0].vehicle, 2u);
  EXPECT_EQ(out[1].job, 11u);
  EXPECT_EQ(out[1].vehicle, 1u);
}

TEST(NearestIdleDispatch, TiesGoToTheEarlierVehicleInTheList) {
  routing::NearestIdleDispatch policy;
  const std::vector<routing::DispatchJob> jobs = {{1, 0, 1, 0}};
  const std::vector<routing::DispatchVehicle> vehicles = {{7, 100, 1}, {3, 100, 1}};
  const auto out = policy.assign(jobs, vehicles);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].vehicle, 7u);
}

TEST(NearestIdleDispatch, NoVehicleNoAssignment) {
  routing::NearestIdleDispatch policy;
  const std::vector<routing::DispatchJob> jobs = {{1, 0, 1, 0}};
  EXPECT_TRUE(policy.assign(jobs, {}).empty());
}

}  // namespace
