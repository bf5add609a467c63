// The window's source when following a live operation: it shows the newest state pushed, and a
// pause freezes the picture while states keep coming.
#include "viz/followed_twin.h"

#include <gtest/gtest.h>

namespace {

model::TwinState at(sim::Time t, double lat) {
  model::TwinState s;
  s.time = t;
  model::TwinState::Vehicle v;
  v.at = {lat, 7.42};
  s.riders.push_back(v);
  return s;
}

TEST(FollowedTwin, ShowsTheNewestStateAndAPauseFreezesIt) {
  viz::FollowedTwin f(at(0, 43.70));
  EXPECT_EQ(f.tick(), 0);
  f.push(at(5000, 43.71));
  f.push(at(6000, 43.72));
  EXPECT_EQ(f.tick(), 6000);
  EXPECT_DOUBLE_EQ(f.state_at(6000).riders[0].at.lat, 43.72);
  f.set_paused(true);
  f.push(at(8000, 43.725));
  f.push(at(9000, 43.73));
  EXPECT_EQ(f.tick(), 6000);
  EXPECT_DOUBLE_EQ(f.state_at(6000).riders[0].at.lat, 43.72);
  f.set_paused(false);
  EXPECT_EQ(f.tick(), 9000);
  EXPECT_DOUBLE_EQ(f.state_at(9000).riders[0].at.lat, 43.73);
  // The speed shown is measured, not set.
  f.set_speed(600);
  EXPECT_GT(f.speed(), 0);
  EXPECT_NE(f.speed(), 600);
}

}  // namespace
