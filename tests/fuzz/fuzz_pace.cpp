// The PACE 2016 variant of the DIMACS importer ("p tw N M", one undirected edge per line), fed
// as a plain .gr; its own target so that its corpus grows from PACE graphs.
#include <cstdint>

#include "routing/dimacs_import.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (fuzz::declares_large_graph(text)) return 0;
  const std::string path = fuzz::write_file("pace.gr", text);
  try {
    const routing::RoadNetwork net = routing::import_dimacs(path);
    if (net.node_count() == 0) __builtin_trap();
  } catch (const routing::MapError&) {
  }
  return 0;
}
