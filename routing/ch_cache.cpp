#include "routing/ch_cache.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace routing {

namespace {

// Version 3: edges carry the transport modes they are open to and maps keep detached parts, so a
// hierarchy written before (version 2) came from another network and is rebuilt.
constexpr char kMagic[8] = {'H', 'H', 'C', 'H', '0', '0', '0', '3'};

constexpr std::uint64_t kFnvBasis = 1469598103934665603ull;

std::uint64_t fnv1a(std::uint64_t h, const char* data, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    h ^= static_cast<unsigned char>(data[i]);
    h *= 1099511628211ull;
  }
  return h;
}

template <typename T>
void put(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
template <typename T>
void put_vector(std::string& out, const std::vector<T>& v) {
  put<std::uint64_t>(out, v.size());
  out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

// Reads a hierarchy file front to back straight into its vectors: one copy from the kernel, no
// buffer of the whole file, the checksum taken over the bytes as they pass.
class Reader {
 public:
  explicit Reader(const std::string& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
    struct stat st {};
    if (fd_ >= 0 && ::fstat(fd_, &st) == 0) size_ = static_cast<std::uint64_t>(st.st_size);
  }
  ~Reader() {
    if (fd_ >= 0) ::close(fd_);
  }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  bool ok() const { return fd_ >= 0 && ok_; }
  std::uint64_t size() const { return size_; }
  std::uint64_t hash() const { return hash_; }
  bool at_end() const { return ok() && pos_ == size_; }

  bool bytes(void* to, std::size_t n, bool hashed = true) {
    if (!ok() || pos_ + n > size_) return ok_ = false;
    auto* p = static_cast<char*>(to);
    for (std::size_t done = 0; done < n;) {
      const ssize_t got = ::read(fd_, p + done, n - done);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return ok_ = false;
      done += static_cast<std::size_t>(got);
    }
    pos_ += n;
    if (hashed) hash_ = fnv1a(hash_, p, n);
    return true;
  }
  template <typename T>
  bool get(T& v, bool hashed = true) {
    return bytes(&v, sizeof v, hashed);
  }
  // A vector's length, then its elements; a length that would run past the file is refused
  // before anything is allocated.
  template <typename T>
  bool get_vector(std::vector<T>& v) {
    std::uint64_t n = 0;
    if (!get(n) || n > (size_ - pos_) / sizeof(T)) return ok_ = false;
    v.resize(n);
    return bytes(v.data(), n * sizeof(T));
  }

 private:
  int fd_;
  bool ok_ = true;
  std::uint64_t size_ = 0;
  std::uint64_t pos_ = 0;
  std::uint64_t hash_ = kFnvBasis;
};

}  // namespace

bool CHSerializer::save(const ContractionHierarchy& ch, const std::string& path) {
  std::string out(kMagic, sizeof kMagic);
  put(out, ch.source_checksum_);
  put_vector(out, ch.rank_);
  put_vector(out, ch.node_);
  put_vector(out, ch.first_);
  put_vector(out, ch.split_);
  put_vector(out, ch.edges_);
  put_vector(out, ch.via_);
  put(out, fnv1a(kFnvBasis, out.data(), out.size()));
  const std::string tmp = path + ".tmp." + std::to_string(::getpid()) + "." +
                          std::to_string(std::hash<std::thread::id>()(std::this_thread::get_id()));
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return false;
    f.write(out.data(), static_cast<std::streamsize>(out.size()));
    f.close();
    if (!f) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) std::filesystem::remove(tmp, ec);
  return !ec;
}

std::optional<ContractionHierarchy> CHSerializer::load(const std::string& path,
                                                       std::uint64_t expected_checksum) {
  Reader r(path);
  char magic[sizeof kMagic];
  if (!r.ok() || r.size() < sizeof kMagic + 2 * sizeof(std::uint64_t) ||
      !r.bytes(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0)
    return std::nullopt;
  ContractionHierarchy ch;
  if (!r.get(ch.source_checksum_) || ch.source_checksum_ != expected_checksum) return std::nullopt;
  if (!r.get_vector(ch.rank_) || !r.get_vector(ch.node_) || !r.get_vector(ch.first_) ||
      !r.get_vector(ch.split_) || !r.get_vector(ch.edges_) || !r.get_vector(ch.via_))
    return std::nullopt;
  const std::uint64_t computed = r.hash();
  std::uint64_t stored = 0;
  if (!r.get(stored, /*hashed=*/false) || !r.at_end() || stored != computed) return std::nullopt;
  // The checksum vouches for the bytes; check the shape so a bug elsewhere cannot index out of
  // range.
  const std::size_t n = ch.rank_.size();
  if (ch.node_.size() != n || ch.first_.size() != n + 1 || ch.split_.size() != n ||
      ch.first_.back() != ch.edges_.size() || ch.via_.size() != ch.edges_.size())
    return std::nullopt;
  for (std::uint32_t k = 0; k < n; ++k)
    if (ch.first_[k] > ch.split_[k] || ch.split_[k] > ch.first_[k + 1]) return std::nullopt;
  for (const auto& e : ch.edges_)
    if (e.head >= n) return std::nullopt;
  ch.link_halves();
  return ch;
}

ContractionHierarchy load_or_build_hierarchy(const std::string& path, std::size_t node_count,
                                             const std::vector<MetricArc>& arcs, int threads,
                                             CacheOutcome* outcome) {
  const std::uint64_t sum = ContractionHierarchy::checksum(node_count, arcs);
  if (!path.empty())
    if (auto ch = CHSerializer::load(path, sum); ch && ch->node_count() == node_count) {
      if (outcome) *outcome = CacheOutcome::loaded;
      return std::move(*ch);
    }
  ContractionHierarchy ch = ContractionHierarchy::build(node_count, arcs, threads);
  if (outcome)
    *outcome = path.empty()                   ? CacheOutcome::disabled
               : CHSerializer::save(ch, path) ? CacheOutcome::built_and_saved
                                              : CacheOutcome::built_not_saved;
  else if (!path.empty())
    CHSerializer::save(ch, path);
  return ch;
}

}  // namespace routing
