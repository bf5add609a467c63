#include "routing/osm_coordinates.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string_view>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <osmium/io/any_compression.hpp>
#include <osmium/io/file.hpp>

#include "routing/road_network.h"

namespace routing {
namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':' || c == '-';
}

// Whether the attribute `name` holds coordinates for osmium's XML reader.
bool is_coordinate_name(std::string_view name) {
  return name == "box" || name.ends_with("lat") || name.ends_with("lon");
}

// Throws unless every comma-separated piece of a value with an exponent is a finite coordinate.
void check_value(const std::string& path, std::string_view name, std::string_view value) {
  const auto refuse = [&](std::string_view why) {
    throw MapError(path, fmt::format("coordinate {}=\"{}\" {}", name, value.substr(0, 64), why));
  };
  if (value.find('&') != std::string_view::npos)
    refuse("is written with an XML character reference; write it as a decimal number");
  if (value.find_first_of("eE") == std::string_view::npos) return;
  std::size_t from = 0;
  while (from <= value.size()) {
    const std::size_t comma = std::min(value.find(',', from), value.size());
    const std::string piece(value.substr(from, comma - from));
    errno = 0;
    char* end = nullptr;
    const double v = std::strtod(piece.c_str(), &end);
    if (errno != 0 || end == piece.c_str() || !std::isfinite(v) || std::abs(v) > 180)
      refuse("is not a coordinate within [-180, 180]");
    from = comma + 1;
  }
}

// Scans XML text for coordinate attributes. Attributes are found as `name = "value"` (either
// quote); the scan keeps the unfinished tail of a chunk for the next one.
class Scanner {
 public:
  explicit Scanner(const std::string& path) : path_(path) {}

  void feed(std::string_view chunk) {
    buffer_ += chunk;
    std::size_t done = scan();
    buffer_.erase(0, done);
  }
  void finish() { scan(); }

 private:
  // Returns how much of the buffer is settled.
  std::size_t scan() {
    const std::string_view b = buffer_;
    std::size_t pos = 0;
    while (true) {
      const std::size_t eq = b.find('=', pos);
      if (eq == std::string_view::npos) return b.size() > kTail ? b.size() - kTail : 0;
      std::size_t name_end = eq;
      while (name_end > 0 && std::isspace(static_cast<unsigned char>(b[name_end - 1]))) --name_end;
      std::size_t name_start = name_end;
      while (name_start > 0 && is_name_char(b[name_start - 1])) --name_start;
      std::size_t q = eq + 1;
      while (q < b.size() && std::isspace(static_cast<unsigned char>(b[q]))) ++q;
      if (q >= b.size()) return name_start;  // wait for the rest
      if (b[q] != '"' && b[q] != '\'') {
        pos = eq + 1;
        continue;
      }
      const std::size_t close = b.find(b[q], q + 1);
      if (close == std::string_view::npos) {
        // An unterminated value longer than any coordinate is not one to check.
        if (b.size() - q > kTail) return b.size() - kTail;
        return name_start;
      }
      const std::string_view name = b.substr(name_start, name_end - name_start);
      if (is_coordinate_name(name)) check_value(path_, name, b.substr(q + 1, close - q - 1));
      pos = close + 1;
    }
  }

  static constexpr std::size_t kTail = 4096;
  const std::string& path_;
  std::string buffer_;
};

}  // namespace

void check_xml_coordinates(const std::string& path) {
  osmium::io::File file(path);
  if (file.format() != osmium::io::file_format::xml) return;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;  // the reader reports it
  std::unique_ptr<osmium::io::Decompressor> decompressor;
  try {
    decompressor =
        osmium::io::CompressionFactory::instance().create_decompressor(file.compression(), fd);
  } catch (const std::exception&) {
    ::close(fd);
    return;  // the reader reports it
  }
  try {
    Scanner scanner(path);
    for (std::string chunk = decompressor->read(); !chunk.empty(); chunk = decompressor->read())
      scanner.feed(chunk);
    scanner.finish();
    decompressor->close();
  } catch (const MapError&) {
    throw;
  } catch (const std::exception&) {
    // A file that cannot be decompressed is the reader's to report, with its own message.
  }
}

void check_xml_coordinates_text(std::string_view xml, const std::string& name) {
  Scanner scanner(name);
  scanner.feed(xml);
  scanner.finish();
}

}  // namespace routing
