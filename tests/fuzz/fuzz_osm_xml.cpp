// The OpenStreetMap importer on OSM XML: any bytes give a road network or a MapError.
#include <cstdint>
#include <string_view>

#include "routing/osm_import.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = fuzz::write_file("map.osm", {reinterpret_cast<const char*>(data), size});
  try {
    const routing::RoadNetwork net = routing::import_osm(path);
    if (net.node_count() == 0) __builtin_trap();
  } catch (const routing::MapError&) {
  }
  return 0;
}
