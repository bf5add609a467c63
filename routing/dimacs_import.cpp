#include "routing/dimacs_import.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <lzma.h>

#include "routing/machine_memory.h"

namespace routing {

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw MapError(path, "cannot open the file");
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string raw = ss.str();
  if (!ends_with(path, ".xz")) return raw;
  lzma_stream strm = LZMA_STREAM_INIT;
  if (lzma_stream_decoder(&strm, UINT64_MAX, 0) != LZMA_OK)
    throw MapError(path, "cannot start the xz decoder");
  std::string out;
  std::vector<std::uint8_t> buffer(1 << 20);
  strm.next_in = reinterpret_cast<const std::uint8_t*>(raw.data());
  strm.avail_in = raw.size();
  lzma_ret ret = LZMA_OK;
  do {
    strm.next_out = buffer.data();
    strm.avail_out = buffer.size();
    ret = lzma_code(&strm, LZMA_FINISH);
    out.append(reinterpret_cast<const char*>(buffer.data()), buffer.size() - strm.avail_out);
    // The text is parsed from memory; a file that expands beyond it is refused, not a crash.
    if (!fits_in_memory(4.0 * static_cast<double>(out.size()))) {
      lzma_end(&strm);
      throw MapError(path, "decompresses to more than " +
                               bytes_text(static_cast<double>(out.size())) +
                               ", over a quarter of this machine's memory (" +
                               bytes_text(static_cast<double>(physical_memory_bytes())) + ")");
    }
  } while (ret == LZMA_OK);
  lzma_end(&strm);
  if (ret != LZMA_STREAM_END) throw MapError(path, "not a valid xz file");
  return out;
}

// Splits `text` into lines and fields, reporting errors with their line number.
class LineReader {
 public:
  // `text` must outlive the reader.
  LineReader(std::string path, const std::string& text) : path_(std::move(path)), text_(text) {}

  bool next() {
    if (pos_ >= text_.size()) return false;
    const std::size_t end = std::min(text_.find('\n', pos_), text_.size());
    line_ = std::string_view(text_).substr(pos_, end - pos_);
    if (!line_.empty() && line_.back() == '\r') line_.remove_suffix(1);
    pos_ = end + 1;
    ++number_;
    field_ = 0;
    return true;
  }
  std::string_view line() const { return line_; }
  char kind() const { return line_.empty() ? '\0' : line_.front(); }

  std::string_view word(const char* what) {
    while (field_ < line_.size() && line_[field_] == ' ') ++field_;
    if (field_ >= line_.size())
      fail(std::string("expected ") + what + ", found the end of the line");
    const std::size_t start = field_;
    while (field_ < line_.size() && line_[field_] != ' ' && line_[field_] != '\t') ++field_;
    return line_.substr(start, field_ - start);
  }
  template <typename T>
  T number(const char* what) {
    const std::string_view w = word(what);
    T v{};
    const auto [p, ec] = std::from_chars(w.data(), w.data() + w.size(), v);
    if (ec != std::errc() || p != w.data() + w.size())
      fail(std::string("expected ") + what + ", found '" + std::string(w) + "'");
    return v;
  }
  [[noreturn]] void fail(const std::string& why) const {
    throw MapError(path_, "line " + std::to_string(number_) + ": " + why);
  }

 private:
  std::string path_;
  const std::string& text_;
  std::size_t pos_ = 0;
  std::size_t number_ = 0;
  std::string_view line_;
  std::size_t field_ = 0;
};

std::uint32_t node_id(LineReader& r, std::size_t n, const char* what) {
  const auto id = r.number<std::uint64_t>(what);
  if (id < 1 || id > n)
    r.fail(std::string("expected ") + what + " between 1 and " + std::to_string(n) + ", found " +
           std::to_string(id));
  return static_cast<std::uint32_t>(id - 1);
}

// Memory the import takes at its peak per node and per arc (the arcs read, the graph, its
// largest component and the network built from it): about 100 MB for ny.pace's 2.6e5 nodes and
// 7.3e5 arcs, 36 bytes a node for 2e6 nodes without arcs; about twice that, for a margin.
constexpr double kBytesPerNode = 200;
constexpr double kBytesPerArc = 160;
constexpr std::size_t kMinArcLineBytes = 4;  // "1 2\n", a PACE edge

// Refuses a header whose graph cannot be held in this machine's memory, before allocating.
void check_fits(const LineReader& r, std::size_t n, std::size_t m, bool pace) {
  const double arcs = static_cast<double>(m) * (pace ? 2 : 1);
  const double bytes = static_cast<double>(n) * kBytesPerNode + arcs * kBytesPerArc;
  if (fits_in_memory(bytes)) return;
  r.fail("expected a graph this machine's memory can hold (" +
         bytes_text(static_cast<double>(physical_memory_bytes())) + "), found a 'p' line of " +
         std::to_string(n) + " nodes and " + std::to_string(m) + (pace ? " edges" : " arcs") +
         " needing about " + bytes_text(bytes));
}

