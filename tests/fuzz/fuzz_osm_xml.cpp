// The OpenStreetMap importer on OSM XML text: any bytes give a road network or a MapError. The
// file path (format by extension, decompressors) is libosmium's and is tested in routing's tests.
#include <cstdint>
#include <string_view>

#include "routing/osm_import.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // In memory: the file reader's 1 MiB buffer per read, page-faulted afresh under AddressSanitizer,
  // held this target to about 50 executions a second.
  try {
    const routing::RoadNetwork net =
        routing::import_osm_xml({reinterpret_cast<const char*>(data), size}, "map.osm");
    if (net.node_count() == 0) __builtin_trap();
  } catch (const routing::MapError&) {
  }
  return 0;
}
