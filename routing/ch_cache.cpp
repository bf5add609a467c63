#include "routing/ch_cache.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <unistd.h>

namespace routing {

namespace {

// Version 3: edges carry the transport modes they are open to and maps keep detached parts, so a
// hierarchy written before (version 2) came from another network and is rebuilt.
constexpr char kMagic[8] = {'H', 'H', 'C', 'H', '0', '0', '0', '3'};

std::uint64_t fnv1a(const char* data, std::size_t n) {
  std::uint64_t h = 1469598103934665603ull;
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

class Reader {
 public:
  explicit Reader(const std::string& bytes) : bytes_(bytes) {}
  template <typename T>
  bool get(T& v) {
    if (pos_ + sizeof v > bytes_.size()) return false;
    std::memcpy(&v, bytes_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return true;
  }
  template <typename T>
  bool get_vector(std::vector<T>& v, std::uint64_t max_size) {
    std::uint64_t n = 0;
    if (!get(n) || n > max_size || pos_ + n * sizeof(T) > bytes_.size()) return false;
    v.resize(n);
    std::memcpy(v.data(), bytes_.data() + pos_, n * sizeof(T));
    pos_ += n * sizeof(T);
    return true;
  }

 private:
  const std::string& bytes_;
  std::size_t pos_ = 0;
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
  put(out, fnv1a(out.data(), out.size()));
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
  std::ifstream f(path, std::ios::binary);
  if (!f) return std::nullopt;
  std::ostringstream ss;
  ss << f.rdbuf();
  const std::string bytes = ss.str();
  if (bytes.size() < sizeof kMagic + 2 * sizeof(std::uint64_t) ||
      std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
    return std::nullopt;
  std::uint64_t stored = 0;
  std::memcpy(&stored, bytes.data() + bytes.size() - sizeof stored, sizeof stored);
  if (stored != fnv1a(bytes.data(), bytes.size() - sizeof stored)) return std::nullopt;
  const std::string body =
      bytes.substr(sizeof kMagic, bytes.size() - sizeof kMagic - sizeof stored);
  Reader r(body);
  ContractionHierarchy ch;
  const std::uint64_t limit = body.size();
  if (!r.get(ch.source_checksum_) || ch.source_checksum_ != expected_checksum) return std::nullopt;
  if (!r.get_vector(ch.rank_, limit) || !r.get_vector(ch.node_, limit) ||
      !r.get_vector(ch.first_, limit) || !r.get_vector(ch.split_, limit) ||
      !r.get_vector(ch.edges_, limit) || !r.get_vector(ch.via_, limit))
    return std::nullopt;
  // The checksum vouches for the bytes; check the shape so a bug elsewhere cannot index out of
  // range.
  const std::size_t n = ch.rank_.size();
  if (ch.node_.size() != n || ch.first_.size() != n + 1 || ch.split_.size() != n ||
      ch.first_.back() != ch.edges_.size() || ch.via_.size() != ch.edges_.size())
    return std::nullopt;
  for (std::uint32_t r = 0; r < n; ++r)
    if (ch.first_[r] > ch.split_[r] || ch.split_[r] > ch.first_[r + 1]) return std::nullopt;
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
