// The DIMACS importer (9th Challenge .gr with its .co coordinates, plain or xz): the input is the
// .gr text, then after a '\f' the .co text. An input starting with the xz magic is the .gr.xz.
#include <cstdint>
#include <filesystem>

#include "routing/dimacs_import.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parts = fuzz::split_parts(data, size, 2);
  if (fuzz::declares_large_graph(parts[0])) return 0;
  const bool xz = parts[0].starts_with(
      "\xFD"
      "7zXZ");
  std::error_code ec;
  for (const char* name : {"map.gr", "map.gr.xz", "map.co"})
    std::filesystem::remove(fuzz::work_dir() / name, ec);
  const std::string path = fuzz::write_file(xz ? "map.gr.xz" : "map.gr", parts[0]);
  if (parts.size() > 1) fuzz::write_file("map.co", parts[1]);
  try {
    const routing::RoadNetwork net = routing::import_dimacs(path);
    if (net.node_count() == 0) __builtin_trap();  // the largest component has a node
  } catch (const routing::MapError&) {
  }
  return 0;
}
