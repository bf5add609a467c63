// The twin's world on a thread of its own: the ingest (network, validation, the log) hands each
// accepted message on to it and goes back to reading, so the two run on two cores at once
// instead of one after the other (README, Speed: the live twin end to end).
//
// Messages are applied one at a time, in the order pushed, by one thread: the world sees the
// same sequence as when applied inline, so its state is the same. push() blocks while `capacity`
// messages wait (back-pressure: the ingest stops reading, and the broker queues for the twin as
// sim/twin/BROKER.md sets it). What the apply function throws stops the thread; the next push()
// or drain() rethrows it.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "sim/twin/messages.h"

namespace twin {

class ApplyThread {
 public:
  using Apply = std::function<void(const Message&)>;

  explicit ApplyThread(Apply apply, std::size_t capacity = 65'536);
  // Applies what is still waiting, then joins.
  ~ApplyThread();
  ApplyThread(const ApplyThread&) = delete;
  ApplyThread& operator=(const ApplyThread&) = delete;

  // Queues a copy of `m` (blocks while the queue is full).
  void push(const Message& m);
  // Returns once every message pushed so far has been applied.
  void drain();
  // Messages pushed and not yet applied.
  std::size_t waiting() const;

 private:
  void run();
  void rethrow_failure();

  Apply apply_;
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;  // work came, or stop
  std::condition_variable room_;   // the queue shrank, or the batch in hand was applied
  std::vector<Message> queue_;
  std::size_t in_hand_ = 0;  // taken from the queue by the thread, not yet applied
  bool stop_ = false;
  std::exception_ptr failed_;
  std::thread thread_;
};

}  // namespace twin
