#include "sim/twin/ingest_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include <boost/crc.hpp>

namespace twin {

namespace {

constexpr std::string_view magic{"HHTLOG1\n", 8};

std::uint32_t crc32(std::string_view bytes) {
  boost::crc_32_type crc;
  crc.process_bytes(bytes.data(), bytes.size());
  return crc.checksum();
}

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

std::uint32_t get_u32(const std::string& s, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i)
    v = (v << 8) | static_cast<unsigned char>(s[at + static_cast<std::size_t>(i)]);
  return v;
}

std::string segment_name(std::uint32_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "segment-%08u.log", n);
  return buf;
}

[[noreturn]] void fail(const std::filesystem::path& p, const std::string& what) {
  throw IngestLogError("ingest log " + p.string() + ": " + what +
                       (errno ? std::string(": ") + std::strerror(errno) : ""));
}

std::vector<std::uint32_t> segments_in(const std::filesystem::path& dir) {
  std::vector<std::uint32_t> found;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    unsigned n = 0;
    char tail[8] = {};
    if (name.size() == 20 && std::sscanf(name.c_str(), "segment-%8u.%3s", &n, tail) == 2 &&
        std::string_view(tail) == "log" && segment_name(n) == name)
      found.push_back(n);
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) fail(p, "cannot read");
  return {std::istreambuf_iterator<char>(in), {}};
}

// Walks the records of one segment's bytes; returns the offset where the valid records end and
// sets `why` when they end before the file does, and `torn` when what follows can only be the
// record being appended when the twin stopped (a crash leaves at most that one, cut short or
// with bytes never written): no more than one record's bytes, and a record with a wrong CRC-32
// only as the file's last. A wrong CRC-32 with records after it is damage, not a torn tail.
std::size_t scan(const std::string& bytes, const std::function<void(std::string_view)>& each,
                 std::string& why, bool& torn) {
  torn = true;
  if (bytes.size() < magic.size() || bytes.compare(0, magic.size(), magic) != 0) {
    why = "no segment header";
    return 0;
  }
  std::size_t at = magic.size();
  while (at < bytes.size()) {
    if (bytes.size() - at < 8) {
      why = "an incomplete record header";
      return at;
    }
    const std::uint32_t length = get_u32(bytes, at), crc = get_u32(bytes, at + 4);
    if (length > max_record_bytes) {
      why = "a record length of " + std::to_string(length) + " bytes";
      return at;
    }
    if (bytes.size() - at - 8 < length) {
      why = "a record cut short";
      return at;
    }
    const std::string_view record(bytes.data() + at + 8, length);
    if (crc32(record) != crc) {
      why = "a record whose CRC-32 does not match";
      torn = at + 8 + length == bytes.size();
      return at;
    }
    each(record);
    at += 8 + length;
  }
  return at;
}

}  // namespace

IngestLog::IngestLog(std::filesystem::path dir, IngestLogOptions opt,
                     const std::function<void(std::string_view)>& replay,
                     std::vector<std::string>& warnings)
    : dir_(std::move(dir)), opt_(opt) {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec || !std::filesystem::is_directory(dir_))
    throw IngestLogError("ingest log " + dir_.string() + ": cannot make the folder");
  const auto segments = segments_in(dir_);
  auto count = [&](std::string_view r) {
    ++records_;
    replay(r);
  };
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto path = dir_ / segment_name(segments[i]);
    const std::string bytes = read_all(path);
    std::string why;
    bool torn = true;
    const std::size_t end = scan(bytes, count, why, torn);
    if (end == bytes.size()) continue;
    errno = 0;
    if (i + 1 < segments.size())
      fail(path, "damaged at byte " + std::to_string(end) + " (" + why +
                     "), not the last segment: restore it or move the log aside");
    if (!torn || bytes.size() - end > 8 + max_record_bytes)
      fail(path, "damaged at byte " + std::to_string(end) + " (" + why + ") with " +
                     std::to_string(bytes.size() - end) +
                     " bytes after it, more than a crash leaves: restore it or move the log "
                     "aside");
    warnings.push_back("ingest log " + path.string() + ": dropped a torn tail of " +
                       std::to_string(bytes.size() - end) + " bytes at byte " +
                       std::to_string(end) + " (" + why + "), as a crash leaves it");
    if (::truncate(path.c_str(), static_cast<off_t>(end)) != 0) fail(path, "cannot truncate");
  }
  if (segments.empty()) {
    open_segment(1, true);
  } else {
    const auto path = dir_ / segment_name(segments.back());
    open_segment(segments.back(), std::filesystem::file_size(path) < magic.size());
  }
}

IngestLog::~IngestLog() {
  if (fd_ >= 0) {
    if (unsynced_) ::fdatasync(fd_);
    ::close(fd_);
  }
}

void IngestLog::open_segment(std::uint32_t number, bool fresh) {
  if (fd_ >= 0) {
    sync();
    ::close(fd_);
  }
  const auto path = dir_ / segment_name(number);
  errno = 0;
  fd_ =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (fresh ? O_TRUNC : 0), 0644);
  if (fd_ < 0) fail(path, "cannot open for writing");
  segment_ = number;
  if (fresh) {
    if (::write(fd_, magic.data(), magic.size()) != static_cast<ssize_t>(magic.size()))
      fail(path, "cannot write");
    ::fdatasync(fd_);
    // The new file's name is durable once its folder is.
    const int d = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (d >= 0) {
      ::fsync(d);
      ::close(d);
    }
  }
  segment_size_ = std::filesystem::file_size(path);
}

void IngestLog::append(std::string_view bytes) {
  if (bytes.size() > max_record_bytes)
    throw IngestLogError("ingest log: a record of " + std::to_string(bytes.size()) +
                         " bytes (at most " + std::to_string(max_record_bytes) + ")");
  if (segment_size_ + 8 + bytes.size() > opt_.segment_bytes && segment_size_ > magic.size())
    open_segment(segment_ + 1, true);
  buffer_.clear();
  put_u32(buffer_, static_cast<std::uint32_t>(bytes.size()));
  put_u32(buffer_, crc32(bytes));
  buffer_.append(bytes);
  std::size_t done = 0;
  while (done < buffer_.size()) {
    errno = 0;
    const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail(dir_ / segment_name(segment_), "cannot append");
    done += static_cast<std::size_t>(n);
  }
  segment_size_ += buffer_.size();
  ++records_;
  if (unsynced_++ == 0) first_unsynced_ = std::chrono::steady_clock::now();
  if (unsynced_ >= opt_.sync_records)
    sync();
  else
    tick();
}

void IngestLog::tick() {
  if (unsynced_ && std::chrono::steady_clock::now() - first_unsynced_ >= opt_.sync_ms) sync();
}

void IngestLog::sync() {
  if (!unsynced_) return;
  errno = 0;
  if (::fdatasync(fd_) != 0) fail(dir_ / segment_name(segment_), "cannot sync");
  unsynced_ = 0;
  ++syncs_;
}

std::vector<std::string> read_ingest_log(const std::filesystem::path& dir) {
  std::vector<std::string> records;
  if (!std::filesystem::is_directory(dir)) return records;
  for (const auto n : segments_in(dir)) {
    const auto path = dir / segment_name(n);
    const std::string bytes = read_all(path);
    std::string why;
    bool torn = true;
    const std::size_t end = scan(
        bytes, [&](std::string_view r) { records.emplace_back(r); }, why, torn);
    errno = 0;
    if (end != bytes.size())
      fail(path, "damaged at byte " + std::to_string(end) + " (" + why + ")");
  }
  return records;
}

}  // namespace twin
