// The NDJSON source of the twin: one message per line (a JSON object; a trailing '\r' and blank
// lines are ignored), from a file or stdin, for replays and for CI without a broker. A line
// longer than the size limit is dead-lettered as too_large without being held in memory.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include "sim/twin/ingest.h"

namespace twin {

struct NdjsonOptions {
  // Keep reading a regular file as it grows (tail -f) until `stop`; false: stop at its end.
  bool follow = true;
  std::chrono::milliseconds poll{100};  // how often a followed file is looked at again
};

// Reads lines from `fd` into `ingest` until the end of input (a pipe or stdin closed, or a file's
// end when not following) or until `stop` is set (a signal: reads are interrupted). Returns the
// number of lines read.
std::uint64_t read_ndjson(int fd, Ingestor& ingest, const NdjsonOptions& opt,
                          const std::atomic<bool>& stop);

}  // namespace twin