std::string coordinates_file(const std::string& path) {
  for (const auto& [gr, co] : {std::pair{".gr.xz", ".co.xz"}, std::pair{".gr", ".co"}})
    if (ends_with(path, gr)) {
      const std::string base = path.substr(0, path.size() - std::string(gr).size());
      for (const char* suffix : {co, ".co"})
        if (std::filesystem::exists(base + suffix)) return base + suffix;
    }
  return {};
}

void read_coordinates(const std::string& path, std::vector<LatLon>& nodes) {
  const std::string text = read_all(path);
  LineReader r(path, text);
  while (r.next()) {
    if (r.kind() != 'v') continue;
    r.word("'v'");
    const std::uint32_t id = node_id(r, nodes.size(), "a node id");
    const auto lon = r.number<std::int64_t>("a longitude in millionths of a degree");
    const auto lat = r.number<std::int64_t>("a latitude in millionths of a degree");
    nodes[id] = {static_cast<double>(lat) * 1e-6, static_cast<double>(lon) * 1e-6};
  }
}

}  // namespace

float pace_edge_length_m(std::uint32_t u, std::uint32_t v) {
  // splitmix64 of the unordered pair.
  std::uint64_t z = (static_cast<std::uint64_t>(std::min(u, v)) << 32) | std::max(u, v);
  z += 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  z ^= z >> 31;
  return 200.0f + static_cast<float>(z % 1801);
}

RoadNetwork import_dimacs(const std::string& path, DimacsImportStats* stats) {
  if (!std::filesystem::is_regular_file(path)) throw MapError(path, "no such file");
  const std::string text = read_all(path);
  LineReader r(path, text);
  std::size_t n = 0, m = 0;
  bool pace = false, have_header = false;
  std::vector<Arc> arcs;
  while (r.next()) {
    const char k = r.kind();
    if (k == '\0' || k == 'c') continue;
    if (k == 'p') {
      if (have_header) r.fail("expected one 'p' line, found a second");
      r.word("'p'");
      const std::string_view format = r.word("'sp' or 'tw'");
      if (format != "sp" && format != "tw")
        r.fail("expected 'sp' or 'tw', found '" + std::string(format) + "'");
      pace = format == "tw";
      n = r.number<std::size_t>("the node count");
      m = r.number<std::size_t>("the arc count");
      if (n == 0) r.fail("expected at least one node, found 0");
      if (m == 0)
        r.fail(std::string("expected at least one ") + (pace ? "edge" : "arc") + ", found 0");
      if (n >= kNoNode)
        r.fail("expected at most " + std::to_string(kNoNode - 1) + " nodes (32-bit ids), found " +
               std::to_string(n));
      check_fits(r, n, m, pace);
      // No more than the text can hold: a header may claim more arcs than the file has.
      arcs.reserve(std::min(pace ? 2 * m : m, 2 * (text.size() / kMinArcLineBytes + 1)));
      have_header = true;
      continue;
    }
    if (!have_header) r.fail("expected the 'p sp N M' or 'p tw N M' line first");
    if (pace) {
      const std::uint32_t u = node_id(r, n, "a node id");
      const std::uint32_t v = node_id(r, n, "a node id");
      const float len = pace_edge_length_m(u + 1, v + 1);
      arcs.push_back({u, v, len, kDimacsSpeedKmh, RoadClass::unclassified});
      arcs.push_back({v, u, len, kDimacsSpeedKmh, RoadClass::unclassified});
    } else {
      if (k != 'a') r.fail("expected an 'a u v w' arc line, found '" + std::string(r.line()) + "'");
      r.word("'a'");
      const std::uint32_t u = node_id(r, n, "a node id");
      const std::uint32_t v = node_id(r, n, "a node id");
      const auto w = r.number<std::uint64_t>("a non-negative integer weight");
      arcs.push_back({u, v, static_cast<float>(w), kDimacsSpeedKmh, RoadClass::unclassified});
    }
  }
  if (!have_header) throw MapError(path, "expected a 'p sp N M' or 'p tw N M' line, found none");
  const std::size_t declared = pace ? 2 * m : m;
  if (arcs.size() != declared)
    throw MapError(path, "expected " + std::to_string(m) + (pace ? " edges" : " arcs") +
                             " as the 'p' line says, found " +
                             std::to_string(pace ? arcs.size() / 2 : arcs.size()));
  std::vector<LatLon> nodes(n, LatLon{0, 0});
  const std::string co = coordinates_file(path);
  if (!co.empty()) read_coordinates(co, nodes);
  if (stats) *stats = {n, arcs.size(), !co.empty()};
  return largest_strong_component(nodes, arcs);
}

}  // namespace routing
