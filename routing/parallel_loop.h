// parallel_loop(n, body): body(i) for every i in [0, n) on oneTBB's workers. Under
// ThreadSanitizer it runs serially instead, because TSan cannot see the synchronisation inside
// Debian's uninstrumented libtbb (the engine's sim::parallel_for_each does the same).
#pragma once

#include <cstddef>

#if !defined(__SANITIZE_THREAD__)
#include <tbb/parallel_for.h>
#endif

namespace routing {

template <class Body>
void parallel_loop(std::size_t n, Body&& body) {
#if defined(__SANITIZE_THREAD__)
  for (std::size_t i = 0; i < n; ++i) body(i);
#else
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) { body(i); });
#endif
}

}  // namespace routing
