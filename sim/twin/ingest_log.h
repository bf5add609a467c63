// The twin's ingest log: every accepted message, in the order accepted, before it is handed on,
// so that a restarted twin rebuilds exactly what it had (nothing logged lost, nothing applied
// twice). A folder of segment files segment-00000001.log, ... (a new one past segment_bytes);
// each starts with the 8 bytes "HHTLOG1\n" and holds records:
//   u32 length (little-endian) | u32 CRC-32 of the bytes (Boost.CRC crc_32_type) | bytes
// Each append is written to the operating system at once (a killed process loses nothing it
// appended); the file is fsync'd (fdatasync) every sync_records records or sync_ms after the
// first unsynced one, whichever comes first, so a power loss loses at most that batch.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace twin {

// A log that cannot be opened, written, or that is damaged other than at its tail; names the
// file and the byte offset.
class IngestLogError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct IngestLogOptions {
  std::uint32_t sync_records = 512;           // fsync after this many unsynced records
  std::chrono::milliseconds sync_ms{50};      // ... or this long after the first unsynced one
  std::uint64_t segment_bytes = 64ull << 20;  // start a new segment past this size
};

inline constexpr std::uint32_t max_record_bytes = 1u << 20;

class IngestLog {
 public:
  // Opens the log in `dir` (made if missing), verifies every record's length and CRC and hands
  // each to `replay` in order. A bad or incomplete record in the last segment is a torn tail
  // (what kill -9 or a crash leaves): it and what follows are cut off and said in `warnings`.
  // Damage in an earlier segment throws IngestLogError.
  IngestLog(std::filesystem::path dir, IngestLogOptions opt,
            const std::function<void(std::string_view)>& replay,
            std::vector<std::string>& warnings);
  ~IngestLog();
  IngestLog(const IngestLog&) = delete;
  IngestLog& operator=(const IngestLog&) = delete;

  // Appends one record (at most max_record_bytes) and writes it to the operating system; syncs
  // when the batch is full or old enough.
  void append(std::string_view bytes);
  // Syncs if the oldest unsynced record is older than sync_ms (call when idle).
  void tick();
  // Syncs now.
  void sync();

  std::uint64_t records() const { return records_; }  // in the log, replayed ones included
  std::uint64_t syncs() const { return syncs_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  void open_segment(std::uint32_t number, bool fresh);
  std::filesystem::path dir_;
  IngestLogOptions opt_;
  int fd_ = -1;
  std::uint32_t segment_ = 0;
  std::uint64_t segment_size_ = 0;
  std::uint64_t records_ = 0, syncs_ = 0;
  std::uint32_t unsynced_ = 0;
  std::chrono::steady_clock::time_point first_unsynced_;
  std::string buffer_;
};

// Reads every record of a log without changing it (tests, tools); a damaged record anywhere
// throws IngestLogError.
std::vector<std::string> read_ingest_log(const std::filesystem::path& dir);

}  // namespace twin
