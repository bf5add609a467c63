// The world's own thread (sim/twin/apply_thread.h): messages applied in the order pushed, drain()
// waits for all of them, a full queue holds the pusher back, and what the apply function throws
// comes back to the pusher.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

#include "sim/twin/apply_thread.h"

using namespace twin;

namespace {

Message numbered(std::uint64_t k) {
  Message m;
  m.id = std::to_string(k);
  m.sequence = k;
  return m;
}

}  // namespace

TEST(TwinApplyThread, AppliesInOrderAndDrainWaitsForAll) {
  std::vector<std::uint64_t> seen;
  ApplyThread world([&](const Message& m) { seen.push_back(m.sequence); });
  for (std::uint64_t k = 1; k <= 20'000; ++k) world.push(numbered(k));
  world.drain();
  ASSERT_EQ(seen.size(), 20'000u);
  for (std::size_t i = 0; i < seen.size(); ++i) ASSERT_EQ(seen[i], i + 1);
  EXPECT_EQ(world.waiting(), 0u);
}

TEST(TwinApplyThread, AFullQueueHoldsThePusherBack) {
  std::atomic<bool> go{false};
  std::atomic<std::uint64_t> applied{0};
  std::atomic<std::size_t> most_waiting{0};
  ApplyThread world(
      [&](const Message&) {
        while (!go) std::this_thread::yield();
        ++applied;
      },
      4);
  std::thread pusher([&] {
    for (std::uint64_t k = 1; k <= 100; ++k) world.push(numbered(k));
  });
  // The thread holds at most one batch of 4 in hand and 4 wait: the pusher stops at 8.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  most_waiting = world.waiting();
  EXPECT_LE(most_waiting.load(), 8u);
  EXPECT_GE(most_waiting.load(), 4u);
  EXPECT_EQ(applied.load(), 0u);
  go = true;
  pusher.join();
  world.drain();
  EXPECT_EQ(applied.load(), 100u);
}

TEST(TwinApplyThread, WhatApplyThrowsComesBackToThePusher) {
  ApplyThread world([&](const Message& m) {
    if (m.sequence == 3) throw std::runtime_error("message 3 broke the world");
  });
  for (std::uint64_t k = 1; k <= 3; ++k) world.push(numbered(k));
  EXPECT_THROW(
      {
        world.drain();
        world.push(numbered(4));
      },
      std::runtime_error);
  EXPECT_THROW(world.push(numbered(5)), std::runtime_error);
}
