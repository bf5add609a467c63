// Runs body(i) for every i in [0, n) on up to `threads` threads (0 = every core), returning when
// all are done. oneTBB does the work; under ThreadSanitizer plain std::threads do, because TSan
// cannot see the synchronisation inside Debian's uninstrumented libtbb and would report every
// hand-over between tasks as a race. Everything of ours in `body` is checked either way.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

#if defined(__SANITIZE_THREAD__)
#define HALFHOUR_PLAIN_THREADS 1
#else
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#endif

namespace sim {

template <class Body>
void parallel_for_each(std::size_t n, int threads, Body&& body) {
#if defined(HALFHOUR_PLAIN_THREADS)
  const std::size_t workers = std::min<std::size_t>(
      n, threads > 0 ? threads : std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (std::size_t w = 1; w < workers; ++w)
    pool.emplace_back([&, w] {
      for (std::size_t i = w; i < n; i += workers) body(i);
    });
  for (std::size_t i = 0; i < n; i += std::max<std::size_t>(workers, 1)) body(i);
  for (auto& t : pool) t.join();
#else
  if (threads == 1 || n <= 1) {
    for (std::size_t i = 0; i < n; ++i) body(i);
    return;
  }
  const auto loop = [&] { tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) { body(i); }); };
  // An arena only to hold the thread count down: more threads than cores only adds contention
  // (and a oneTBB warning), and results do not depend on it.
  const int cores = tbb::this_task_arena::max_concurrency();
  if (threads <= 0 || threads >= cores) {
    loop();
  } else {
    tbb::task_arena arena(threads);
    arena.execute(loop);
  }
#endif
}

}  // namespace sim
