#include "sim/twin/apply_thread.h"

namespace twin {

ApplyThread::ApplyThread(Apply apply, std::size_t capacity)
    : apply_(std::move(apply)), capacity_(capacity), thread_([this] { run(); }) {}

ApplyThread::~ApplyThread() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  ready_.notify_one();
  thread_.join();
}

void ApplyThread::rethrow_failure() {
  if (failed_) std::rethrow_exception(failed_);
}

void ApplyThread::push(const Message& m) {
  std::unique_lock lock(mutex_);
  room_.wait(lock, [&] { return queue_.size() < capacity_ || failed_; });
  rethrow_failure();
  queue_.push_back(m);
  if (queue_.size() == 1) ready_.notify_one();
}

void ApplyThread::drain() {
  std::unique_lock lock(mutex_);
  room_.wait(lock, [&] { return (queue_.empty() && in_hand_ == 0) || failed_; });
  rethrow_failure();
}

std::size_t ApplyThread::waiting() const {
  std::lock_guard lock(mutex_);
  return queue_.size() + in_hand_;
}

void ApplyThread::run() {
  std::vector<Message> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      in_hand_ = 0;
      room_.notify_all();
      ready_.wait(lock, [&] { return !queue_.empty() || stop_; });
      if (queue_.empty()) return;  // stopped, nothing left
      batch.swap(queue_);
      queue_.clear();
      in_hand_ = batch.size();
    }
    room_.notify_all();
    try {
      for (const Message& m : batch) apply_(m);
    } catch (...) {
      std::lock_guard lock(mutex_);
      failed_ = std::current_exception();
      in_hand_ = 0;
      queue_.clear();
      room_.notify_all();
      return;
    }
    batch.clear();
  }
}

}  // namespace twin
