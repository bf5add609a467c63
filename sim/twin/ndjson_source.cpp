#include "sim/twin/ndjson_source.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <thread>

namespace twin {

namespace {

class Lines {
 public:
  Lines(Ingestor& ingest, std::size_t max_bytes) : ingest_(ingest), max_(max_bytes) {}

  void feed(const char* p, std::size_t n) {
    while (n) {
      const void* nl = std::memchr(p, '\n', n);
      const std::size_t take = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - p) : n;
      append(p, take);
      if (!nl) return;
      end_line();
      p += take + 1;
      n -= take + 1;
    }
  }
  void end_line() {
    if (size_ > max_ + 1) {  // + 1: a '\r' may follow a message of max_ bytes
      ingest_.refuse_oversized(line_, size_);
    } else {
      std::string_view l(line_);
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      if (l.find_first_not_of(" \t") != std::string_view::npos) ingest_.ingest(l);
    }
    line_.clear();
    size_ = 0;
    ++lines_;
  }
  bool pending() const { return size_ > 0; }
  std::uint64_t lines() const { return lines_; }

 private:
  void append(const char* p, std::size_t n) {
    const std::size_t room = size_ <= max_ + 1 ? max_ + 2 - size_ : 0;
    line_.append(p, std::min(n, room));
    size_ += n;
  }
  Ingestor& ingest_;
  std::size_t max_;
  std::string line_;
  std::size_t size_ = 0;  // the whole line's length, also past what is kept
  std::uint64_t lines_ = 0;
};

}  // namespace

std::uint64_t read_ndjson(int fd, Ingestor& ingest, const NdjsonOptions& opt,
                          const std::atomic<bool>& stop) {
  struct stat st {};
  const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  Lines reader(ingest, ingest.max_bytes());
  std::string buffer(1 << 16, '\0');
  while (!stop.load()) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n > 0) {
      reader.feed(buffer.data(), static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    if (!(opt.follow && regular)) break;
    ingest.tick();
    std::this_thread::sleep_for(opt.poll);
  }
  if (reader.pending() && !stop.load()) reader.end_line();  // a last line without its '\n'
  ingest.flush();
  return reader.lines();
}

}  // namespace twin
