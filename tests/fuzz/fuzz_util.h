// Shared by the libFuzzer targets: the parsers read files by path, so each input is written to a
// file in a folder of the fuzzer's own. An input that holds several files separates them with a
// form feed ('\f'), which none of the formats uses.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace fuzz {

// A temporary folder for this process, made on first use and removed at exit.
inline const std::filesystem::path& work_dir() {
  static const std::filesystem::path dir = [] {
    std::string tmpl = (std::filesystem::temp_directory_path() / "halfhour-fuzz-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) std::abort();
    static const std::string removed = tmpl;
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(removed, ec);
    });
    return std::filesystem::path(tmpl);
  }();
  return dir;
}

// Writes `bytes` to `name` in the work folder and returns its path.
inline std::string write_file(const std::string& name, std::string_view bytes) {
  const auto path = work_dir() / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) std::abort();
  return path.string();
}

// The input split at each '\f' into at most `max_parts` parts (the last takes the rest).
inline std::vector<std::string_view> split_parts(const std::uint8_t* data, std::size_t size,
                                                 std::size_t max_parts) {
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (parts.size() + 1 < max_parts) {
    const std::size_t ff = all.find('\f', start);
    if (ff == std::string_view::npos) break;
    parts.push_back(all.substr(start, ff - start));
    start = ff + 1;
  }
  parts.push_back(all.substr(start));
  return parts;
}

// Whether DIMACS or PACE text declares, on its first 'p' line, a graph of more than 2^16 nodes
// or arcs that the importer would accept. Its work is linear in them (the memory check bounds
// them), so such inputs spend the fuzzer's time allocating, not parsing: the targets skip them
// (at 2^20 one input took 15 s under AddressSanitizer).
// Headers beyond any machine (32-bit ids, 10^10 arcs) still go through, to exercise the refusal.
inline bool declares_large_graph(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.starts_with('p')) continue;
    std::uint64_t counts[2] = {0, 0};
    std::size_t field = 0, i = 0;
    for (int word = 0; word < 4 && i < line.size(); ++word) {
      while (i < line.size() && line[i] == ' ') ++i;
      const std::size_t start = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
      if (word < 2) continue;
      std::uint64_t v = 0;
      for (std::size_t k = start; k < i && v < (1ull << 40); ++k)
        v = line[k] >= '0' && line[k] <= '9' ? v * 10 + static_cast<unsigned>(line[k] - '0') : v;
      counts[field++] = v;
    }
    const std::uint64_t n = counts[0], m = counts[1];
    return (n > (1u << 16) || m > (1u << 16)) && n < 0xffffffffull && m < 10'000'000'000ull;
  }
  return false;
}

}  // namespace fuzz
