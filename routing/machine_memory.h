// How much memory this machine has, for refusing inputs whose size cannot fit before allocating
// for them (a std::bad_alloc deep in a run tells the user nothing).
#pragma once

#include <unistd.h>

#include <cstdint>
#include <string>

#include <fmt/core.h>

namespace routing {

// Physical memory in bytes (sysconf); 0 when unknown.
inline std::uint64_t physical_memory_bytes() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0) return 0;
  return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_size);
}

// "3.2 GiB", "512.0 MiB", "1.5e+06 GiB".
inline std::string bytes_text(double bytes) {
  constexpr double kMiB = 1024.0 * 1024, kGiB = kMiB * 1024;
  if (bytes < kGiB) return fmt::format("{:.1f} MiB", bytes / kMiB);
  if (bytes < 1e6 * kGiB) return fmt::format("{:.1f} GiB", bytes / kGiB);
  return fmt::format("{:.2g} GiB", bytes / kGiB);
}

// True when `bytes` fits in physical memory (or the memory is unknown).
inline bool fits_in_memory(double bytes) {
  const std::uint64_t total = physical_memory_bytes();
  return total == 0 || bytes <= static_cast<double>(total);
}

}  // namespace routing
